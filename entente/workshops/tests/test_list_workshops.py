"""Lists and dashboards keep a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
from entente.workshops.score_services import ScoreInput, submit_scores

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_workshop_list_queries_do_not_grow_with_workshops(client, world):
    client.force_login(world.users["membre"])
    url = reverse("workshops:list", args=[world.own.slug])
    WorkshopFactory(cooperation=world.own)
    few = count_queries(client, url)
    for _ in range(5):
        IdeaFactory(workshop=WorkshopFactory(cooperation=world.own))
    assert count_queries(client, url) == few


def test_results_page_queries_do_not_grow_with_pistes(client, world):
    client.force_login(world.users["coordinateur"])
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    criterion = workshop.grid.criteria.first()
    seat = ParticipantFactory(workshop=workshop, organization=world.partners[world.own.pk][0].organization)
    url = reverse("workshops:results", args=[world.own.slug, workshop.pk])

    def add_scored_pistes(count):
        ideas = [IdeaFactory(workshop=workshop) for _ in range(count)]
        submit_scores(workshop, seat, [ScoreInput(idea.pk, criterion.pk, 3) for idea in ideas])

    add_scored_pistes(2)
    few = count_queries(client, url)
    add_scored_pistes(40)
    assert count_queries(client, url) == few


def test_workshop_list_is_readable_by_anonymous_visitors_of_a_public_cooperation(client, world):
    world.own.visibility = "public"
    world.own.save()
    WorkshopFactory(cooperation=world.own, title="Atelier public")
    response = client.get(reverse("workshops:list", args=[world.own.slug]))
    assert "Atelier public" in response.content.decode()


def test_workshop_list_of_a_private_cooperation_is_invisible_to_outsiders(client, world):
    client.force_login(world.users["outsider"])
    assert client.get(reverse("workshops:list", args=[world.own.slug])).status_code == 404


def test_the_section_is_registered(world):
    from entente.core.sections import SECTIONS

    assert any(s.url_name == "workshops:list" and s.label == "Ateliers" and s.order == 20 for s in SECTIONS)


@pytest.mark.parametrize("name", ["arbitrate", "score", "participate", "similar", "grid"])
def test_workshop_pages_queries_do_not_grow_with_pistes(client, world, name):
    from entente.workshops.arbitration_services import DecisionInput, arbitrate
    from entente.workshops.idea_services import merge_ideas

    client.force_login(world.users["coordinateur"])
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    organization = world.partners[world.own.pk][0].organization
    criterion = workshop.grid.criteria.first()
    seat = ParticipantFactory(workshop=workshop, organization=organization)
    url = reverse(f"workshops:{name}", args=[world.own.slug, workshop.pk])

    def add_pistes(count):
        ideas = [IdeaFactory(workshop=workshop, organization=organization, title=f"Piste {i}") for i in range(count)]
        submit_scores(workshop, seat, [ScoreInput(idea.pk, criterion.pk, 2) for idea in ideas])
        merge_ideas(ideas[0], [ideas[1]])
        workshop.phase = "clos"
        arbitrate(
            workshop=workshop,
            user=None,
            body="Comité",
            decided_on=None,
            decisions=[DecisionInput(ideas[0].pk, "retenue")],
        )
        workshop.phase = "evaluation"

    add_pistes(3)
    count_queries(client, url)  # the first visit of the scoring pages takes a seat
    few = count_queries(client, url)
    add_pistes(30)
    assert count_queries(client, url) == few
