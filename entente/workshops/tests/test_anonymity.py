"""Anonymous workshops: nobody, coordinators and operators included, learns who gave which score."""

import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _marker_names(session):
    return [session.a1.display_name, session.a2.display_name, session.b1.display_name]


@pytest.mark.parametrize("role", ["coordinateur", "operator"])
def test_results_page_names_no_evaluator(client, world, anonymous_session, role):
    client.force_login(world.users[role])
    page = client.get(reverse("workshops:results", args=[world.own.slug, anonymous_session.workshop.pk]))
    assert page.status_code == 200
    assert not any(name in page.content.decode() for name in _marker_names(anonymous_session))


@pytest.mark.parametrize("kind", ["notes", "classement", "pistes"])
def test_exports_name_no_evaluator(client, world, anonymous_session, kind):
    client.force_login(world.users["operator"])
    url = reverse("workshops:export", args=[world.own.slug, anonymous_session.workshop.pk, kind, "csv"])
    content = client.get(url).content.decode("utf-8-sig")
    assert not any(name in content for name in _marker_names(anonymous_session))


def test_anonymous_scores_export_has_no_participant_column(client, world, anonymous_session):
    client.force_login(world.users["coordinateur"])
    url = reverse("workshops:export", args=[world.own.slug, anonymous_session.workshop.pk, "notes", "csv"])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["n° piste", "piste", "critère", "note"]
    # Pistes 1 (three evaluators) only: piste 2, scored by two people, would reveal their values.
    assert len(rows) == 1 + 6
    assert {row[1] for row in rows[1:]} == {"Formation commune"}


def test_named_workshop_scores_export_names_the_evaluators(client, world, session):
    client.force_login(world.users["coordinateur"])
    url = reverse("workshops:export", args=[world.own.slug, session.workshop.pk, "notes", "csv"])
    assert session.a1.display_name in client.get(url).content.decode("utf-8-sig")


def test_api_results_name_no_evaluator(client, world, anonymous_session):
    client.force_login(world.users["operator"])
    response = client.get(f"/api/v1/cooperations/{world.own.slug}/workshops/{anonymous_session.workshop.pk}/results")
    assert response.status_code == 200
    assert not any(name in response.content.decode() for name in _marker_names(anonymous_session))
    assert all(b["hidden"] and b["own_score"] is None for b in response.json()["home_bias"])


def test_the_admin_does_not_list_scores(client, world, anonymous_session):
    from django.contrib import admin

    from entente.workshops.models import Score

    assert Score not in admin.site._registry


def test_no_score_is_shown_while_fewer_than_three_people_have_scored(world):
    from entente.workshops.exports import scores_table
    from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
    from entente.workshops.score_services import submit_score
    from entente.workshops.selectors import workshop_results

    workshop = WorkshopFactory(cooperation=world.own, scoring=True, anonymous=True)
    idea, criterion = IdeaFactory(workshop=workshop), workshop.grid.criteria.first()
    seats = [ParticipantFactory(workshop=workshop) for _ in range(3)]
    submit_score(workshop, seats[0], idea_id=idea.pk, criterion_id=criterion.pk, value=4)
    results = workshop_results(workshop)
    assert results.masked and results.ranked == []
    assert results.unscored[0].cells[0].mean is None
    assert scores_table(workshop)[1] == []
    for seat in seats[1:]:
        submit_score(workshop, seat, idea_id=idea.pk, criterion_id=criterion.pk, value=2)
    results = workshop_results(workshop)
    assert not results.masked
    assert results.ranked[0].stats[criterion.pk].count == 3
    assert len(scores_table(workshop)[1]) == 3


@pytest.mark.parametrize("name", ["live_ideas", "arbitrate", "similar", "grid", "detail"])
def test_the_facilitation_pages_name_no_evaluator(client, world, anonymous_session, name):
    client.force_login(world.users["operator"])
    page = client.get(reverse(f"workshops:{name}", args=[world.own.slug, anonymous_session.workshop.pk]))
    assert page.status_code == 200
    assert not any(marker in page.content.decode() for marker in _marker_names(anonymous_session))


def test_anonymity_cannot_be_withdrawn_from_the_edit_page(client, world, anonymous_session):
    client.force_login(world.users["operator"])
    workshop = anonymous_session.workshop
    response = client.post(
        reverse("workshops:edit", args=[world.own.slug, workshop.pk]), {"title": "X", "kind": "commun"}
    )
    assert response.status_code == 400
    workshop.refresh_from_db()
    assert workshop.anonymous


def test_one_persons_scores_cannot_be_discarded_from_the_facilitation_screen(client, world, anonymous_session):
    from entente.workshops.models import Score

    client.force_login(world.users["coordinateur"])
    seat = anonymous_session.b1
    url = reverse("workshops:participant_access", args=[world.own.slug, anonymous_session.workshop.pk, seat.pk])
    client.post(url, {"action": "retirer"})
    assert Score.objects.filter(participant=seat).exists()


def test_a_piste_scored_by_fewer_than_three_people_shows_its_count_only(anonymous_session):
    from entente.workshops.selectors import workshop_results

    results = workshop_results(anonymous_session.workshop)
    two = next(r for r in results.all_ideas if r.idea == anonymous_session.i2)
    assert [(cell.count, cell.mean, cell.median, cell.spread) for cell in two.cells] == [(2, None, None, None)] * 2
    assert two.overall is None and two.rank is None
    three = next(r for r in results.all_ideas if r.idea == anonymous_session.i1)
    assert three.rank == 1 and three.cells[0].mean == 3
