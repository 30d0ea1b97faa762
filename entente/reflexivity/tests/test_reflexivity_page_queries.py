"""The reflexivity pages cost the same number of queries whatever the number of campaigns, answers or meetings."""

import pytest

from entente.core.testing import html_and_query_count
from entente.reflexivity import maturity_services, mirror_services

from .factories import members, mirror_meeting, ratings

pytestmark = pytest.mark.django_db


def open_campaigns(world, count):
    for index in range(count):
        maturity_services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title=f"C{index}")


def test_the_home_page_costs_the_same_for_one_or_many_campaigns_and_sessions(client, world):
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/reflexivite/"
    open_campaigns(world, 1)
    mirror_services.create_session(meeting=mirror_meeting(world.own), user=None)
    _html, few = html_and_query_count(client, url)
    open_campaigns(world, 6)
    for _ in range(4):
        mirror_services.create_session(meeting=mirror_meeting(world.own), user=None)
    _html, many = html_and_query_count(client, url)
    assert few == many


def test_the_campaign_page_costs_the_same_for_three_or_thirty_answers(client, world):
    campaign = maturity_services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="Q")
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/reflexivite/maturite/{campaign.pk}/"
    for user in members(world.own, 3):
        maturity_services.submit_answer(campaign, user=user, ratings=ratings(), comments={"parite": "Oui"})
    _html, few = html_and_query_count(client, url)
    for user in members(world.own, 27):
        maturity_services.submit_answer(campaign, user=user, ratings=ratings(), comments={"parite": "Oui"})
    _html, many = html_and_query_count(client, url)
    assert few == many


def test_the_balance_page_costs_the_same_for_few_or_many_meetings(client, world):
    client.force_login(world.users["observateur"])
    url = f"/cooperations/{world.own.slug}/reflexivite/equilibre/"
    mirror_meeting(world.own)
    _html, few = html_and_query_count(client, url)
    for _ in range(10):
        mirror_meeting(world.own)
    _html, many = html_and_query_count(client, url)
    assert few == many
