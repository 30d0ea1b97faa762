"""The leadership rotation view: actions and themes led per partner, who leads each theme, and the
concentration the seeds warn against (each theme should be led by a different partner)."""

import pytest

from entente.portfolio import selectors
from entente.portfolio.factories import ActionFactory, WorkstreamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(world):
    first, second = world.partners[world.own.pk][:2]
    economy = WorkstreamFactory(cooperation=world.own, title="Développement économique")
    waste = WorkstreamFactory(cooperation=world.own, title="Déchets", lead=second)
    energy = WorkstreamFactory(cooperation=world.own, title="Énergie")
    for stream in (economy, economy, energy, waste):
        ActionFactory(cooperation=world.own, workstream=stream, partners=[first, second])
    ActionFactory(cooperation=world.own, workstream=energy)  # no lead yet
    return first, second


def test_each_partner_gets_its_actions_themes_and_share(world, portfolio):
    first, second = portfolio
    spread = selectors.leadership(world.own)
    rows = {row["partner"].pk: row for row in spread["rows"]}
    assert (rows[first.pk]["actions"], rows[first.pk]["themes"], rows[first.pk]["share"]) == (4, 3, 80)
    assert rows[second.pk]["workstreams"] == ["Déchets"]
    assert spread["rows"][0]["partner"] == first  # the most loaded first
    assert (spread["total"], spread["unled"]) == (5, 1)


def test_a_partner_leading_several_themes_is_pointed_out(world, portfolio):
    first, second = portfolio
    spread = selectors.leadership(world.own)
    themes = {theme["workstream"].title: theme for theme in spread["themes"]}
    assert themes["Déchets"]["main"] == second.pk  # the chantier's own lead wins over the actions' leads
    assert themes["Énergie"]["shared_lead"] and themes["Développement économique"]["shared_lead"]
    assert not themes["Déchets"]["shared_lead"]
    assert spread["concentrated"] == {first.organization.name: ["Développement économique", "Énergie"]}
    assert spread["dominant"]["partner"] == first


def test_the_page_warns_the_steering_committee_in_constant_queries(client, world, portfolio,
                                                                   django_assert_max_num_queries):
    first, _second = portfolio
    client.force_login(world.users["observateur"])
    url = f"/cooperations/{world.own.slug}/portefeuille/chefs-de-file/"
    with django_assert_max_num_queries(40) as before:
        page = client.get(url).content.decode()
    assert f"{first.organization.name} porte 4 actions sur 5 (80 %)." in page
    assert "Points d'attention pour le comité de pilotage" in page
    for _ in range(10):
        ActionFactory(cooperation=world.own, workstream=WorkstreamFactory(cooperation=world.own), partners=[first])
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url)
