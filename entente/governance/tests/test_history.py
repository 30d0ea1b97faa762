"""Every change to meetings, minutes, decisions and follow-ups is kept and shown to members."""

import datetime

import pytest
from django.urls import reverse

from entente.governance import history, services

from .conftest import page_text

pytestmark = pytest.mark.django_db


def test_followup_change_is_recorded_with_before_and_after(world, decision):
    followup = services.add_followup(decision=decision, title="Rapport", due_on=datetime.date(2030, 5, 1),
                                     owner=world.users["membre"])
    services.update_followup(followup, status="en_cours")
    entries = history.entries_for_decision(decision)
    change = next(e for e in entries if e.kind == "Suite à donner" and e.operation == "Modification")
    assert ("état", "À faire", "En cours") in change.changes


def test_meeting_move_is_recorded(meeting):
    services.update_meeting(meeting, place="Hôtel du département")
    entries = history.entries_for_meeting(meeting)
    change = next(e for e in entries if e.kind == "Réunion" and e.operation == "Modification")
    assert ("lieu", "Salle du conseil", "Hôtel du département") in change.changes


def test_history_page_is_visible_to_members_not_to_contributors(client, world, decision):
    services.update_decision(decision, text="Texte précisé")
    client.force_login(world.users["observateur"])
    response = client.get(reverse("governance:history", args=[world.own.slug]))
    assert response.status_code == 200 and "Texte précisé" in page_text(response)
    client.force_login(world.users["contributeur"])
    assert client.get(reverse("governance:history", args=[world.own.slug])).status_code == 403


def test_history_records_the_author_of_a_change(client, world, decision):
    client.force_login(world.users["coordinateur"])
    client.post(reverse("governance:followup_add", args=[world.own.slug, decision.pk]), {
        "title": "Préparer la délibération", "owner": world.users["membre"].pk, "due_on": "2030-06-01"})
    entries = history.entries_for_decision(decision)
    created = next(e for e in entries if e.label == "Préparer la délibération")
    assert created.user == world.users["coordinateur"].public_name
