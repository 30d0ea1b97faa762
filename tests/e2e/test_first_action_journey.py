"""A DGS's first hour: create a cooperation as the partner they represent, then its first action
with a chantier named on the spot and an outside département found by search — in real Chromium."""

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.models import Membership
from entente.portfolio.models import Action
from entente.territories.factories import TerritoryFactory
from entente.territories.models import Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pick(page, search_label, query, label):
    page.get_by_label(search_label).fill(query)
    page.locator(".entente-pick", has_text=label).first.click()


def test_create_a_cooperation_then_its_first_action(page, live_url, login):
    indre_et_loire = TerritoryFactory(kind="departement", code="37", name="Indre-et-Loire", population=610079)
    TerritoryFactory(kind="departement", code="41", name="Loir-et-Cher", population=329470)
    TerritoryFactory(kind="departement", code="36", name="Indre", population=217139)
    user = UserFactory(display_name="DGS, Département 37")
    user.organization = Organization.objects.create(
        name="Indre-et-Loire", kind="collectivite", territory=indre_et_loire
    )
    user.save()
    login(page, user)

    page.goto(f"{live_url}/cooperations/nouvelle/")
    page.get_by_role("textbox", name="Nom").fill("Entente Touraine Sologne")
    page.get_by_label("Type de coopération").select_option("entente")
    pick(page, "Rechercher un partenaire", "loir cher", "Loir-et-Cher")
    pick(page, "Rechercher un partenaire", "indre et loire", "Indre-et-Loire")
    represents = page.get_by_label("Vous représentez")
    assert represents.input_value() == "territory:departement:37"  # the profile's organization, once picked
    page.get_by_role("button", name="Créer la coopération").click()
    page.wait_for_url("**/cooperations/entente-touraine-sologne/")
    assert Membership.objects.get(user=user).partner.organization.name == "Indre-et-Loire"

    page.goto(f"{live_url}/cooperations/entente-touraine-sologne/membres/")
    assert page.get_by_text("ne représente aucun partenaire").count() == 0

    page.goto(f"{live_url}/cooperations/entente-touraine-sologne/portefeuille/actions/nouvelle/")
    page.get_by_label("Intitulé").fill("Observatoire commun de l'habitat")
    page.get_by_label("Nouveau chantier").fill("Habitat")
    page.get_by_label("Description").fill("Mettre nos données en commun.")
    pick(page, "Rechercher un territoire", "36", "Indre")
    assert page.locator(".entente-picked .entente-partner-row", has_text="Indre (Département)").count() == 1
    page.get_by_role("button", name="Créer l'action").click()
    page.wait_for_url("**/portefeuille/actions/*/")
    action = Action.objects.get(title="Observatoire commun de l'habitat")
    assert action.workstream.title == "Habitat"
    assert [o.name for o in action.external_partners.all()] == ["Indre"]
    assert "Indre" in page.locator("main").inner_text()
