"""Meeting, body and decision pages keep the same number of queries however long their lists."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entente.governance import agenda_services, body_services, decision_services, meeting_services
from entente.governance.body_models import BodyMember

pytestmark = pytest.mark.django_db


def count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def grow_meeting(world, body, meeting, n):
    partners = world.partners[world.own.pk]
    for index in range(n):
        item = agenda_services.add_agenda_item(meeting=meeting, title=f"Point {index}", kind="decision",
                                        presenter_partner=partners[0])
        agenda_services.add_document(item=item, title=f"Note {index}", url="https://exemple.fr/note.pdf")
        decision = decision_services.record_decision(item=item, text=f"Décision {index}", kind="validation")
        decision_services.add_followup(decision=decision, title=f"Suite {index}", due_on=datetime.date(2030, 6, 1),
                              owner_partner=partners[1])
        seat = BodyMember.objects.create(body=body, partner=partners[index % 2], label=f"Siège {index}")
        meeting_services.record_attendance(meeting=meeting, seat=seat, status="present")
        meeting_services.save_minutes(meeting=meeting, text=f"Version {index}")
        meeting_services.approve_minutes(meeting.minutes_versions.order_by("-number").first())
        meeting_services.save_minutes(meeting=meeting, text=f"Version {index} corrigée", change_note="Correction")


def test_meeting_and_body_pages_have_a_constant_number_of_queries(client, world, body, meeting):
    client.force_login(world.users["coordinateur"])
    meeting_url = reverse("governance:meeting", args=[world.own.slug, meeting.pk])
    body_url = reverse("governance:body", args=[world.own.slug, body.pk])
    sheet_url = reverse("governance:attendance_sheet", args=[world.own.slug, meeting.pk])
    grow_meeting(world, body, meeting, 1)
    few = [count(client, url) for url in (meeting_url, body_url, sheet_url)]
    grow_meeting(world, body, meeting, 5)
    assert [count(client, url) for url in (meeting_url, body_url, sheet_url)] == few


@pytest.mark.parametrize("role", ["coordinateur", "contributeur", "observateur"])
def test_decision_page_has_a_constant_number_of_queries(client, world, decision, role):
    client.force_login(world.users[role])
    url = reverse("governance:decision", args=[world.own.slug, decision.pk])
    partners = world.partners[world.own.pk]

    def add(n):
        for index in range(n):
            decision_services.add_followup(decision=decision, title=f"Suite {index}", due_on=datetime.date(2030, 6, 1),
                                  owner=world.users["membre"] if index % 2 else None,
                                  owner_partner=partners[index % 2])

    add(1)
    few = count(client, url)
    add(5)
    assert count(client, url) == few


def test_bodies_and_history_pages_have_a_constant_number_of_queries(client, world, body, meeting):
    client.force_login(world.users["coordinateur"])
    urls = [reverse("governance:bodies", args=[world.own.slug]), reverse("governance:history", args=[world.own.slug])]

    def grow(start, n):
        for index in range(start, start + n):
            other = body_services.create_body(cooperation=world.own, name=f"Atelier {index}", kind="atelier_thematique",
                                         periodicity="trimestrielle")
            body_services.add_council_session(other, datetime.date(2030, 1, 1 + index))
            grow_meeting(world, other, meeting_services.schedule_meeting(
                body=other, starts_at=meeting.starts_at, ends_at=meeting.ends_at), 1)

    grow(0, 1)
    few = [count(client, url) for url in urls]
    grow(1, 4)
    assert [count(client, url) for url in urls] == few
