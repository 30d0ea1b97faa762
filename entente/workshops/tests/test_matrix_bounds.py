"""The bounds of the priority matrix: explained on the results page, set by the facilitator, validated."""

import pytest
from django.urls import reverse

from entente.workshops.factories import IdeaFactory
from entente.workshops.grid_services import set_matrix_bounds
from entente.workshops.models import BoundRule, Workshop
from entente.workshops.selectors import Quadrant, workshop_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def midpoint(session):
    """A piste scored exactly in the middle of both scales (2.5 on 1–4, that is 50 out of 100)."""
    idea = IdeaFactory(workshop=session.workshop, organization=session.org_a, title="Piste au milieu")
    session.give(session.a1, idea, 2, 2)
    session.give(session.a2, idea, 3, 3)
    return idea


def quadrant_of(workshop, idea):
    workshop.refresh_from_db()
    return next(r for r in workshop_results(workshop).all_ideas if r.idea.pk == idea.pk).quadrant


def test_a_piste_on_the_bound_is_strong_by_default(session, midpoint):
    assert quadrant_of(session.workshop, midpoint) == Quadrant.ENGAGE


def test_strict_rule_puts_a_piste_on_the_bound_below(session, midpoint):
    set_matrix_bounds(session.workshop, value_threshold=50, feasibility_threshold=50, bound_rule=BoundRule.ABOVE)
    assert quadrant_of(session.workshop, midpoint) == Quadrant.DROP


def test_moved_bounds_move_the_pistes(session):
    assert quadrant_of(session.workshop, session.i2) == Quadrant.QUICK_WINS  # value 33 out of 100
    set_matrix_bounds(session.workshop, value_threshold=30, feasibility_threshold=50, bound_rule=BoundRule.AT_LEAST)
    assert quadrant_of(session.workshop, session.i2) == Quadrant.ENGAGE


def test_results_page_says_how_the_bounds_work(client, world, session, midpoint):
    client.force_login(world.users["coordinateur"])
    url = reverse("workshops:results", args=[world.own.slug, session.workshop.pk])
    text = client.get(url).content.decode()
    assert "supérieure ou égale à 50" in text
    assert "exactement 50 en plus-value et 50 en faisabilité va donc dans « À engager tout de suite »" in text
    set_matrix_bounds(session.workshop, value_threshold=60, feasibility_threshold=40, bound_rule=BoundRule.ABOVE)
    text = client.get(url).content.decode()
    assert "strictement supérieure à 60" in text and "strictement supérieure à 40" in text


def test_facilitator_sets_the_bounds_from_the_grid_page(client, world, session):
    client.force_login(world.users["coordinateur"])
    url = reverse("workshops:matrix_bounds", args=[world.own.slug, session.workshop.pk])
    response = client.post(url, {"value_threshold": "60", "feasibility_threshold": "45", "bound_rule": "au_dessus"})
    assert response.status_code == 302
    workshop = Workshop.objects.get(pk=session.workshop.pk)
    assert (workshop.value_threshold, workshop.feasibility_threshold, workshop.bound_rule) == (60, 45, "au_dessus")
    assert workshop.history.count() >= 2  # the former bounds stay on record


@pytest.mark.parametrize(
    ("value", "message"),
    [("0", "va de 1 à 99"), ("100", "va de 1 à 99"), ("beaucoup", "nombre entier"), ("", "Indiquez le seuil")],
)
def test_bounds_outside_the_scale_are_refused_in_french(client, world, session, value, message):
    client.force_login(world.users["coordinateur"])
    url = reverse("workshops:matrix_bounds", args=[world.own.slug, session.workshop.pk])
    response = client.post(url, {"value_threshold": value, "feasibility_threshold": "50", "bound_rule": "au_moins"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Workshop.objects.get(pk=session.workshop.pk).value_threshold == 50


@pytest.mark.parametrize(("role", "status"), [("observateur", 403), ("other_coordinator", 404), ("anonymous", 404)])
def test_only_the_facilitation_sets_the_bounds(client, world, session, role, status):
    if world.users[role]:
        client.force_login(world.users[role])
    url = reverse("workshops:matrix_bounds", args=[world.own.slug, session.workshop.pk])
    response = client.post(url, {"value_threshold": "70", "feasibility_threshold": "50", "bound_rule": "au_moins"})
    assert response.status_code == status
    assert Workshop.objects.get(pk=session.workshop.pk).value_threshold == 50
