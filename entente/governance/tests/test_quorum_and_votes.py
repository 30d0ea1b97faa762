"""Quorum of members or partners, and votes per member or per partner, weighted, with proxies."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from entente.core.formatting import NBSP
from entente.governance import body_services, decision_services, meeting_services, quorum_and_votes, selectors
from entente.governance.body_models import BodyMember

from .conftest import seat_of

S = quorum_and_votes.Seat


def test_member_quorum_counts_present_titulars():
    seats = [
        S(1, "A", "membre", "present"),
        S(2, "A", "membre", "absent"),
        S(3, "B", "president", "present"),
        S(4, "B", "membre", "excuse"),
    ]
    result = quorum_and_votes.quorum("membres", 50, seats)
    assert (result.counted, result.total, result.required, result.reached) == (2, 4, 2, True)


def test_member_quorum_more_than_half_is_not_reached_by_exactly_half():
    seats = [S(i, "A", "membre", "present" if i < 5 else "absent") for i in range(10)]
    assert not quorum_and_votes.quorum("membres", 51, seats).reached


def test_proxies_count_for_quorum_only_when_the_body_says_so():
    seats = [S(1, "A", "membre", "present"), S(2, "A", "membre", "represente"), S(3, "B", "membre", "absent")]
    assert quorum_and_votes.quorum("membres", 60, seats).counted == 1
    assert quorum_and_votes.quorum("membres", 60, seats, proxies_count=True).counted == 2


def test_substitute_stands_in_for_an_absent_titular_of_the_same_partner():
    seats = [
        S(1, "A", "membre", "absent"),
        S(2, "A", "suppleant", "present"),
        S(3, "B", "membre", "absent"),
        S(4, "A", "invite", "present"),
    ]
    result = quorum_and_votes.quorum("membres", 50, seats)
    assert (result.counted, result.total) == (1, 2)


def test_partner_quorum_needs_one_seat_per_partner():
    seats = [
        S(1, "A", "membre", "present"),
        S(2, "A", "membre", "absent"),
        S(3, "B", "membre", "absent"),
        S(4, "B", "suppleant", "present"),
        S(5, "C", "membre", "absent"),
    ]
    result = quorum_and_votes.quorum("partenaires", 100, seats)
    assert (result.counted, result.total, result.reached) == (2, 3, False)


def test_no_quorum_rule_is_always_reached():
    assert quorum_and_votes.quorum("aucun", 50, []).reached


def test_weighted_tally_counts_votes_cast_only():
    result = quorum_and_votes.tally(
        [("pour", Decimal(600_000)), ("contre", Decimal(330_000)), ("abstention", Decimal(5))]
    )
    assert result.adopted and result.votes_for == 600_000 and result.abstentions == 5


def test_tally_label_writes_weights_the_french_way():
    label = quorum_and_votes.tally([("pour", Decimal("600000")), ("contre", Decimal("2.50")), ("abstention", 1)]).label
    assert label == f"Pour : 600{NBSP}000 — contre : 2,5 — abstentions : 1"


def test_tie_is_rejected():
    assert not quorum_and_votes.tally([("pour", 1), ("contre", 1)]).adopted


def test_population_weight_falls_back_to_one():
    assert quorum_and_votes.partner_weight("population", population=0, custom=None) == 1
    assert quorum_and_votes.partner_weight("population", population=1200, custom=None) == 1200
    assert quorum_and_votes.partner_weight("personnalisee", population=None, custom=Decimal("2.5")) == Decimal("2.5")


pytestmark_db = pytest.mark.django_db


@pytest.mark.django_db
def test_represented_member_votes_through_the_proxy_holder(world, body, meeting, decision):
    holder = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present"
    )
    represented = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["observateur"]), status="represente", proxy=holder
    )
    vote = decision_services.cast_vote(decision=decision, attendance=represented, choice="contre")
    assert vote.proxy_seat == holder.seat and vote.seat == represented.seat


@pytest.mark.django_db
def test_absent_member_without_proxy_cannot_vote(world, body, meeting, decision):
    absent = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="absent"
    )
    with pytest.raises(ValidationError, match="sans pouvoir"):
        decision_services.cast_vote(decision=decision, attendance=absent, choice="pour")


@pytest.mark.django_db
def test_guest_cannot_vote(world, meeting, decision):
    guest = meeting_services.record_attendance(meeting=meeting, person=world.users["outsider"], status="present")
    assert guest.is_guest
    with pytest.raises(ValidationError, match="n'est pas membre votant"):
        decision_services.cast_vote(decision=decision, attendance=guest, choice="pour")


@pytest.mark.django_db
def test_a_member_votes_once_and_can_change_their_vote(world, body, meeting, decision):
    present = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present"
    )
    decision_services.cast_vote(decision=decision, attendance=present, choice="pour")
    decision_services.cast_vote(decision=decision, attendance=present, choice="contre")
    assert list(decision.votes.values_list("choice", flat=True)) == ["contre"]
    decision.refresh_from_db()
    assert decision.outcome == "rejetee"


@pytest.mark.django_db
def test_per_partner_vote_is_weighted_by_population(world, body, meeting, decision):
    partners = world.partners[world.own.pk]
    for partner, population in zip(partners, (600_000, 330_000), strict=True):
        territory = partner.organization.territory
        territory.population = population
        territory.save()
    body_services.update_body(body, voting_mode="par_partenaire", weighting="population")
    a = meeting_services.record_attendance(meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present")
    b = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["observateur"]), status="present"
    )
    c = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["coordinateur"]), status="present"
    )
    decision_services.cast_vote(decision=decision, attendance=a, choice="pour")
    decision_services.cast_vote(decision=decision, attendance=b, choice="contre")
    decision_services.cast_vote(
        decision=decision, attendance=c, choice="abstention"
    )  # same partner as a: replaces its vote
    votes = dict(decision.votes.values_list("partner_id", "weight"))
    assert votes == {partners[0].pk: Decimal(600_000), partners[1].pk: Decimal(330_000)}
    decision.refresh_from_db()
    assert decision.outcome == "rejetee"  # 330,000 against, 600,000 abstaining


@pytest.mark.django_db
def test_body_without_votes_refuses_votes(world, body, meeting, decision):
    body_services.update_body(body, voting_mode="aucun")
    present = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present"
    )
    with pytest.raises(ValidationError, match="consensus"):
        decision_services.cast_vote(decision=decision, attendance=present, choice="pour")


@pytest.mark.django_db
def test_quorum_of_a_meeting_from_its_attendance(world, body, meeting):
    meeting_services.record_attendance(meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present")
    meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["coordinateur"]), status="present"
    )
    result = selectors.quorum_of(meeting)
    assert (result.counted, result.total, result.reached) == (2, 4, True)
    assert "Quorum atteint" in result.label


@pytest.mark.django_db
def test_partner_seat_without_person_can_be_marked_present(world, body, meeting):
    seat = BodyMember.objects.create(body=body, partner=world.partners[world.own.pk][1], role="membre", label="DGA")
    attendance = meeting_services.record_attendance(meeting=meeting, seat=seat, status="present")
    assert not attendance.is_guest and "DGA" in attendance.who


@pytest.mark.django_db
def test_custom_weights_are_entered_on_the_body_page_and_used_in_votes(client, world, body, meeting, decision):
    partners = world.partners[world.own.pk]
    body_services.update_body(body, voting_mode="par_partenaire", weighting="personnalisee")
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/gouvernance/instances/{body.pk}/poids/"
    refused = client.post(url, {f"weight_{partners[0].pk}": "-2"})
    assert refused.status_code == 400
    response = client.post(url, {f"weight_{partners[0].pk}": "3", f"weight_{partners[1].pk}": "2"})
    assert response.status_code == 302
    present = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present"
    )
    vote = decision_services.cast_vote(decision=decision, attendance=present, choice="pour")
    assert vote.weight == Decimal(3)


def test_decision_taken_without_quorum_is_flagged(client, world, body, meeting, item):
    from django.urls import reverse

    from .conftest import page_text

    meeting_services.record_attendance(meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present")
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("governance:decision_create", args=[world.own.slug, meeting.pk]),
        {"item": item.pk, "text": "Adopté malgré tout.", "kind": "validation"},
        follow=True,
    )
    text = page_text(response)
    assert "Attention : quorum non atteint : 1 membre sur 4 (au moins 2 requis)" in text
    assert "sa validité pourra être contestée" in text
