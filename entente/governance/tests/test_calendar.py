"""iCalendar: one meeting, a body's feed, a person's feed; invitations carry the .ics."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from entente.governance import agenda_services, meeting_services
from entente.governance.body_models import BodyMember
from entente.governance.ical import meeting_ics

pytestmark = pytest.mark.django_db


def test_meeting_ics_content(meeting, item):
    calendar = Calendar.from_ical(meeting_ics(meeting))
    [event] = calendar.walk("VEVENT")
    assert event["uid"] == f"{meeting.uid}@entente"
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert str(event["location"]) == "Salle du conseil"
    assert "Adoption du programme" in str(event["description"])
    assert str(event["status"]) == "CONFIRMED"


def test_moving_a_meeting_bumps_the_sequence(meeting):
    meeting_services.update_meeting(meeting, place="Hôtel du département")
    [event] = Calendar.from_ical(meeting_ics(meeting)).walk("VEVENT")
    assert event["sequence"] == 1


def test_body_feed_by_secret_address(client, body, meeting):
    response = client.get(reverse("governance:body_feed", args=[body.calendar_token]))
    assert response.status_code == 200
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1


def test_person_feed_lists_meetings_of_bodies_where_the_person_sits(client, world, body, meeting):
    token = meeting_services.calendar_token_for(world.users["membre"])
    response = client.get(reverse("governance:person_feed", args=[token.key]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 1
    outsider_token = meeting_services.calendar_token_for(world.users["outsider"])
    response = client.get(reverse("governance:person_feed", args=[outsider_token.key]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 0


def test_resetting_the_address_revokes_the_old_one(client, world):
    old = meeting_services.calendar_token_for(world.users["membre"]).key
    client.force_login(world.users["membre"])
    client.post(reverse("governance:calendar_token_reset"))
    assert client.get(reverse("governance:person_feed", args=[old])).status_code == 404


def test_sending_the_agenda_emails_invitations_with_ics_after_commit(world, body, meeting, item, settings,
                                                                     django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    BodyMember.objects.create(body=body, partner=world.partners[world.own.pk][1], role="membre", label="DGS")
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.send_agenda(meeting)
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(world.users[r].email for r in ("coordinateur", "membre", "observateur",
                                                                "contributeur"))
    message = mail.outbox[0]
    assert message.subject.startswith("Convocation — Conférence du 10/03/2030")
    name, content, mimetype = message.attachments[0]
    assert name == "reunion.ics" and mimetype.startswith("text/calendar")
    assert "Adoption du programme" in message.body


def test_empty_agenda_cannot_be_sent(meeting):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="vide"):
        agenda_services.send_agenda(meeting)


def test_cancelling_a_sent_meeting_notifies_members(world, meeting, item, settings,
                                                    django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.send_agenda(meeting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.cancel_meeting(meeting)
    assert mail.outbox and mail.outbox[0].subject.startswith("Annulation")


def test_meeting_reminders_leave_once_in_the_48_hours_before(world, meeting, item, settings):
    import datetime

    from entente.governance.notifications import send_meeting_reminders

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    too_early = meeting.starts_at - datetime.timedelta(days=5)
    assert send_meeting_reminders(now=too_early) == 0
    day_before = meeting.starts_at - datetime.timedelta(days=1)
    assert send_meeting_reminders(now=day_before) == 4
    assert mail.outbox[0].subject.startswith("Rappel — Conférence")
    assert send_meeting_reminders(now=day_before) == 0


def test_invitation_names_convener_chair_and_documents(world, body, meeting, item, settings,
                                                       django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    agenda_services.add_document(item=item, title="Programme de travail", url="https://exemple.fr/programme.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.send_agenda(meeting)
    first_partner = world.partners[world.own.pk][0].organization
    body_text = mail.outbox[0].body
    assert f"Convoquée par : {first_partner}" in body_text
    assert f"Présidée ou animée par : {first_partner}" in body_text
    assert "- Programme de travail (point 1)" in body_text


def test_document_added_after_the_deadline_is_flagged(client, world, meeting, item):
    import datetime

    from django.urls import reverse

    from entente.governance.meeting_models import AgendaDocument

    from .conftest import page_text

    document = agenda_services.add_document(item=item, title="Note tardive", url="https://exemple.fr/note.pdf")
    AgendaDocument.objects.filter(pk=document.pk).update(added_at=meeting.starts_at - datetime.timedelta(hours=2))
    client.force_login(world.users["membre"])
    text = page_text(client.get(reverse("governance:meeting", args=[world.own.slug, meeting.pk])))
    assert "Note tardive</a> <span class=\"fr-badge fr-badge--sm fr-badge--warning\">joint après la date limite" in text


def test_marking_a_meeting_held_sends_no_email(world, meeting, item, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.send_agenda(meeting)
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.update_meeting(meeting, status="tenue")
    assert len(mail.outbox) == sent
