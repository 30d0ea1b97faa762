"""The public accountability page: a headline for the steering committee, progress by axis, result
indicators, milestones and the journal — in a number of queries that does not grow with the portfolio."""

import datetime
from decimal import Decimal

import pytest

from entente.portfolio.factories import ActionFactory
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.tracking_services import add_indicator, add_milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(world):
    world.own.visibility = "public"
    world.own.save()
    return world.own


def url(cooperation):
    return f"/cooperations/{cooperation.slug}/portefeuille/rendre-compte/"


def add_action(cooperation, partners, status="engagee", progress=50):
    action = ActionFactory(cooperation=cooperation, partners=partners, status=status, progress=progress)
    save_financing(action, data=FinancingData(
        total=Decimal("1000.00"), fundings=[("region", "", Decimal("250.00"))]))
    add_indicator(action, label="Agents formés", target=Decimal("40"), current=Decimal("10"),
                           unit="agents")
    add_milestone(action, title="Comité de pilotage", due_on=datetime.date(2020, 1, 31))
    return action


def test_a_visitor_reads_the_headline_indicators_and_late_milestones(client, world, public):
    partners = world.partners[public.pk]
    add_action(public, partners)
    add_action(public, partners, status="realisee", progress=100)
    page = client.get(url(public)).content.decode().replace("\u202f", " ").replace("\u00a0", " ")
    assert "2 actions : 1 engagée, 1 réalisée. Avancement moyen : 75 %." in page
    assert "2 000,00 € au total, dont 500,00 € de financements extérieurs et 1 500,00 € à la charge" in page
    assert "Agents formés" in page and "25 %" in page
    assert "en retard" in page


def test_the_headline_agrees_each_status_with_its_count(client, world, public):
    partners = world.partners[public.pk]
    add_action(public, partners)
    add_action(public, partners)
    add_action(public, partners, status="a_l_etude")
    page = client.get(url(public)).content.decode()
    assert "3 actions : 1 à l&#x27;étude, 2 engagées." in page


def test_the_page_answers_in_constant_queries(client, world, public, django_assert_max_num_queries):
    partners = world.partners[public.pk]
    add_action(public, partners)
    with django_assert_max_num_queries(60) as small:
        client.get(url(public))
    for _ in range(8):
        add_action(public, partners)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url(public)).status_code == 200


def test_an_outsider_cannot_read_the_page_of_a_private_cooperation(client, world):
    client.force_login(world.users["outsider"])
    assert client.get(url(world.own)).status_code == 404


def test_the_journal_is_paginated_from_the_newest(client, world, public):
    action = ActionFactory(cooperation=public, partners=world.partners[public.pk])
    for index in range(55):
        add_milestone(action, title=f"Étape {index:02d}", due_on=datetime.date(2027, 1, 1))
    first = client.get(url(public)).content.decode()
    assert "Jalon « Étape 54 » ajouté" in first and "Jalon « Étape 00 » ajouté" not in first
    assert "Page 1 sur 2" in first
    second = client.get(url(public), {"journal": 2}).content.decode()
    assert "Jalon « Étape 00 » ajouté" in second and "Jalon « Étape 54 » ajouté" not in second
