"""The cooperation's history page names partners and members without a query per row."""

import datetime

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations import services
from entente.cooperations.factories import MembershipFactory, PartnershipFactory
from entente.core.testing import html_and_query_count

pytestmark = pytest.mark.django_db


def _grow(cooperation, count):
    for _ in range(count):
        partnership = PartnershipFactory(cooperation=cooperation)
        services.remove_partner(partnership, left_on=datetime.date(2026, 6, 30))
        MembershipFactory(cooperation=cooperation, user=UserFactory())


def test_the_history_page_costs_the_same_queries_for_3_or_30_changes(client, world):
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/historique/"
    _grow(world.own, 3)
    _, few = html_and_query_count(client, url)
    _grow(world.own, 27)
    page, many = html_and_query_count(client, url)
    assert many == few
    assert "date de sortie" in page and "30/06/2026" in page
