"""A decision needing ratification is in force only once every partner's assembly has ratified it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from entente.governance import agenda_services, decision_services, decision_states, meeting_services, selectors

from .conftest import paris

pytestmark_db = pytest.mark.django_db


def test_ratification_states():
    assert decision_states.ratification_state([], required=False) == "sans_objet"
    assert decision_states.ratification_state(["ratifiee", "en_attente"]) == "en_attente"
    assert decision_states.ratification_state(["ratifiee", "ratifiee"]) == "en_vigueur"
    assert decision_states.ratification_state(["ratifiee", "refusee"]) == "refusee"
    assert decision_states.ratification_state([]) == "en_attente"


@pytest.fixture
def ratified_decision(world, body):
    meeting = meeting_services.schedule_meeting(
        body=body, starts_at=paris(2024, 10, 24, 10), ends_at=paris(2024, 10, 24, 12)
    )
    item = agenda_services.add_agenda_item(meeting=meeting, title="Convention", kind="decision")
    return decision_services.record_decision(
        item=item, text="La convention de l'entente est approuvée.", kind="validation", requires_ratification=True
    )


@pytest.mark.django_db
def test_one_pending_ratification_per_signatory_partner(world, ratified_decision):
    assert ratified_decision.ratifications.count() == 2
    assert set(ratified_decision.ratifications.values_list("status", flat=True)) == {"en_attente"}


@pytest.mark.django_db
def test_decision_in_force_only_when_all_partners_ratified(world, ratified_decision):
    first, second = ratified_decision.ratifications.all()
    decision_services.record_ratification(
        first,
        status="ratifiee",
        assembly="Conseil départemental",
        date=datetime.date(2024, 11, 4),
        deliberation_reference="CD-2024-118",
    )
    [row] = selectors.register(world.own)
    assert selectors.decision_state(row) == "en_attente"
    decision_services.record_ratification(
        second,
        status="ratifiee",
        assembly="Commission permanente",
        date=datetime.date(2024, 11, 18),
        deliberation_reference="CP-2024-77",
    )
    [row] = selectors.register(world.own)
    assert selectors.decision_state(row) == "en_vigueur"
    assert list(selectors.register(world.own, state="en_vigueur")) == [row]
    assert not selectors.register(world.own, state="en_attente").exists()


@pytest.mark.django_db
def test_ratification_needs_assembly_date_and_reference(ratified_decision):
    ratification = ratified_decision.ratifications.first()
    with pytest.raises(ValidationError, match="la référence de la délibération"):
        decision_services.record_ratification(
            ratification, status="ratifiee", assembly="Conseil", date=datetime.date(2024, 11, 4)
        )


@pytest.mark.django_db
def test_ratification_cannot_precede_the_decision(ratified_decision):
    ratification = ratified_decision.ratifications.first()
    with pytest.raises(ValidationError, match="précéder"):
        decision_services.record_ratification(
            ratification,
            status="ratifiee",
            assembly="Conseil",
            date=datetime.date(2024, 1, 1),
            deliberation_reference="X",
        )


@pytest.mark.django_db
def test_refusal_shows_in_the_register(world, ratified_decision):
    ratification = ratified_decision.ratifications.first()
    decision_services.record_ratification(
        ratification,
        status="refusee",
        assembly="Conseil",
        date=datetime.date(2024, 12, 1),
        deliberation_reference="CD-2024-140",
    )
    [row] = selectors.register(world.own, state="refusee")
    assert selectors.decision_state(row) == "refusee"


def test_entente_conference_decisions_are_proposed_for_ratification(world, meeting):
    from entente.governance.decision_forms import DecisionForm

    assert meeting.body.kind == "conference_entente"
    assert DecisionForm(meeting=meeting).fields["requires_ratification"].initial is True
