"""Similar pistes: accents, plurals and word order do not hide a duplicate."""

import pytest

from entente.workshops.factories import IdeaFactory, WorkshopFactory
from entente.workshops.similarity import similar_groups, singular, tokens

pytestmark = pytest.mark.django_db


def test_plurals_and_accents_are_folded():
    assert tokens("Formations communes des Collèges") == ["formation", "commune", "college"]
    assert singular("territoriaux") == "territorial"
    assert singular("process") == "process"


def test_duplicates_across_partners_are_grouped_and_distinct_pistes_are_not(world):
    workshop = WorkshopFactory(cooperation=world.own)
    a = IdeaFactory(workshop=workshop, title="Formation commune des cadres", description="")
    b = IdeaFactory(workshop=workshop, title="Cadres : formations communes", description="")
    IdeaFactory(workshop=workshop, title="Centrale d'achat Approlys", description="")
    IdeaFactory(workshop=workshop, title="Observatoire de l'économie", description="")
    groups = similar_groups(workshop)
    assert [{idea.pk for idea in group.ideas} for group in groups] == [{a.pk, b.pk}]
    assert groups[0].score > 0.9


def test_merged_pistes_are_not_proposed_again(world):
    workshop = WorkshopFactory(cooperation=world.own)
    a = IdeaFactory(workshop=workshop, title="Séminaire des cadres")
    IdeaFactory(workshop=workshop, title="Séminaires de cadres", merged_into=a)
    assert similar_groups(workshop) == []
