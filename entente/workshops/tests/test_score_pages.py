"""Scoring through the pages and the API: progress, random order, rate limit, clear refusals."""

import html

import pytest
from django.core.cache import cache
from django.urls import reverse

from entente.workshops.factories import IdeaFactory, WorkshopFactory
from entente.workshops.models import Participant, Score
from entente.workshops.participation_selectors import scoring_sheet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def workshop(world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    for index in range(12):
        IdeaFactory(workshop=workshop, title=f"Piste {index:02d}")
    return workshop


def _submit_url(workshop):
    return reverse("workshops:score_submit", args=[workshop.cooperation.slug, workshop.pk])


def test_progress_counts_pistes_scored_on_every_criterion(client, world, workshop):
    client.force_login(world.users["membre"])
    value, feasibility = workshop.grid.criteria.all()
    idea = workshop.ideas.first()
    data = {"idea": idea.pk, f"score-{value.pk}": 2, f"score-{feasibility.pk}": 3}
    response = client.post(_submit_url(workshop), data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "1 / 12" in response.content.decode()


def test_each_participant_sees_the_pistes_in_their_own_stable_order(world, workshop):
    first = Participant.objects.create(workshop=workshop, display_name="Un")
    second = Participant.objects.create(workshop=workshop, display_name="Deux")
    order = lambda p: [idea.pk for idea, _cells in scoring_sheet(workshop, p)[1]]  # noqa: E731
    assert order(first) == order(first)
    assert order(first) != order(second)
    assert sorted(order(first)) == sorted(order(second))


def test_score_page_shows_the_progress(client, world, workshop):
    client.force_login(world.users["contributeur"])
    response = client.get(reverse("workshops:score", args=[workshop.cooperation.slug, workshop.pk]))
    assert "0 / 12" in response.content.decode()
    assert "évaluées" in response.content.decode()


def test_score_outside_scale_through_the_page_answers_400_in_french(client, world, workshop):
    client.force_login(world.users["membre"])
    criterion = workshop.grid.criteria.first()
    response = client.post(
        _submit_url(workshop),
        {"idea": workshop.ideas.first().pk, f"score-{criterion.pk}": 9},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 400
    assert "hors de l'échelle" in response.content.decode()
    assert not Score.objects.exists()


def test_api_score_outside_scale_answers_400(client, world, workshop):
    client.force_login(world.users["membre"])
    criterion = workshop.grid.criteria.first()
    response = client.post(
        f"/api/v1/cooperations/{workshop.cooperation.slug}/workshops/{workshop.pk}/scores",
        {"idea": workshop.ideas.first().pk, "criterion": criterion.pk, "value": 0},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "hors de l'échelle" in response.json()["detail"]


def test_a_code_holder_scores_through_the_api_with_their_token(client, world, workshop):
    organization = world.partners[world.own.pk][1].organization
    joined = client.post(
        "/api/v1/workshops/join",
        {"code": workshop.join_code, "display_name": "DGA Solidarités", "organization_id": organization.pk},
        content_type="application/json",
    )
    assert joined.status_code == 201
    token = joined.json()["token"]
    criterion = workshop.grid.criteria.first()
    response = client.post(
        f"/api/v1/cooperations/{workshop.cooperation.slug}/workshops/{workshop.pk}/scores",
        {"idea": workshop.ideas.first().pk, "criterion": criterion.pk, "value": 4},
        content_type="application/json",
        headers={"X-Participant-Token": token},
    )
    assert response.status_code == 200
    assert Score.objects.get().participant.display_name == "DGA Solidarités"


def test_a_bursting_client_is_slowed_down_and_the_others_are_not(client, world, workshop, settings):
    settings.WORKSHOPS_SCORE_RATE = "5/60"
    criterion = workshop.grid.criteria.first()
    idea = workshop.ideas.first()
    client.force_login(world.users["membre"])
    statuses = [
        client.post(
            _submit_url(workshop), {"idea": idea.pk, f"score-{criterion.pk}": 2}, headers={"HX-Request": "true"}
        ).status_code
        for _ in range(7)
    ]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    client.force_login(world.users["coordinateur"])
    other = client.post(
        _submit_url(workshop), {"idea": idea.pk, f"score-{criterion.pk}": 2}, headers={"HX-Request": "true"}
    )
    assert other.status_code == 200


def test_the_api_answers_429_to_a_bursting_client(client, world, workshop, settings):
    settings.WORKSHOPS_SCORE_RATE = "2/60"
    client.force_login(world.users["membre"])
    url = f"/api/v1/cooperations/{workshop.cooperation.slug}/workshops/{workshop.pk}/scores"
    payload = {"idea": workshop.ideas.first().pk, "criterion": workshop.grid.criteria.first().pk, "value": 2}
    statuses = [client.post(url, payload, content_type="application/json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_a_session_seat_alone_does_not_authenticate_the_api(client, world, workshop):
    organization = world.partners[world.own.pk][0].organization
    client.post(
        reverse("workshops:join_code", args=[workshop.join_code]),
        {"display_name": "DGA", "organization": organization.pk},
    )
    response = client.post(
        f"/api/v1/cooperations/{workshop.cooperation.slug}/workshops/{workshop.pk}/scores",
        {"idea": workshop.ideas.first().pk, "criterion": workshop.grid.criteria.first().pk, "value": 2},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Score.objects.exists()


def _join_token(client, world, workshop):
    organization = world.partners[world.own.pk][1].organization
    return client.post(
        "/api/v1/workshops/join",
        {"code": workshop.join_code, "display_name": "DGA", "organization_id": organization.pk},
        content_type="application/json",
    ).json()["token"]


@pytest.mark.parametrize(
    ("change", "status", "message"),
    [
        ({"value": 7}, 400, "hors de l'échelle"),
        # Ids that could exist (0 is refused by the schema itself, with a 422) but are not this workshop's.
        ({"idea": 999_999_999}, 400, "n'existe pas dans cet atelier"),
        ({"criterion": 999_999_999}, 400, "ne fait pas partie de la grille"),
    ],
)
def test_the_token_path_refuses_with_the_precise_reason(client, world, workshop, change, status, message):
    token = _join_token(client, world, workshop)
    payload = {"idea": workshop.ideas.first().pk, "criterion": workshop.grid.criteria.first().pk, "value": 2, **change}
    response = client.post(
        f"/api/v1/cooperations/{workshop.cooperation.slug}/workshops/{workshop.pk}/scores",
        payload,
        content_type="application/json",
        headers={"X-Participant-Token": token},
    )
    assert response.status_code == status
    assert message in response.json()["detail"]
    assert not Score.objects.exists()


def test_the_token_path_refuses_a_closed_workshop_and_a_revoked_or_foreign_token(client, world, workshop):
    token = _join_token(client, world, workshop)
    url = f"/api/v1/cooperations/{workshop.cooperation.slug}/workshops/{workshop.pk}/scores"
    payload = {"idea": workshop.ideas.first().pk, "criterion": workshop.grid.criteria.first().pk, "value": 2}

    def post(token):
        return client.post(url, payload, content_type="application/json", headers={"X-Participant-Token": token})

    workshop.phase = "clos"
    workshop.save()
    assert post(token).status_code == 403
    assert post("jeton-inconnu").status_code == 404
    other = WorkshopFactory(cooperation=world.own, scoring=True)
    assert post(_join_token(client, world, other)).status_code == 404
    assert not Score.objects.exists()


def test_scoring_in_a_closed_workshop_answers_a_short_french_message_to_htmx(client, world, workshop):
    workshop.phase = "clos"
    workshop.save()
    client.force_login(world.users["membre"])
    Participant.objects.create(workshop=workshop, user=world.users["membre"], display_name="Membre")
    criterion = workshop.grid.criteria.first()
    response = client.post(
        _submit_url(workshop),
        {"idea": workshop.ideas.first().pk, f"score-{criterion.pk}": 2},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 403
    assert response.content.decode() == "L'évaluation n'est pas ouverte dans la phase actuelle de l'atelier."


def test_pistes_scored_on_every_criterion_are_marked_so_the_rest_can_be_found(client, world, workshop):
    client.force_login(world.users["membre"])
    value, feasibility = workshop.grid.criteria.all()
    done, half = workshop.ideas.all()[:2]
    client.post(_submit_url(workshop), {"idea": done.pk, f"score-{value.pk}": 2, f"score-{feasibility.pk}": 3})
    client.post(_submit_url(workshop), {"idea": half.pk, f"score-{value.pk}": 4})
    page = client.get(reverse("workshops:score", args=[workshop.cooperation.slug, workshop.pk])).content.decode()
    assert page.count("data-complete") == 1
    assert f'id="piste-{done.pk}" data-complete' in page
    assert "N'afficher que les pistes qui restent à évaluer" in html.unescape(page)
    assert "de 1 (faible) à 4 (fort)" in page


def test_the_facilitation_screen_follows_the_scoring_by_partner(client, world, workshop):
    organization = world.partners[world.own.pk][0].organization
    seat = Participant.objects.create(workshop=workshop, display_name="DGA", organization=organization)
    value, feasibility = workshop.grid.criteria.all()
    from entente.workshops.score_services import ScoreInput, submit_scores

    submit_scores(workshop, seat, [ScoreInput(idea.pk, value.pk, 3) for idea in workshop.ideas.all()[:6]])
    client.force_login(world.users["coordinateur"])
    live = client.get(reverse("workshops:live_ideas", args=[world.own.slug, workshop.pk])).content.decode()
    assert "Avancement de l" in live
    assert organization.name in live
    assert "25 %" in live  # 6 scores out of 12 pistes × 2 criteria
