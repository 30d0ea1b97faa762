"""The registry shipped in the repository imports completely (a few seconds, never skipped)."""

import pytest
from django.db.models import Sum

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


@pytest.mark.django_db
def test_imported_epci_populations_are_their_members_sums_of_the_same_year():
    run_import("", verbosity=0)

    sums = dict(
        Territory.objects.filter(is_current=True, kind=TerritoryKind.COMMUNE, epci__isnull=False)
        .values("epci__code")
        .annotate(total=Sum("population"))
        .values_list("epci__code", "total")
    )
    epcis = Territory.objects.filter(is_current=True, kind=TerritoryKind.EPCI)
    assert dict(epcis.values_list("code", "population")) == sums
    tours = epcis.get(code="243700754")
    assert (tours.population, tours.source_population, tours.population_year) == (301339, 299019, 2023)
    assert tours.population_total_year == 2022
    loire = Territory.objects.get(kind=TerritoryKind.DEPARTEMENT, code="42")
    assert (loire.tncc, loire.population_year) == (3, 2023)
