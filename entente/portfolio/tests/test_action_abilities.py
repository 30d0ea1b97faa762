"""What each role may do with an action, as the rules answer it once for the page and its lists."""

import pytest

from entente.cooperations.rules import get_abilities
from entente.portfolio.factories import ActionFactory
from entente.portfolio.rules import abilities, abilities_for_many

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinateur", {"view": True, "edit": True, "comment": True, "move": True, "delete": True}),
        ("membre", {"view": True, "edit": True, "comment": True, "move": False, "delete": False}),
        ("contributeur", {"view": True, "edit": False, "comment": True, "move": False, "delete": False}),
        ("observateur", {"view": True, "edit": False, "comment": False, "move": False, "delete": False}),
        ("outsider", {"view": False, "edit": False, "comment": False, "move": False, "delete": False}),
    ],
)
def test_each_role_gets_its_verbs_on_an_action(world, role, expected):
    action = ActionFactory(cooperation=world.own)
    assert abilities(world.users[role], action) == expected


def test_the_bulk_form_costs_no_query_per_action(world, django_assert_num_queries):
    actions = [ActionFactory(cooperation=world.own) for _ in range(4)]
    table = get_abilities(world.users["membre"], world.own)
    with django_assert_num_queries(0):
        verbs = abilities_for_many(actions, table)
    assert [verbs[action.pk]["edit"] for action in actions] == [True] * 4


def test_the_action_page_reads_the_verbs(client, world):
    action = ActionFactory(cooperation=world.own)
    client.force_login(world.users["contributeur"])
    page = client.get(f"/cooperations/{world.own.slug}/portefeuille/actions/{action.pk}/").content.decode()
    assert "Ajouter un commentaire" in page or 'name="text"' in page
    assert "Supprimer définitivement cette action" not in page
