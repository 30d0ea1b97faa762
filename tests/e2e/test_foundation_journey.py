"""Sign in, create a cooperation with two partners found through the autocomplete, find it in
the directory — in real Chromium against the live server."""

import pytest

from entente.accounts.factories import UserFactory
from entente.territories.factories import TerritoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pick_partner(page, query, label):
    page.get_by_label("Rechercher un partenaire").fill(query)
    page.locator(".entente-pick", has_text=label).first.click()


def test_create_a_cooperation_and_find_it_in_the_directory(page, live_url, login):
    TerritoryFactory(kind="departement", code="37", name="Indre-et-Loire", population=610079)
    TerritoryFactory(kind="departement", code="41", name="Loir-et-Cher", population=329470)
    user = UserFactory(display_name="DGA Ressources, Département 37")
    login(page, user)

    page.goto(f"{live_url}/cooperations/nouvelle/")
    page.get_by_role("textbox", name="Nom").fill("Piloter ensemble 37 × 41")
    page.get_by_label("Type de coopération").select_option("convention_technique")
    page.locator("label[for=id_visibility_0]").click()
    pick_partner(page, "indre et loire", "Indre-et-Loire")
    pick_partner(page, "loir cher", "Loir-et-Cher")
    assert page.locator("#partner-picked .entente-partner-row").count() == 2
    page.locator("label", has_text="Masse critique").click()
    page.get_by_role("button", name="Créer la coopération").click()

    page.wait_for_url("**/cooperations/piloter-ensemble-37-41/")
    assert page.get_by_role("heading", name="Piloter ensemble 37 × 41", level=1).is_visible()
    assert page.get_by_role("cell", name="Loir-et-Cher").is_visible()

    page.goto(f"{live_url}/cooperations/")
    page.get_by_label("Département").select_option("41")
    page.get_by_role("button", name="Appliquer les filtres").click()
    page.get_by_role("link", name="Piloter ensemble 37 × 41").click()
    page.wait_for_url("**/cooperations/piloter-ensemble-37-41/")
