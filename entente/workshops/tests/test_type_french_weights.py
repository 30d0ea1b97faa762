"""Criterion weights and scales typed the French way in the grid table: « 1,5 » is one and a half, an
ambiguous « 1.000 » is refused in French and nothing changes."""

from decimal import Decimal

import pytest

from entente.workshops.factories import WorkshopFactory
from entente.workshops.forms import CriterionForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    return WorkshopFactory(cooperation=world.own)


def table(workshop, weight):
    data = {}
    for criterion in workshop.grid.criteria.all():
        data.update(
            {
                f"label-{criterion.pk}": criterion.label,
                f"kind-{criterion.pk}": criterion.kind,
                f"min-{criterion.pk}": "1",
                f"max-{criterion.pk}": "4",
                f"weight-{criterion.pk}": weight,
                f"axis-{criterion.pk}": criterion.axis,
            }
        )
    return data


def grid_url(world, workshop):
    return f"/cooperations/{world.own.slug}/ateliers/{workshop.pk}/grille/"


def test_a_weight_with_a_decimal_comma_is_stored_as_meant(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    assert client.post(grid_url(world, workshop), table(workshop, "1,5")).status_code == 302
    assert {c.weight for c in workshop.grid.criteria.all()} == {Decimal("1.5")}


def test_an_ambiguous_weight_is_refused_in_french_and_nothing_changes(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    before = [c.weight for c in workshop.grid.criteria.all()]
    response = client.post(grid_url(world, workshop), table(workshop, "1.000"))
    assert response.status_code == 400
    assert "ambigu" in response.content.decode()
    assert [c.weight for c in workshop.grid.criteria.all()] == before


def test_the_new_criterion_form_reads_french_numbers():
    form = CriterionForm(
        data={"label": "Coût", "kind": "echelle", "scale_min": "1", "scale_max": "5", "weight": "2,5", "axis": ""}
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["weight"] == Decimal("2.5")
    assert 'type="number"' not in form.as_p()
