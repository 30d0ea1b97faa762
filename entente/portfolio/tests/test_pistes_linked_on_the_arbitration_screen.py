"""The workshops' arbitration screen links each piste to the portfolio actions made from it."""

import pytest
from django.urls import reverse

from entente.portfolio.factories import ActionFactory
from entente.workshops.services import set_phase
from entente.workshops.tests.conftest import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(world):
    return Session(world)


@pytest.fixture
def screen(client, world, scored):
    set_phase(scored.workshop, "clos")
    client.force_login(world.users["coordinateur"])
    return reverse("workshops:arbitrate", args=[world.own.slug, scored.workshop.pk])


def test_an_action_made_from_a_piste_is_linked_on_the_screen(client, world, scored, screen):
    action = ActionFactory(cooperation=world.own, title="Plan de formation commun des cadres")
    action.source_ideas.add(scored.i1)
    page = client.get(screen).content.decode()
    assert reverse("portfolio:action_detail", args=[world.own.slug, action.pk]) in page
    assert "Plan de formation commun des cadres" in page
