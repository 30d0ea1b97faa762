"""Axes, chantiers and actions are reorderable."""

import pytest

from entente.portfolio.factories import ActionFactory, AxisFactory, WorkstreamFactory
from entente.portfolio.models import Action, Axis
from entente.portfolio.structure_services import create_axis, move

pytestmark = pytest.mark.django_db


def test_moving_an_action_down_swaps_it_with_the_next(world):
    workstream = WorkstreamFactory(cooperation=world.own)
    first, second, third = (ActionFactory(cooperation=world.own, workstream=workstream) for _ in range(3))
    move(first, "down")
    order = list(Action.objects.filter(workstream=workstream).order_by("position").values_list("pk", flat=True))
    assert order == [second.pk, first.pk, third.pk]


def test_moving_the_first_axis_up_changes_nothing(world):
    first, second = AxisFactory(cooperation=world.own), AxisFactory(cooperation=world.own)
    move(first, "up")
    assert list(Axis.objects.filter(cooperation=world.own).order_by("position")) == [first, second]


def test_an_unknown_direction_is_refused(client, world):
    axis = AxisFactory(cooperation=world.own)
    client.force_login(world.users["coordinateur"])
    response = client.post(f"/cooperations/{world.own.slug}/portefeuille/structure/axe/{axis.pk}/deplacer/",
                           {"sens": "gauche"})
    assert response.status_code == 400


def test_an_axis_of_another_cooperation_cannot_be_moved(client, world):
    axis = AxisFactory(cooperation=world.other)
    client.force_login(world.users["coordinateur"])
    response = client.post(f"/cooperations/{world.own.slug}/portefeuille/structure/axe/{axis.pk}/deplacer/",
                           {"sens": "up"})
    assert response.status_code == 404


def test_a_duplicate_axis_title_is_refused(world):
    from django.core.exceptions import ValidationError

    create_axis(cooperation=world.own, title="Liés")
    with pytest.raises(ValidationError, match="existe déjà"):
        create_axis(cooperation=world.own, title="liés")


def test_a_chantier_with_actions_cannot_be_deleted(client, world):
    action = ActionFactory(cooperation=world.own)
    client.force_login(world.users["coordinateur"])
    response = client.post(
        f"/cooperations/{world.own.slug}/portefeuille/structure/chantier/{action.workstream_id}/supprimer/")
    assert response.status_code == 400
    assert "contient encore des actions" in response.content.decode()
    assert Action.objects.filter(pk=action.pk).exists()


def test_a_chantier_moves_to_another_axis_and_gets_a_lead(client, world):
    workstream = WorkstreamFactory(cooperation=world.own)
    target = AxisFactory(cooperation=world.own, title="Mobilisés")
    partner = world.partners[world.own.pk][1]
    client.force_login(world.users["coordinateur"])
    response = client.post(
        f"/cooperations/{world.own.slug}/portefeuille/structure/chantier/{workstream.pk}/modifier/",
        {"title": "Autonomie", "axis": target.pk, "lead": partner.pk})
    assert response.status_code == 302
    workstream.refresh_from_db()
    assert (workstream.title, workstream.axis, workstream.lead) == ("Autonomie", target, partner)


def test_the_structure_page_counts_actions_and_lets_coordinators_edit_descriptions(client, world):
    workstream = WorkstreamFactory(cooperation=world.own, description="Viabilité hivernale et ouvrages")
    ActionFactory(cooperation=world.own, workstream=workstream)
    ActionFactory(cooperation=world.own, workstream=workstream)
    client.force_login(world.users["coordinateur"])
    page = client.get(f"/cooperations/{world.own.slug}/portefeuille/structure/").content.decode()
    assert f"{workstream.title} <span class=\"fr-text--sm\">(2 actions)</span>" in page
    assert f'name="description" rows="2">{workstream.description}</textarea>' in page
    response = client.post(
        f"/cooperations/{world.own.slug}/portefeuille/structure/chantier/{workstream.pk}/modifier/",
        {"title": workstream.title, "axis": workstream.axis_id, "description": "Routes limitrophes"})
    assert response.status_code == 302
    workstream.refresh_from_db()
    assert workstream.description == "Routes limitrophes"
