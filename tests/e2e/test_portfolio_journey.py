"""Create an action with two départements, give it a financing plan split by population, watch
the live preview and find the exact shares on the action — in real Chromium."""

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.portfolio.factories import WorkstreamFactory
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def departement(cooperation, code, name, population):
    territory = TerritoryFactory(kind="departement", code=code, name=name, population=population)
    return PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(
        local_authority=True, territory=territory, name=f"Département {name}"))


def test_create_an_action_with_a_population_based_split(page, live_url, login):
    cooperation = CooperationFactory(name="Piloter ensemble", slug="piloter-ensemble")
    departement(cooperation, "37", "Indre-et-Loire", 619362)
    departement(cooperation, "41", "Loir-et-Cher", 328543)
    WorkstreamFactory(cooperation=cooperation, title="Les ressources humaines", axis=None)
    user = UserFactory(display_name="DGA Ressources, Département 37")
    MembershipFactory(cooperation=cooperation, user=user, role="coordinateur")
    login(page, user)

    page.goto(f"{live_url}/cooperations/piloter-ensemble/portefeuille/")
    page.get_by_role("link", name="Nouvelle action").click()
    page.get_by_label("Intitulé").fill("Formation commune à la gestion de projet")
    page.get_by_label("Chantier existant", exact=True).select_option(label="Les ressources humaines")
    page.locator("label", has_text="Département Indre-et-Loire").click()
    page.locator("label", has_text="Département Loir-et-Cher").click()
    page.get_by_label("Chef de file").select_option(label="Département Indre-et-Loire")
    page.get_by_role("button", name="Créer l'action").click()
    page.wait_for_url("**/portefeuille/actions/*/")
    assert page.get_by_role("heading", name="Formation commune à la gestion de projet", level=1).is_visible()

    page.get_by_role("link", name="Plan de financement").click()
    page.get_by_label("Coût total de l'action (€)").fill("30000")
    page.get_by_label("Financement de la Région (€)").fill("6000")
    page.get_by_label("Clé de répartition du reste à charge").select_option("population")
    preview = page.locator("#apercu")
    preview.get_by_text("619 362 hab. / 947 905 hab.").wait_for()
    assert "Reste à charge : 24 000,00 €" in preview.inner_text().replace("\u202f", " ").replace("\u00a0", " ")
    page.get_by_role("button", name="Enregistrer le plan").click()
    page.wait_for_url("**/portefeuille/actions/*/")
    text = page.locator("main").inner_text().replace("\u202f", " ").replace("\u00a0", " ")
    # 24 000 € × 619 362 / 947 905 = 15 681,62 € ; 24 000 € × 328 543 / 947 905 = 8 318,38 €
    assert "15 681,62 €" in text and "8 318,38 €" in text

    # The edit form opens filled in: saving it unchanged keeps the participants and the split.
    page.get_by_role("link", name="Modifier", exact=True).click()
    assert page.get_by_label("Intitulé").input_value() == "Formation commune à la gestion de projet"
    page.get_by_label("Début").fill("2026-01-05")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url("**/portefeuille/actions/*/")
    assert "du 05/01/2026" in page.locator("main").inner_text()

    # A milestone is added, then postponed from its own form; the journal keeps both steps.
    page.locator("#id_title").fill("Comité de pilotage")
    page.locator("#id_due_on").fill("2027-01-15")
    page.get_by_role("button", name="Ajouter le jalon").click()
    page.wait_for_url("**/portefeuille/actions/*/")
    page.get_by_text("Modifier ou supprimer le jalon « Comité de pilotage »").click()
    page.locator("input[name$='-due_on']").fill("2027-03-31")
    page.get_by_role("button", name="Enregistrer le jalon").click()
    page.wait_for_url("**/portefeuille/actions/*/")
    text = page.locator("main").inner_text()
    assert "échéance 31/03/2027" in text
    assert "échéance reportée du 15/01/2027 au 31/03/2027" in text
