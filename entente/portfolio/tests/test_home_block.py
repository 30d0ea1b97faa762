"""The cooperation's home page tells where the portfolio stands, without a query per action."""

import pytest
from django.urls import reverse

from entente.core.testing import html_and_query_count
from entente.portfolio.factories import ActionFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


def _home(client, cooperation):
    return html_and_query_count(client, reverse("cooperations:detail", args=[cooperation.slug]))


def test_home_page_counts_actions_by_status_with_average_progress(client, world):
    client.force_login(world.users["observateur"])
    workstream = WorkstreamFactory(cooperation=world.own)
    ActionFactory(cooperation=world.own, workstream=workstream, status="engagee", progress=40)
    ActionFactory(cooperation=world.own, workstream=workstream, status="engagee", progress=60)
    ActionFactory(cooperation=world.own, workstream=workstream, status="realisee", progress=100)
    ActionFactory(cooperation=world.other, status="abandonnee")

    html, _ = _home(client, world.own)

    assert "3 actions, avancement moyen 67 %" in html
    assert "Engagée : 2" in html
    assert "Réalisée : 1" in html
    assert "Abandonnée" not in html


def test_home_page_queries_do_not_grow_with_actions(client, world):
    client.force_login(world.users["membre"])
    workstream = WorkstreamFactory(cooperation=world.own)
    ActionFactory(cooperation=world.own, workstream=workstream)
    _, few = _home(client, world.own)
    for status in ("idee", "a_l_etude", "suspendue") * 5:
        ActionFactory(cooperation=world.own, workstream=workstream, status=status)
    _, many = _home(client, world.own)
    assert many == few


def test_an_empty_portfolio_says_so(client, world):
    client.force_login(world.users["membre"])
    html, _ = _home(client, world.own)
    assert "Aucune action au portefeuille pour l'instant." in html
