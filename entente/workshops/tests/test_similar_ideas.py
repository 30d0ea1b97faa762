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


def test_the_facilitator_loosens_the_threshold_and_merges_two_pistes_by_hand(client, world):
    from django.urls import reverse

    workshop = WorkshopFactory(cooperation=world.own)
    a = IdeaFactory(workshop=workshop, title="Groupement de commandes pour l'énergie", description="")
    b = IdeaFactory(workshop=workshop, title="Achats d'énergie groupés", description="")
    client.force_login(world.users["coordinateur"])
    url = reverse("workshops:similar", args=[world.own.slug, workshop.pk])
    strict = client.get(url + "?seuil=65").content.decode()
    assert "0 groupe proposé" in strict
    assert "Fusionner deux pistes à la main" in strict
    response = client.post(
        reverse("workshops:merge", args=[world.own.slug, workshop.pk]), {"ideas": [b.pk], "target": a.pk}
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.merged_into == a


def test_an_unknown_threshold_falls_back_to_the_standard_one(client, world):
    from django.urls import reverse

    workshop = WorkshopFactory(cooperation=world.own)
    client.force_login(world.users["coordinateur"])
    page = client.get(reverse("workshops:similar", args=[world.own.slug, workshop.pk]) + "?seuil=abc").content.decode()
    assert '<option value="50" selected>' in page
