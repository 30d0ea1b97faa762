"""An action keeps the pistes it came from and shows their evaluation."""

import json

import pytest

from entente.portfolio.factories import ActionFactory, WorkstreamFactory
from entente.workshops.factories import IdeaFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def test_an_action_created_from_pistes_shows_them_with_their_workshop(client, world):
    workshop = WorkshopFactory(cooperation=world.own, title="Atelier des directions")
    idea = IdeaFactory(workshop=workshop, title="Séminaire des cadres commun")
    action = ActionFactory(cooperation=world.own)
    action.source_ideas.add(idea)
    client.force_login(world.users["observateur"])
    page = client.get(f"/cooperations/{world.own.slug}/portefeuille/actions/{action.pk}/").content.decode()
    assert "Pistes d'origine" in page
    assert "Séminaire des cadres commun" in page and "Atelier des directions" in page


def test_the_creation_form_starts_from_retained_pistes(client, world):
    idea = IdeaFactory(workshop=WorkshopFactory(cooperation=world.own), title="Observatoire partagé")
    client.force_login(world.users["membre"])
    page = client.get(f"/cooperations/{world.own.slug}/portefeuille/actions/nouvelle/?pistes={idea.pk}")
    assert 'value="Observatoire partagé"' in page.content.decode()


def test_pistes_of_another_cooperation_are_refused(client, world):
    foreign = IdeaFactory(workshop=WorkshopFactory(cooperation=world.other))
    workstream = WorkstreamFactory(cooperation=world.own)
    client.force_login(world.users["membre"])
    response = client.post(f"/api/v1/cooperations/{world.own.slug}/actions", content_type="application/json",
                           data=json.dumps({"title": "Action", "workstream_id": workstream.pk,
                                            "source_idea_ids": [foreign.pk]}))
    assert response.status_code == 400
    assert "ateliers de cette coopération" in response.json()["detail"]


def test_the_api_records_the_pistes_of_origin(client, world):
    idea = IdeaFactory(workshop=WorkshopFactory(cooperation=world.own))
    workstream = WorkstreamFactory(cooperation=world.own)
    client.force_login(world.users["membre"])
    response = client.post(f"/api/v1/cooperations/{world.own.slug}/actions", content_type="application/json",
                           data=json.dumps({"title": "Action", "workstream_id": workstream.pk,
                                            "source_idea_ids": [idea.pk]}))
    assert response.status_code == 201, response.json()
    assert response.json()["source_idea_ids"] == [idea.pk]
