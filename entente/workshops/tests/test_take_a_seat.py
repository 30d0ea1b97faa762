"""A member's seat in a workshop is taken by their first change, never by a visit (a GET changes nothing)."""

import pytest
from django.urls import reverse

from entente.workshops.factories import IdeaFactory, WorkshopFactory
from entente.workshops.models import Idea, Participant, Score
from entente.workshops.participation_selectors import scoring_sheet
from entente.workshops.rules import get_seat_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    return WorkshopFactory(cooperation=world.own)


@pytest.fixture
def scoring(world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    IdeaFactory.create_batch(3, workshop=workshop)
    return workshop


def page(name, workshop):
    return reverse(f"workshops:{name}", args=[workshop.cooperation.slug, workshop.pk])


@pytest.mark.parametrize("name", ["participate", "score", "phase_state"])
def test_visiting_a_participants_page_creates_no_seat(client, world, workshop, name):
    client.force_login(world.users["membre"])
    assert client.get(page(name, workshop)).status_code == 200
    assert not Participant.objects.exists()


def test_reading_the_pistes_through_the_api_creates_no_seat(client, world, workshop):
    client.force_login(world.users["membre"])
    response = client.get(f"/api/v1/cooperations/{world.own.slug}/workshops/{workshop.pk}/ideas")
    assert response.status_code == 200
    assert not Participant.objects.exists()


def test_the_score_sheet_of_a_member_without_a_seat_creates_none(client, world, scoring):
    client.force_login(world.users["membre"])
    response = client.get(page("score", scoring))
    assert response.status_code == 200
    assert "0 / 3" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_members_first_piste_takes_their_seat(client, world, workshop):
    member = world.users["membre"]
    client.force_login(member)
    response = client.post(page("idea_create", workshop), {"title": "Covoiturage des agents"})
    assert response.status_code == 302
    seat = Participant.objects.get()
    assert seat.user == member
    assert list(Idea.objects.get().authors.all()) == [seat]


def test_a_members_first_score_takes_their_seat(client, world, scoring):
    client.force_login(world.users["membre"])
    criterion = scoring.grid.criteria.first()
    response = client.post(
        page("score_submit", scoring),
        {"idea": scoring.ideas.first().pk, f"score-{criterion.pk}": criterion.scale_max},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "0 / 3" in response.content.decode()  # one criterion of two given: the piste is not done yet
    seat = Participant.objects.get()
    assert Score.objects.get().participant == seat


def test_a_refused_score_takes_no_seat(client, world, scoring):
    client.force_login(world.users["membre"])
    criterion = scoring.grid.criteria.first()
    response = client.post(
        page("score_submit", scoring),
        {"idea": scoring.ideas.first().pk, f"score-{criterion.pk}": criterion.scale_max + 1},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_a_members_order_of_pistes_stays_the_same_once_their_seat_is_taken(rf, world, scoring):
    request = rf.get("/")
    request.user, request.session = world.users["membre"], {}
    before = [
        idea.pk for idea, _cells in scoring_sheet(scoring, get_seat_for_user(request, world.own.slug, scoring.pk))[1]
    ]
    criterion = scoring.grid.criteria.first()
    from entente.workshops.score_services import ScoreInput, submit_scores

    submit_scores(
        scoring, get_seat_for_user(request, world.own.slug, scoring.pk), [ScoreInput(before[0], criterion.pk, 1)]
    )
    seat = get_seat_for_user(request, world.own.slug, scoring.pk)
    assert seat.pk is not None
    assert [idea.pk for idea, _cells in scoring_sheet(scoring, seat)[1]] == before


def test_a_closed_workshop_still_refuses_a_member_who_never_took_a_seat(client, world):
    closed = WorkshopFactory(cooperation=world.own, closed=True)
    client.force_login(world.users["membre"])
    assert client.get(page("participate", closed)).status_code == 403
    assert not Participant.objects.exists()
