import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entente.cooperations.factories import CooperationFactory, PartnershipFactory
from entente.cooperations.models import Purpose
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def touraine():
    region = TerritoryFactory(kind="region", code="24", name="Centre-Val de Loire")
    departement = TerritoryFactory(kind="departement", code="37", name="Indre-et-Loire", region=region)
    metropole = TerritoryFactory(kind="epci", code="243700754", name="Tours Métropole Val de Loire",
                                 epci_kind="METRO", departement=departement, region=region)
    cooperation = CooperationFactory(public=True, name="Contrats de réciprocité de Touraine",
                                     kind="contrat_reciprocite")
    PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(local_authority=True,
                                                                                 territory=metropole))
    cooperation.purposes.add(Purpose.objects.get(code="convergence"))
    return cooperation


def add_public_cooperations(count):
    for _ in range(count):
        cooperation = CooperationFactory(public=True)
        PartnershipFactory(cooperation=cooperation)
        PartnershipFactory(cooperation=cooperation)


def test_private_cooperations_stay_out_of_the_directory(client, touraine):
    CooperationFactory(name="Coopération secrète")
    page = client.get("/cooperations/").content.decode()
    assert "Contrats de réciprocité de Touraine" in page
    assert "Coopération secrète" not in page


@pytest.mark.parametrize("query", [
    {"q": "reciprocite"}, {"kind": "contrat_reciprocite"}, {"departement": "37"}, {"region": "24"},
    {"partner": "tours metropole"}, {"purpose": "convergence"},
])
def test_each_filter_finds_the_cooperation(client, touraine, query):
    CooperationFactory(public=True, name="Entente sans rapport")
    page = client.get("/cooperations/", query).content.decode()
    assert "Contrats de réciprocité de Touraine" in page
    assert "Entente sans rapport" not in page


def test_directory_query_count_does_not_grow(client, touraine):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cooperations/").status_code == 200
        return len(queries)

    few = count()
    add_public_cooperations(15)
    assert count() == few


def test_csv_export_has_documented_columns_and_neutralised_cells(client, touraine):
    CooperationFactory(public=True, name="=HYPERLINK(\"http://pirate\")")
    content = client.get("/cooperations/export.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    names = {row["nom"] for row in rows}
    assert "Contrats de réciprocité de Touraine" in names
    assert "'=HYPERLINK(\"http://pirate\")" in names
    touraine_row = next(row for row in rows if row["identifiant"] == touraine.slug)
    assert touraine_row["codes_partenaires"] == "243700754"
    assert touraine_row["departements"] == "37" and touraine_row["regions"] == "24"


def test_json_export_describes_its_columns(client, touraine):
    payload = json.loads(client.get("/cooperations/export.json").content)
    assert "identifiant" in payload["colonnes"]
    assert [row["nom"] for row in payload["cooperations"]] == ["Contrats de réciprocité de Touraine"]
