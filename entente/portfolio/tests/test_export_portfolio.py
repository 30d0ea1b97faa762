"""Exports of the portfolio: CSV and XLSX with financing, formulas neutralised."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from entente.portfolio.factories import ActionFactory
from entente.portfolio.financing_services import FinancingData, save_financing

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(world):
    action = ActionFactory(cooperation=world.own, title="=HYPERLINK(\"http://exemple.fr\")",
                           partners=world.partners[world.own.pk])
    save_financing(action, data=FinancingData(
        total=Decimal("1250"), key="parts_egales", fundings=[("region", "", Decimal("250"))]))
    return action


def test_the_csv_export_neutralises_formulas_and_carries_the_split(client, world, portfolio):
    client.force_login(world.users["observateur"])
    response = client.get(f"/cooperations/{world.own.slug}/portefeuille/export.csv")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text
    header, row = list(csv.reader(io.StringIO(text), delimiter=";"))[:2]
    values = dict(zip(header, row, strict=True))
    assert values["Coût total (€)"] == "1250,00" and values["Région (€)"] == "250,00"
    assert values["Reste à charge (€)"] == "1000,00" and values["Clé de répartition"] == "à parts égales"
    assert "500,00\u00a0€" in values["Répartition"]


def test_the_xlsx_export_has_a_sheet_per_share(client, world, portfolio):
    client.force_login(world.users["observateur"])
    response = client.get(f"/cooperations/{world.own.slug}/portefeuille/export.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Portefeuille"]
    assert sheet["C2"].value.startswith("'=")
    values = dict(zip([c.value for c in sheet[1]], [c for c in sheet[2]], strict=True))
    assert values["Région (€)"].value == 250.0 and "€" in values["Région (€)"].number_format
    shares = list(workbook["Répartition"].iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in shares] == [500.0, 500.0]


def test_the_portfolio_workbook_opens_with_a_control_character_in_a_title(client, world):
    ActionFactory(cooperation=world.own, title="Observatoire\x0b partagé")
    client.force_login(world.users["observateur"])
    response = client.get(f"/cooperations/{world.own.slug}/portefeuille/export.xlsx")
    assert response.status_code == 200
