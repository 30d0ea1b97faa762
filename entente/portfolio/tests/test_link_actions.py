"""Links between actions: across themes, never to itself, never a dependency cycle."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from entente.portfolio.factories import ActionFactory
from entente.portfolio.link_services import add_link
from entente.portfolio.models import ActionLink, LinkKind

pytestmark = pytest.mark.django_db


def test_actions_of_different_themes_can_depend_on_each_other(world):
    energy, waste = ActionFactory(cooperation=world.own), ActionFactory(cooperation=world.own)
    link = add_link(source=waste, target=energy, kind=LinkKind.DEPENDS_ON)
    assert link.source.workstream != link.target.workstream


def test_a_link_from_an_action_to_itself_is_refused(world):
    action = ActionFactory(cooperation=world.own)
    with pytest.raises(ValidationError, match="ne peut pas être liée à elle-même"):
        add_link(source=action, target=action, kind=LinkKind.FEEDS)


def test_the_database_refuses_a_self_link(world):
    action = ActionFactory(cooperation=world.own)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionLink.objects.create(source=action, target=action, kind=LinkKind.RELATES_TO)


def test_a_dependency_cycle_is_refused_and_named(world):
    a = ActionFactory(cooperation=world.own, title="Camions-bennes à hydrogène")
    b = ActionFactory(cooperation=world.own, title="Filière hydrogène")
    c = ActionFactory(cooperation=world.own, title="Station de distribution")
    add_link(source=a, target=b, kind=LinkKind.DEPENDS_ON)
    add_link(source=b, target=c, kind=LinkKind.DEPENDS_ON)
    with pytest.raises(ValidationError) as error:
        add_link(source=c, target=a, kind=LinkKind.DEPENDS_ON)
    assert "dépendance circulaire" in str(error.value)
    assert "« Station de distribution » → « Camions-bennes à hydrogène »" in str(error.value)
    assert ActionLink.objects.count() == 2


def test_a_feeding_loop_is_not_a_dependency_cycle(world):
    a, b = ActionFactory(cooperation=world.own), ActionFactory(cooperation=world.own)
    add_link(source=a, target=b, kind=LinkKind.FEEDS)
    add_link(source=b, target=a, kind=LinkKind.FEEDS)
    assert ActionLink.objects.count() == 2


def test_actions_of_two_cooperations_cannot_be_linked(world):
    mine, theirs = ActionFactory(cooperation=world.own), ActionFactory(cooperation=world.other)
    with pytest.raises(ValidationError, match="même coopération"):
        add_link(source=mine, target=theirs, kind=LinkKind.RELATES_TO)


def test_the_link_form_refuses_a_cycle_with_a_400(client, world):
    a, b = ActionFactory(cooperation=world.own), ActionFactory(cooperation=world.own)
    add_link(source=a, target=b, kind=LinkKind.DEPENDS_ON)
    client.force_login(world.users["membre"])
    response = client.post(f"/cooperations/{world.own.slug}/portefeuille/actions/{b.pk}/liens/",
                           {"kind": "depend_de", "target": a.pk})
    assert response.status_code == 400
    assert "dépendance circulaire" in response.content.decode()
    assert ActionLink.objects.count() == 1
