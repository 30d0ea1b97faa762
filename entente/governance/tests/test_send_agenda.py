"""Sending the agenda names who received it, and is refused when it would reach nobody."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.governance import agenda_services, body_services, history, meeting_services, selectors
from entente.governance.body_models import Body, BodyMember
from entente.governance.meeting_models import AgendaSending

from .conftest import page_text, paris

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_body(world):
    """A body whose seats are partners only, represented by no member (partner 1 has no members)."""
    partner = world.partners[world.own.pk][1]
    body = body_services.create_body(cooperation=world.own, name="Comité vide", kind="comite_pilotage")
    BodyMember.objects.create(body=body, partner=partner, role="membre", label="DGS")
    return body


@pytest.fixture
def empty_meeting(empty_body, world):
    meeting = meeting_services.schedule_meeting(
        body=empty_body,
        starts_at=paris(2030, 3, 10, 14),
        ends_at=paris(2030, 3, 10, 16),
        user=world.users["coordinateur"],
    )
    agenda_services.add_agenda_item(meeting=meeting, title="Programme", kind="decision")
    return meeting


def test_agenda_that_would_reach_nobody_is_refused_and_not_marked_sent(empty_meeting):
    with pytest.raises(ValidationError, match="Personne ne recevrait l'ordre du jour"):
        agenda_services.send_agenda(empty_meeting)
    empty_meeting.refresh_from_db()
    assert empty_meeting.agenda_sent_at is None
    assert selectors.agenda_status_of(empty_meeting) != "a_temps"
    assert not AgendaSending.objects.filter(meeting=empty_meeting).exists()


def test_sending_to_nobody_shows_a_french_error_on_the_page(client, world, empty_meeting):
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:agenda_send", args=[world.own.slug, empty_meeting.pk]))
    assert response.status_code == 400
    assert "Personne ne recevrait l'ordre du jour" in page_text(response)
    assert "dans les délais" not in page_text(response).split("Personne ne recevrait")[0][-300:]
    assert len(mail.outbox) == 0


def test_seat_of_a_person_without_email_counts_as_unreached(empty_meeting, world):
    user = world.users["membre"]
    user.email = ""
    user.save()
    BodyMember.objects.create(body=empty_meeting.body, user=user, role="membre")
    with pytest.raises(ValidationError, match="Personne ne recevrait"):
        agenda_services.send_agenda(empty_meeting)


def test_sending_records_names_and_addresses(meeting, item, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sending = agenda_services.send_agenda(meeting, user=world.users["coordinateur"])
    expected = sorted(world.users[role].email for role in ("coordinateur", "membre", "observateur", "contributeur"))
    assert [person["email"] for person in sending.recipients] == expected
    assert {person["name"] for person in sending.recipients} == {
        world.users[role].public_name for role in ("coordinateur", "membre", "observateur", "contributeur")
    }
    assert sorted(address for message in mail.outbox for address in message.to) == expected


def test_confirmation_lists_recipients_and_unreached_seats(client, world, meeting, item, body):
    partner = world.partners[world.own.pk][1]
    BodyMember.objects.create(body=body, partner=partner, role="membre", label="DGA Ressources")
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:agenda_send", args=[world.own.slug, meeting.pk]), follow=True)
    text = page_text(response)
    member = world.users["membre"]
    assert "à 4 personnes" in text
    assert f"{member.public_name} ({member.email})" in text
    assert "Sans destinataire" in text and "DGA Ressources" in text
    assert "Envois de l'ordre du jour" in text


def test_sending_is_kept_in_the_meeting_history(meeting, item, world):
    agenda_services.send_agenda(meeting, user=world.users["coordinateur"])
    entries = [e for e in history.entries_for_meeting(meeting) if e.kind == "Envoi de l'ordre du jour"]
    assert len(entries) == 1
    assert world.users["observateur"].email in entries[0].label
    assert entries[0].label.startswith("convocation à 4 personnes")


def test_other_cooperation_cannot_send_the_agenda(client, world, meeting, item):
    client.force_login(world.users["other_coordinator"])
    response = client.post(reverse("governance:agenda_send", args=[world.own.slug, meeting.pk]))
    assert response.status_code == 404
    assert not AgendaSending.objects.exists()
    assert Body.objects.get(pk=meeting.body_id).meetings.get().agenda_sent_at is None


def test_a_sending_made_outside_entente_is_recorded_without_e_mail(meeting, item, world,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sending = agenda_services.send_agenda(meeting, notify=False)
    assert len(sending.recipients) == 4
    meeting.refresh_from_db()
    assert meeting.agenda_sent_at == sending.sent_at
    assert mail.outbox == []
