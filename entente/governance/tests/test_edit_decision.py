"""A decision can be corrected (text, nature, point, ratification) by the secretariat; the earlier
wording stays in the history with the reason given."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.governance import agenda_services, decision_services, history, meeting_services
from entente.governance.decision_models import Decision, Ratification

from .conftest import page_text

pytestmark = pytest.mark.django_db


def edit_url(world, decision):
    return reverse("governance:decision_edit", args=[world.own.slug, decision.pk])


def test_secretariat_corrects_the_text_and_the_history_keeps_before_after_and_reason(client, world, item, decision):
    client.force_login(world.users["membre"])
    response = client.post(
        edit_url(world, decision),
        {
            "item": item.pk,
            "text": "Le programme de travail 2030 est adopté.",
            "kind": "orientation",
            "change_note": "Précision de l'année",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.text, decision.kind) == ("Le programme de travail 2030 est adopté.", "orientation")
    change = next(e for e in history.entries_for_decision(decision) if e.operation == "Modification")
    assert (
        "décision",
        "Le programme de travail est adopté.",
        "Le programme de travail 2030 est adopté.",
    ) in change.changes
    assert ("nature", "Validation", "Orientation") in change.changes
    assert change.reason == "Précision de l'année"
    assert change.user == world.users["membre"].public_name
    text = page_text(client.get(decision.get_absolute_url()))
    assert "Précision de l'année" in text and "Modifier la décision" in text


def test_correction_without_reason_is_refused_and_nothing_changes(client, world, item, decision):
    client.force_login(world.users["coordinateur"])
    response = client.post(edit_url(world, decision), {"item": item.pk, "text": "Autre texte", "kind": "validation"})
    assert response.status_code == 400
    assert "Indiquez le motif de la modification" in page_text(response)
    assert Decision.objects.get(pk=decision.pk).text == "Le programme de travail est adopté."


def test_empty_text_is_refused(client, world, item, decision):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        edit_url(world, decision), {"item": item.pk, "text": "  ", "kind": "validation", "change_note": "x"}
    )
    assert response.status_code == 400
    assert "ne peut pas être vide" in page_text(response)


def test_decision_cannot_move_to_a_point_of_another_meeting(world, body, decision):
    import datetime

    month = datetime.timedelta(days=30)
    first = decision.item.meeting
    other = meeting_services.schedule_meeting(
        body=body, starts_at=first.starts_at + month, ends_at=first.ends_at + month
    )
    foreign_item = agenda_services.add_agenda_item(meeting=other, title="Autre point", kind="decision")
    with pytest.raises(ValidationError, match="rattachée à un point de la réunion"):
        decision_services.update_decision(decision, item=foreign_item)


def test_ratification_added_later_creates_a_pending_line_per_partner(world, decision):
    decision_services.update_decision(decision, requires_ratification=True, change_note="Soumise aux assemblées")
    assert decision.ratifications.count() == len(world.partners[world.own.pk])
    assert set(decision.ratifications.values_list("status", flat=True)) == {"en_attente"}


def test_ratification_already_deliberated_cannot_be_dropped(world, decision):
    import datetime

    decision_services.update_decision(decision, requires_ratification=True)
    first = decision.ratifications.first()
    decision_services.record_ratification(
        first,
        status="ratifiee",
        assembly="Commission permanente",
        date=decision.decided_on + datetime.timedelta(days=10),
        deliberation_reference="CP-1",
    )
    with pytest.raises(ValidationError, match="délibérations sont déjà enregistrées"):
        decision_services.update_decision(decision, requires_ratification=False)
    decision.refresh_from_db()
    assert decision.requires_ratification and Ratification.objects.filter(decision=decision).count() == 2


def test_pending_ratifications_are_dropped_when_no_longer_required(world, decision):
    decision_services.update_decision(decision, requires_ratification=True)
    decision_services.update_decision(decision, requires_ratification=False, change_note="Erreur de saisie")
    assert not decision.ratifications.exists()


def test_observer_and_contributor_cannot_edit_a_decision(client, world, item, decision):
    for role in ("observateur", "contributeur"):
        client.force_login(world.users[role])
        response = client.post(
            edit_url(world, decision), {"item": item.pk, "text": "Piraté", "kind": "validation", "change_note": "x"}
        )
        assert response.status_code == 403
    assert Decision.objects.get(pk=decision.pk).text == "Le programme de travail est adopté."


def test_outsider_gets_404(client, world, decision):
    client.force_login(world.users["outsider"])
    assert client.get(edit_url(world, decision)).status_code == 404
