"""A coordinator adds the preset indicators, imports a French CSV (a wrong file first: the import's
job page lists its errors, then leads back to the form with the same columns), and sees the chart
and its table carry the imported numbers — in real Chromium."""

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD = (
    "Code;Année;Indicateur;Valeur\n37;2023;epargne-brute;10,4\n41;2023;epargne-brute;9,7\n"
    "37;2024;epargne-brute;8,9\n41;2024;epargne-brute;8,1\n"
)


def test_import_a_file_and_see_the_chart(page, live_url, login):
    cooperation = CooperationFactory(name="Piloter ensemble", slug="piloter-ensemble")
    for code, name in (("37", "Indre-et-Loire"), ("41", "Loir-et-Cher")):
        territory = TerritoryFactory(kind="departement", code=code, name=name, population=1000, population_year=2023)
        PartnershipFactory(
            cooperation=cooperation,
            organization=OrganizationFactory(local_authority=True, territory=territory, name=name),
        )
    user = UserFactory()
    MembershipFactory(cooperation=cooperation, user=user, role="coordinateur")
    login(page, user)

    page.goto(f"{live_url}/cooperations/piloter-ensemble/indicateurs/catalogue/")
    page.get_by_role("button", name="Ajouter les indicateurs proposés").click()
    page.get_by_text("Taux d'épargne brute").first.wait_for()

    page.goto(f"{live_url}/cooperations/piloter-ensemble/indicateurs/import/")
    page.get_by_label("Colonne du code du territoire").fill("Code")
    page.get_by_label("Colonne de l'année").fill("Année")
    page.get_by_label("Colonne de l'indicateur (son code ou son nom)").fill("Indicateur")
    page.get_by_label("Colonne de la valeur").fill("Valeur")
    wrong = GOOD.replace("8,1", "huit")
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(
        files=[{"name": "epargne.csv", "mimeType": "text/csv", "buffer": wrong.encode()}]
    )
    page.get_by_role("button", name="Vérifier et importer").click()
    # The import runs in the worker; its page shows the report once the job is over.
    page.get_by_role("heading", name="La tâche n'a pas abouti").wait_for()
    report = page.locator("table[data-table=errors]")
    assert "« huit » n'est pas un nombre" in report.inner_text()

    page.get_by_role("link", name="Déposer le fichier corrigé").click()
    assert page.get_by_label("Colonne de la valeur").input_value() == "Valeur"  # the same columns
    page.get_by_label("Fichier CSV ou XLSX").set_input_files(
        files=[{"name": "epargne.csv", "mimeType": "text/csv", "buffer": GOOD.encode()}]
    )
    page.get_by_label("Enregistrer cette correspondance sous le nom (facultatif)").fill("Mon tableur")
    page.get_by_role("button", name="Vérifier et importer").click()
    page.get_by_text("4 valeur(s) ajoutée(s)").wait_for()
    assert "Correspondance enregistrée sous le nom « Mon tableur »" in page.locator("#job-status").inner_text()

    page.get_by_role("link", name="Voir le tableau de bord").click()
    page.wait_for_url(f"{live_url}/cooperations/piloter-ensemble/indicateurs/")
    block = page.locator("#indicateur-epargne-brute")
    chart = block.locator("svg[data-chart=bars] text[data-value]").all_text_contents()
    table = block.locator("table[data-table=partners] td[data-value]").all_inner_texts()
    assert [t.replace("\u00a0", " ") for t in chart] == ["8,90 %", "8,10 %"]
    assert [t.replace("\u00a0", " ").strip() for t in table] == ["8,90 %", "8,10 %"]
    assert block.locator("svg[data-chart=lines] polyline").count() == 2
