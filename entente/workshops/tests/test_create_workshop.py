"""Creating a workshop: presets, join code, validation."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.workshops.models import Domain, Workshop
from entente.workshops.services import create_workshop, move_phase

pytestmark = pytest.mark.django_db


def test_a_workshop_gets_its_grid_preset_domains_and_a_join_code(world):
    workshop = create_workshop(
        cooperation=world.own,
        user=world.users["coordinateur"],
        title="Atelier 37",
        kind="interne",
        host=world.partners[world.own.pk][0],
        grid_preset="quatre_questions",
    )
    assert [c.kind for c in workshop.grid.criteria.all()] == ["oui_non"] * 4
    assert len(workshop.join_code) == 6
    assert Domain.objects.filter(cooperation=world.own).count() == 15
    assert workshop.facilitator == world.users["coordinateur"]


def test_an_internal_workshop_needs_its_host(world):
    with pytest.raises(ValidationError, match="partenaire qui l'organise"):
        create_workshop(cooperation=world.own, user=None, title="Atelier", kind="interne")


def test_a_host_of_another_cooperation_is_refused(world):
    with pytest.raises(ValidationError, match="n'appartient pas"):
        create_workshop(
            cooperation=world.own, user=None, title="Atelier", kind="interne", host=world.partners[world.other.pk][0]
        )


def test_phases_move_forward_and_back_but_not_beyond(world):
    workshop = create_workshop(cooperation=world.own, user=None, title="Atelier", kind="commun")
    move_phase(workshop, "suivante")
    move_phase(workshop, "suivante")
    assert workshop.phase == "clos"
    with pytest.raises(ValidationError):
        move_phase(workshop, "suivante")
    move_phase(workshop, "precedente")
    assert workshop.phase == "evaluation"


def test_the_form_reports_a_missing_host_in_french(client, world):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("workshops:create", args=[world.own.slug]),
        {"title": "Atelier interne", "kind": "interne", "grid_preset": "plus_value_faisabilite"},
    )
    assert response.status_code == 400
    assert "organise" in response.content.decode()
    assert not Workshop.objects.exists()


def test_the_api_refuses_an_unknown_grid(client, world):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        f"/api/v1/cooperations/{world.own.slug}/workshops",
        {"title": "Atelier", "grid_preset": "au-doigt-mouille"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "grille inconnue" in response.json()["detail"]


def test_pistes_of_an_internal_workshop_are_taken_up_once_with_their_origin(client, world):
    from entente.workshops.factories import IdeaFactory, WorkshopFactory

    organization = world.partners[world.own.pk][0].organization
    internal = WorkshopFactory(cooperation=world.own, phase="clos", title="Atelier interne 37")
    IdeaFactory(workshop=internal, title="Séminaire des cadres", organization=organization)
    cross = WorkshopFactory(cooperation=world.own, title="Évaluation croisée")
    client.force_login(world.users["coordinateur"])
    url = reverse("workshops:copy_ideas", args=[world.own.slug, cross.pk])
    client.post(url, {"source": internal.pk})
    client.post(url, {"source": internal.pk})
    copy = cross.ideas.get()
    assert (copy.title, copy.organization, copy.origin_label) == (
        "Séminaire des cadres",
        organization,
        "Atelier interne 37",
    )


def test_pistes_of_another_cooperation_cannot_be_taken_up(client, world):
    from entente.workshops.factories import IdeaFactory, WorkshopFactory

    foreign = WorkshopFactory(cooperation=world.other)
    IdeaFactory(workshop=foreign)
    cross = WorkshopFactory(cooperation=world.own)
    client.force_login(world.users["operator"])
    client.post(reverse("workshops:copy_ideas", args=[world.own.slug, cross.pk]), {"source": foreign.pk})
    assert not cross.ideas.exists()
