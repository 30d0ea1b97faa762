"""The cooperation's home page lists the workshops still open, without a query per workshop."""

import pytest
from django.urls import reverse

from entente.core.testing import html_and_query_count
from entente.workshops.factories import IdeaFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


def _home(client, cooperation):
    return html_and_query_count(client, reverse("cooperations:detail", args=[cooperation.slug]))


def test_home_page_lists_open_workshops_with_their_phase(client, world):
    client.force_login(world.users["observateur"])
    scoring = WorkshopFactory(cooperation=world.own, title="Évaluation croisée des pistes", scoring=True)
    IdeaFactory.create_batch(3, workshop=scoring)
    WorkshopFactory(cooperation=world.own, title="Atelier de lancement", closed=True)
    WorkshopFactory(cooperation=world.other, title="Atelier d'une autre coopération")

    html, _ = _home(client, world.own)

    assert "Évaluation croisée des pistes</a> — Évaluation croisée" in html
    assert "(3 pistes)" in html
    assert "Atelier de lancement" not in html
    assert "autre coopération" not in html


def test_home_page_queries_do_not_grow_with_workshops(client, world):
    client.force_login(world.users["membre"])
    WorkshopFactory(cooperation=world.own)
    _, few = _home(client, world.own)
    WorkshopFactory.create_batch(4, cooperation=world.own)
    _, many = _home(client, world.own)
    assert many == few
