"""Who may edit or withdraw a piste: its authors and those who run the workshop, while pistes are proposed."""

import pytest

from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
from entente.workshops.models import Idea, Phase
from entente.workshops.rules import abilities, abilities_for_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    return WorkshopFactory(cooperation=world.own)


@pytest.fixture
def authored(workshop):
    author = ParticipantFactory(workshop=workshop)
    idea = IdeaFactory(workshop=workshop)
    idea.authors.add(author)
    return idea, author


def test_an_author_edits_and_withdraws_their_piste(world, workshop, authored):
    idea, author = authored
    assert abilities(world.users["contributeur"], idea, seat=author) == {"edit": True, "withdraw": True}


def test_another_participant_neither_edits_nor_withdraws_it(world, workshop, authored):
    idea, _author = authored
    someone = ParticipantFactory(workshop=workshop)
    assert abilities(world.users["contributeur"], idea, seat=someone) == {"edit": False, "withdraw": False}


def test_a_member_without_a_seat_yet_has_written_nothing(world, workshop, authored):
    idea, _author = authored
    assert abilities(world.users["membre"], idea, seat=None) == {"edit": False, "withdraw": False}


def test_the_coordinator_and_the_facilitator_edit_every_piste(world, workshop, authored):
    idea, _author = authored
    assert abilities(world.users["coordinateur"], idea)["edit"]
    workshop.facilitator = world.users["membre"]
    workshop.save()
    idea = Idea.objects.select_related("workshop").get(pk=idea.pk)
    assert abilities(world.users["membre"], idea)["edit"]


def test_nobody_edits_a_piste_once_proposing_is_over(world, workshop, authored):
    idea, author = authored
    workshop.phase = Phase.SCORING
    workshop.save()
    idea = Idea.objects.select_related("workshop").get(pk=idea.pk)
    assert abilities(world.users["coordinateur"], idea) == {"edit": False, "withdraw": False}
    assert abilities(world.users["contributeur"], idea, seat=author) == {"edit": False, "withdraw": False}


def test_the_bulk_form_costs_no_query_per_piste(world, workshop, authored, django_assert_num_queries):
    _idea, author = authored
    IdeaFactory.create_batch(5, workshop=workshop)
    ideas = list(Idea.objects.filter(workshop=workshop).prefetch_related("authors"))
    verbs = abilities(world.users["contributeur"], workshop)
    with django_assert_num_queries(0):
        by_idea = abilities_for_many(
            world.users["contributeur"], workshop, ideas, seat=author, workshop_abilities=verbs
        )
    assert sum(v["edit"] for v in by_idea.values()) == 1
