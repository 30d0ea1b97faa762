"""A coordinator manages the cooperation's list of domains from a page, not from the admin."""

import pytest
from django.urls import reverse

from entente.workshops.factories import IdeaFactory, WorkshopFactory
from entente.workshops.forms import IdeaForm
from entente.workshops.models import Domain
from entente.workshops.presets import DOMAIN_PRESETS


@pytest.fixture
def domain(world):
    return Domain.objects.create(cooperation=world.own, label="Collèges", position=0)


def domains_url(world, name="domains", *extra):
    return reverse(f"workshops:{name}", args=[world.own.slug, *extra])


def test_a_coordinator_adds_a_domain_that_participants_then_choose(client, world, domain):
    client.force_login(world.users["coordinateur"])
    response = client.post(domains_url(world), {"label": "  Voirie   départementale "})
    assert response.status_code == 302
    added = Domain.objects.get(cooperation=world.own, label="Voirie départementale")
    assert added.position == 1
    workshop = WorkshopFactory(cooperation=world.own)
    assert added in IdeaForm(workshop=workshop).fields["domain"].queryset


def test_a_duplicate_domain_is_refused_in_french(client, world, domain):
    client.force_login(world.users["coordinateur"])
    response = client.post(domains_url(world), {"label": "collèges"})
    assert response.status_code == 400
    assert "existe déjà" in response.content.decode()
    assert Domain.objects.filter(cooperation=world.own).count() == 1


def test_a_domain_is_renamed_and_its_pistes_follow(client, world, domain):
    idea = IdeaFactory(workshop=WorkshopFactory(cooperation=world.own), domain=domain)
    client.force_login(world.users["coordinateur"])
    client.post(domains_url(world, "domain_edit", domain.pk), {"label": "Collèges et éducation"})
    idea.refresh_from_db()
    assert idea.domain.label == "Collèges et éducation"
    assert domain.history.count() >= 2


def test_a_domain_in_use_is_not_deleted(client, world, domain):
    IdeaFactory(workshop=WorkshopFactory(cooperation=world.own), domain=domain)
    client.force_login(world.users["coordinateur"])
    response = client.post(domains_url(world, "domain_delete", domain.pk), follow=True)
    assert "ne peut pas être supprimé" in response.content.decode()
    assert Domain.objects.filter(pk=domain.pk).exists()


def test_an_unused_domain_is_deleted(client, world, domain):
    client.force_login(world.users["coordinateur"])
    client.post(domains_url(world, "domain_delete", domain.pk))
    assert not Domain.objects.filter(pk=domain.pk).exists()


def test_domains_are_reordered(client, world, domain):
    second = Domain.objects.create(cooperation=world.own, label="Achats", position=1)
    client.force_login(world.users["coordinateur"])
    client.post(domains_url(world, "domain_move", second.pk), {"direction": "monter"})
    assert list(Domain.objects.filter(cooperation=world.own).order_by("position")) == [second, domain]


def test_missing_preset_domains_are_added_once(client, world, domain):
    client.force_login(world.users["coordinateur"])
    client.post(domains_url(world, "domain_presets"))
    client.post(domains_url(world, "domain_presets"))
    labels = list(Domain.objects.filter(cooperation=world.own).values_list("label", flat=True))
    assert len(labels) == len(set(labels)) == 1 + len(DOMAIN_PRESETS)


def test_the_page_lists_domains_with_their_number_of_pistes(client, world, domain):
    IdeaFactory(workshop=WorkshopFactory(cooperation=world.own), domain=domain)
    client.force_login(world.users["coordinateur"])
    page = client.get(domains_url(world)).content.decode()
    assert "Collèges" in page and "Ajouter le domaine" in page


def test_a_domain_of_another_cooperation_is_not_found(client, world):
    foreign = Domain.objects.create(cooperation=world.other, label="Étranger")
    client.force_login(world.users["coordinateur"])
    response = client.post(domains_url(world, "domain_delete", foreign.pk))
    assert response.status_code == 404
    assert Domain.objects.filter(pk=foreign.pk).exists()


@pytest.mark.parametrize("role", ["anonymous", "outsider", "membre", "contributeur"])
def test_only_those_who_run_workshops_manage_domains(client, world, domain, role):
    if role != "anonymous":
        client.force_login(world.users[role])
    response = client.post(domains_url(world), {"label": "Voirie"})
    assert response.status_code in (403, 404)
    assert not Domain.objects.filter(label="Voirie").exists()
