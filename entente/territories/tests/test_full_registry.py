"""The registry shipped in the repository imports completely (a few seconds, never skipped)."""

import pytest

from entente.territories.models import Territory, TerritoryKind, TerritoryToken
from entente.territories.selectors import search_territories

from .conftest import run_import


@pytest.mark.django_db
def test_the_shipped_registry_imports_completely():
    run_import("", verbosity=0)  # an empty --source means the shipped file

    current = Territory.objects.filter(is_current=True)
    assert current.filter(kind=TerritoryKind.COMMUNE).count() == 34969
    assert current.filter(kind=TerritoryKind.EPCI).count() == 1255
    assert current.filter(kind=TerritoryKind.DEPARTEMENT).count() == 109
    assert current.filter(kind=TerritoryKind.REGION).count() == 26
    ancenis = Territory.objects.select_related("epci").get(kind="commune", code="44003")
    assert ancenis.name == "Ancenis-Saint-Géréon"
    assert (ancenis.epci.code, ancenis.epci.name) == ("244400552", "CC du Pays d'Ancenis")
    tours = Territory.objects.get(kind="epci", code="243700754")
    assert (tours.name, tours.epci_kind) == ("Tours Métropole Val de Loire", "METRO")
    assert Territory.objects.get(kind="epci", code="200046977").epci_kind == "METRO"  # Métropole de Lyon
    assert TerritoryToken.objects.count() > 60000
    assert [t.code for t in search_territories("st etienne", limit=2)] == ["42218", "244200770"]
