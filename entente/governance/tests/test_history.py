"""Every change to meetings, minutes, decisions and follow-ups is kept and shown to members."""

import datetime
import re

import pytest
from django.urls import reverse

from entente.governance import body_services, decision_services, history, meeting_services

from .conftest import page_text

pytestmark = pytest.mark.django_db


def test_followup_change_is_recorded_with_before_and_after(world, decision):
    followup = decision_services.add_followup(decision=decision, title="Rapport", due_on=datetime.date(2030, 5, 1),
                                     owner=world.users["membre"])
    decision_services.update_followup(followup, status="en_cours")
    entries = history.entries_for_decision(decision)
    change = next(e for e in entries if e.kind == "Suite à donner" and e.operation == "Modification")
    assert ("état", "À faire", "En cours") in change.changes


def test_meeting_move_is_recorded(meeting):
    meeting_services.update_meeting(meeting, place="Hôtel du département")
    entries = history.entries_for_meeting(meeting)
    change = next(e for e in entries if e.kind == "Réunion" and e.operation == "Modification")
    assert ("lieu", "Salle du conseil", "Hôtel du département") in change.changes


def test_history_page_is_visible_to_members_not_to_contributors(client, world, decision):
    decision_services.update_decision(decision, text="Texte précisé")
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


def test_changed_owner_is_named_not_numbered(world, decision):
    followup = decision_services.add_followup(decision=decision, title="Note", due_on=datetime.date(2030, 5, 1),
                                     owner=world.users["membre"])
    partner = world.partners[world.own.pk][1]
    decision_services.edit_followup(followup, title="Note", due_on=datetime.date(2030, 5, 1), owner_partner=partner)
    change = next(e for e in history.entries_for_decision(decision)
                  if e.kind == "Suite à donner" and e.operation == "Modification")
    assert ("responsable", world.users["membre"].public_name, "") in change.changes
    assert ("partenaire responsable", "", str(partner.organization)) in change.changes


def test_meeting_times_are_shown_in_paris_time(meeting):
    meeting_services.update_meeting(meeting, starts_at=meeting.starts_at + datetime.timedelta(hours=1),
                            ends_at=meeting.ends_at + datetime.timedelta(hours=1))
    change = next(e for e in history.entries_for_meeting(meeting) if e.operation == "Modification")
    assert ("début", "10/03/2030 14:00", "10/03/2030 15:00") in change.changes


def test_a_corrected_vote_keeps_its_earlier_choice(world, body, meeting, decision):
    from .conftest import seat_of

    attendance = meeting_services.record_attendance(meeting=meeting, seat=seat_of(body, world.users["membre"]),
                                            status="present")
    decision_services.cast_vote(decision=decision, attendance=attendance, choice="contre")
    decision_services.cast_vote(decision=decision, attendance=attendance, choice="pour")
    change = next(e for e in history.entries_for_decision(decision)
                  if e.kind == "Vote" and e.operation == "Modification")
    assert ("vote", "Contre", "Pour") in change.changes


def test_composition_changes_appear_in_the_cooperation_history(world, body):
    from .conftest import seat_of

    seat = seat_of(body, world.users["membre"])
    body_services.update_body_member(seat, user=seat.user, partner=seat.partner, role="suppleant")
    entries = history.entries_for_cooperation(world.own)
    change = next(e for e in entries if e.kind == "Siège" and e.operation == "Modification")
    assert ("rôle", "Membre", "Suppléant·e") in change.changes


def test_attendance_and_ratification_entries_name_the_seat_and_the_partner(world, body, meeting, decision):
    from .conftest import seat_of

    seat = seat_of(body, world.users["membre"])
    meeting_services.record_attendance(meeting=meeting, seat=seat, status="present")
    entry = next(e for e in history.entries_for_meeting(meeting) if e.kind == "Présence")
    assert entry.label == str(seat)
    decision_services.update_decision(decision, requires_ratification=True)
    ratification = decision.ratifications.select_related("partner__organization").first()
    decision_services.record_ratification(ratification, status="ratifiee", assembly="Conseil départemental",
                                 date=decision.decided_on, deliberation_reference="CD-1")
    entry = next(e for e in history.entries_for_decision(decision) if e.kind == "Ratification")
    assert entry.label == f"délibération de {ratification.partner.organization}"


def test_the_functions_of_a_meeting_read_as_french_labels(client, world, meeting):
    meeting_services.update_meeting(meeting, functions=["relationnelle", "operationnelle"])
    change = next(
        c
        for e in history.entries_for_meeting(meeting)
        if e.kind == "Réunion" and e.operation == "Modification"
        for c in e.changes
        if c.field == "fonctions du collectif"
    )
    assert change.diff == (
        '<span class="entente-diff-old">—</span> → <span class="entente-diff-new">relationnelle, opérationnelle</span>'
    )
    client.force_login(world.users["coordinateur"])
    html = page_text(client.get(reverse("governance:history", args=[world.own.slug])))
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "fonctions du collectif : — → relationnelle, opérationnelle" in text
    assert "['relationnelle'" not in text and "[]" not in text
