"""Governance numbers typed the French way: quorum, deadlines, lead days, rotation ranks and partner
weights read as meant, ambiguous ones refused in French, and text boxes rather than type=number."""

from decimal import Decimal

import pytest

from entente.governance.body_forms import BodyForm
from entente.governance.body_models import Body, PartnerWeight, Weighting

pytestmark = pytest.mark.django_db

BODY = {
    "name": "Comité",
    "kind": "comite_suivi",
    "periodicity": "annuelle",
    "rotation": "fixe",
    "council_lead_days": "7",
    "agenda_deadline_amount": "48",
    "agenda_deadline_unit": "heures",
    "quorum_basis": "membres",
    "quorum_percent": "50",
    "voting_mode": "aucun",
    "weighting": "aucune",
}


def test_a_quorum_typed_with_its_percent_sign_is_read_as_meant():
    form = BodyForm(data={**BODY, "quorum_percent": "66 %"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["quorum_percent"] == 66


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("quorum_percent", "50,5", "nombre entier"),
        ("agenda_deadline_amount", "1 000", "720"),
        ("council_lead_days", "400", "365"),
    ],
)
def test_body_numbers_out_of_bounds_are_refused_in_french(field, typed, message):
    form = BodyForm(data={**BODY, field: typed})
    assert not form.is_valid()
    assert message in form.errors[field][0].replace("\u00a0", " ")


def test_the_body_form_uses_text_boxes(client, world):
    client.force_login(world.users["coordinateur"])
    html = BodyForm().as_p()
    assert 'type="number"' not in html and 'inputmode="numeric"' in html


def test_partner_weights_typed_with_spaces_are_stored_as_meant(client, world, body):
    partners = world.partners[world.own.pk]
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/gouvernance/instances/{body.pk}/poids/"
    response = client.post(url, {f"weight_{partners[0].pk}": "1 234,5", f"weight_{partners[1].pk}": "0.5"})
    assert response.status_code == 302
    weights = {w.partner_id: w.weight for w in PartnerWeight.objects.filter(body=body)}
    assert weights == {partners[0].pk: Decimal("1234.5"), partners[1].pk: Decimal("0.5")}


def test_an_ambiguous_partner_weight_is_refused_and_nothing_is_stored(client, world, body):
    Body.objects.filter(pk=body.pk).update(weighting=Weighting.CUSTOM)
    partners = world.partners[world.own.pk]
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/gouvernance/instances/{body.pk}/poids/"
    response = client.post(url, {f"weight_{partners[0].pk}": "1.000,5"})
    assert response.status_code == 400
    assert "ambigu" in response.content.decode()
    assert not PartnerWeight.objects.exists()
