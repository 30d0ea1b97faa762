"""Attendance and decisions recorded before the meeting has begun come with a clear French warning."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from entente.governance import agenda_services, meeting_services
from entente.governance.decision_models import Decision
from entente.governance.meeting_models import Attendance

from .conftest import page_text, seat_of

pytestmark = pytest.mark.django_db

WARNING = "La réunion n'a pas encore commencé"


@pytest.fixture
def past_meeting(body, world):
    start = timezone.now() - datetime.timedelta(days=2)
    meeting = meeting_services.schedule_meeting(body=body, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    agenda_services.add_agenda_item(meeting=meeting, title="Budget", kind="decision")
    return meeting


def test_decision_before_the_meeting_is_recorded_with_a_warning(client, world, meeting, item):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("governance:decision_create", args=[world.own.slug, meeting.pk]),
        {"item": item.pk, "text": "Adopté d'avance.", "kind": "validation"},
        follow=True,
    )
    text = page_text(response)
    assert Decision.objects.filter(item=item).exists()
    assert "Attention : décision enregistrée avant le début de la réunion" in text
    assert "10/03/2030 à 14:00" in text


def test_presence_before_the_meeting_is_flagged(client, world, body, meeting):
    client.force_login(world.users["coordinateur"])
    seat = seat_of(body, world.users["membre"])
    response = client.post(
        reverse("governance:attendance_set", args=[world.own.slug, meeting.pk]),
        {"seat": seat.pk, "status": "present"},
        follow=True,
    )
    assert Attendance.objects.filter(meeting=meeting, seat=seat).exists()
    assert "Attention : présence enregistrée avant le début de la réunion" in page_text(response)


def test_an_excuse_received_in_advance_is_not_flagged(client, world, body, meeting):
    client.force_login(world.users["coordinateur"])
    seat = seat_of(body, world.users["membre"])
    response = client.post(
        reverse("governance:attendance_set", args=[world.own.slug, meeting.pk]),
        {"seat": seat.pk, "status": "excuse"},
        follow=True,
    )
    assert "Attention : présence enregistrée" not in page_text(response)


def test_meeting_page_warns_above_the_forms_before_the_meeting(client, world, meeting, item):
    client.force_login(world.users["coordinateur"])
    text = page_text(client.get(meeting.get_absolute_url()))
    assert text.count(WARNING) == 2


def test_no_warning_once_the_meeting_has_begun(client, world, past_meeting):
    client.force_login(world.users["coordinateur"])
    assert WARNING not in page_text(client.get(past_meeting.get_absolute_url()))
    item = past_meeting.items.get()
    response = client.post(
        reverse("governance:decision_create", args=[world.own.slug, past_meeting.pk]),
        {"item": item.pk, "text": "Adopté.", "kind": "validation"},
        follow=True,
    )
    assert "avant le début de la réunion" not in page_text(response)


def test_attendance_sheet_warns_before_the_meeting(client, world, meeting):
    client.force_login(world.users["coordinateur"])
    response = client.get(reverse("governance:attendance_sheet", args=[world.own.slug, meeting.pk]))
    assert WARNING in page_text(response)


def test_api_says_when_a_decision_precedes_its_meeting(client, world, meeting, item, past_meeting):
    client.force_login(world.users["coordinateur"])
    url = f"/api/v1/cooperations/{world.own.slug}/meetings/{meeting.pk}/decisions"
    response = client.post(url, {"item_id": item.pk, "text": "Adopté d'avance.", "kind": "validation"},
                           content_type="application/json")
    assert response.status_code == 201
    assert "avant le début de la réunion" in response.json()["warnings"][0]
    past_item = past_meeting.items.get()
    url = f"/api/v1/cooperations/{world.own.slug}/meetings/{past_meeting.pk}/decisions"
    response = client.post(url, {"item_id": past_item.pk, "text": "Adopté.", "kind": "validation"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["warnings"] == []
