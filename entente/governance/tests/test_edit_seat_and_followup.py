"""Seats change role, partner or holder; follow-ups change wording, owner or deadline — through
services, with French refusals and the history kept."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.governance import body_services, decision_services, history, meeting_services
from entente.governance.body_models import BodyMember
from entente.governance.decision_models import FollowUp

from .conftest import page_text, seat_of

pytestmark = pytest.mark.django_db


def test_seat_changes_role_and_partner_represented(client, world, body):
    seat = seat_of(body, world.users["membre"])
    other_partner = world.partners[world.own.pk][1]
    client.force_login(world.users["coordinateur"])
    url = reverse("governance:body_member_edit", args=[world.own.slug, seat.pk])
    assert world.users["membre"].email in page_text(client.get(url))
    response = client.post(url, {"email": world.users["membre"].email, "partner": other_partner.pk,
                                 "role": "suppleant", "label": "DGA Solidarités"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert (seat.partner, seat.role, seat.label) == (other_partner, "suppleant", "DGA Solidarités")
    assert seat.history.count() == 2


def test_seat_cannot_be_given_to_someone_already_seated(world, body):
    seat = seat_of(body, world.users["membre"])
    with pytest.raises(ValidationError, match="siège déjà"):
        body_services.update_body_member(seat, user=world.users["coordinateur"], partner=seat.partner, role="membre")


def test_person_of_another_cooperation_keeps_a_seat_only_as_guest(client, world, body):
    seat = seat_of(body, world.users["membre"])
    client.force_login(world.users["coordinateur"])
    url = reverse("governance:body_member_edit", args=[world.own.slug, seat.pk])
    response = client.post(url, {"email": world.users["other_coordinator"].email, "role": "membre"})
    assert response.status_code == 400
    assert "qu'en tant qu'invité·e" in page_text(response)
    assert BodyMember.objects.get(pk=seat.pk).user == world.users["membre"]


def test_seat_without_person_nor_partner_is_refused(client, world, body):
    seat = seat_of(body, world.users["membre"])
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:body_member_edit", args=[world.own.slug, seat.pk]),
                           {"email": "", "role": "membre"})
    assert response.status_code == 400
    assert "Indiquez une personne, un partenaire, ou les deux." in page_text(response)


def test_member_cannot_edit_seats_and_outsider_sees_nothing(client, world, body):
    seat = seat_of(body, world.users["membre"])
    url = reverse("governance:body_member_edit", args=[world.own.slug, seat.pk])
    client.force_login(world.users["membre"])
    assert client.post(url, {"role": "president", "partner": seat.partner_id}).status_code == 403
    client.force_login(world.users["outsider"])
    assert client.get(url).status_code == 404
    assert BodyMember.objects.get(pk=seat.pk).role == "membre"


@pytest.fixture
def followup(world, decision):
    return decision_services.add_followup(decision=decision, title="Rédiger la note", due_on=datetime.date(2030, 4, 1),
                                 owner=world.users["membre"])


def test_secretariat_moves_the_deadline_and_hands_over_the_followup(client, world, decision, followup):
    FollowUp.objects.filter(pk=followup.pk).update(last_reminded_on=datetime.date(2030, 3, 30))
    partner = world.partners[world.own.pk][1]
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:followup_edit", args=[world.own.slug, followup.pk]), {
        "title": "Rédiger et diffuser la note", "owner_partner": partner.pk, "due_on": "2030-05-15"})
    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.title, followup.owner, followup.owner_partner, followup.due_on) == (
        "Rédiger et diffuser la note", None, partner, datetime.date(2030, 5, 15))
    assert followup.last_reminded_on is None
    change = next(e for e in history.entries_for_decision(decision)
                  if e.kind == "Suite à donner" and e.operation == "Modification")
    assert ("échéance", "01/04/2030", "15/05/2030") in change.changes


def test_followup_without_owner_or_date_is_refused(client, world, followup):
    client.force_login(world.users["coordinateur"])
    url = reverse("governance:followup_edit", args=[world.own.slug, followup.pk])
    response = client.post(url, {"title": "Rédiger la note", "due_on": "2030-05-15"})
    assert response.status_code == 400
    assert "Indiquez qui porte cette suite" in page_text(response)
    response = client.post(url, {"title": "Rédiger la note", "owner": world.users["membre"].pk})
    assert response.status_code == 400
    assert "Indiquez une échéance" in page_text(response)
    assert FollowUp.objects.get(pk=followup.pk).due_on == datetime.date(2030, 4, 1)


def test_owner_alone_cannot_rewrite_the_followup(client, world, followup):
    client.force_login(world.users["contributeur"])
    url = reverse("governance:followup_edit", args=[world.own.slug, followup.pk])
    assert client.post(url, {"title": "x", "owner": world.users["contributeur"].pk,
                             "due_on": "2031-01-01"}).status_code == 403
    assert FollowUp.objects.get(pk=followup.pk).title == "Rédiger la note"


def test_new_holder_of_a_seat_does_not_rewrite_past_attendance_and_votes(client, world, body, meeting, decision):
    seat = seat_of(body, world.users["membre"])
    attendance = meeting_services.record_attendance(meeting=meeting, seat=seat, status="present")
    decision_services.cast_vote(decision=decision, attendance=attendance, choice="pour")
    newcomer = world.users["operator"]
    from entente.cooperations.factories import MembershipFactory

    MembershipFactory(cooperation=world.own, user=newcomer, role="membre")
    body_services.update_body_member(seat, user=newcomer, partner=seat.partner, role=seat.role, label="DGS")
    client.force_login(world.users["coordinateur"])
    meeting_text = page_text(client.get(reverse("governance:meeting", args=[world.own.slug, meeting.pk])))
    assert world.users["membre"].public_name in meeting_text
    decision_text = page_text(client.get(decision.get_absolute_url()))
    votes_table = decision_text.split("Votes exprimés")[1].split("</table>")[0]
    assert world.users["membre"].public_name in votes_table and newcomer.public_name not in votes_table
