"""Converting Etalab's package into the compact file Entente ships."""

import gzip
import json

import pytest

from entente.territories.registry import (
    DEFAULT_SOURCE,
    RegistryError,
    convert_decoupage,
    load_registry,
    parse_document,
)


def rows_by_code(registry, section):
    return {row["code"]: row for row in getattr(registry, section)}


def test_only_current_communes_are_kept(fixture_package):
    communes = rows_by_code(load_registry(fixture_package), "communes")
    assert set(communes) == {"42207", "42218", "44003", "44096", "44109", "44158"}


def test_commune_total_population_comes_from_its_epci_membership(fixture_package):
    communes = rows_by_code(load_registry(fixture_package), "communes")
    assert communes["44003"]["population"] == 11600
    assert communes["44003"]["population_total"] == 11769
    assert communes["44003"]["epci"] == "244400552"
    assert communes["44109"]["population_total"] is None  # in no EPCI of the fixture


def test_departement_and_region_populations_are_sums_of_their_communes(fixture_package):
    registry = load_registry(fixture_package)
    departements, regions = rows_by_code(registry, "departements"), rows_by_code(registry, "regions")
    assert departements["44"]["population"] == 11600 + 4889 + 320732 + 7500
    # Communes without a total population count with their municipal one.
    assert departements["44"]["population_total"] == 11769 + 4950 + 320732 + 7500
    assert departements["42"]["population"] == 173136 + 35000
    assert regions["84"]["population_total"] == 174222 + 35600


def test_epci_population_is_the_sum_of_its_members_and_the_source_figure_is_kept(fixture_package):
    epci = rows_by_code(load_registry(fixture_package), "epci")
    assert epci["244400552"] == {
        "code": "244400552", "name": "CC du Pays d'Ancenis", "epci_kind": "CC", "departement": "44",
        "region": "52", "population": 11600 + 4889, "population_total": 11769 + 4950,
        # The source's (older) figure, shown as such and never used in a split.
        "source_population": 16235, "source_population_total": 16719,
    }
    assert epci["244200770"]["epci_kind"] == "METRO"


def test_the_insee_article_code_is_kept_for_communes_departements_and_regions(fixture_package):
    registry = load_registry(fixture_package)
    assert rows_by_code(registry, "departements")["42"]["tncc"] == 3  # la Loire
    assert rows_by_code(registry, "regions")["52"]["tncc"] == 4  # les Pays de la Loire
    communes = rows_by_code(registry, "communes")
    assert communes["44003"]["tncc"] == 1  # d'Ancenis-Saint-Géréon
    assert communes["44158"]["tncc"] is None  # the source gives none: kept unknown, not guessed


def test_an_article_code_outside_insee_range_is_refused(fixture_document):
    fixture_document["departements"][0][2] = 9
    with pytest.raises(RegistryError, match="valeur invalide pour « tncc »"):
        parse_document(fixture_document)


def test_a_release_of_unknown_millesime_has_no_population_year(fixture_package):
    registry = load_registry(fixture_package)
    assert (registry.population_year, registry.population_total_year) == (None, None)


def test_shipped_registry_names_its_population_millesimes():
    registry = load_registry()
    # Populations légales 2023 (in force in 2026) for communes; DGCL 2025 file (millésime 2022)
    # for total populations and the EPCI source figures.
    assert (registry.population_year, registry.population_total_year) == (2023, 2022)


def test_every_shipped_epci_population_is_the_sum_of_its_members():
    registry = load_registry()
    sums = {}
    for commune in registry.communes:
        if commune["epci"]:
            sums[commune["epci"]] = sums.get(commune["epci"], 0) + commune["population"]
    assert {row["code"]: row["population"] for row in registry.epci} == sums
    tours = rows_by_code(registry, "epci")["243700754"]
    assert (tours["population"], tours["source_population"]) == (301339, 299019)


def test_every_shipped_departement_and_region_has_its_article_code():
    registry = load_registry()
    assert all(row["tncc"] is not None for row in registry.departements + registry.regions)
    communes = registry.communes
    assert sum(row["tncc"] is None for row in communes) < 100  # only communes of the COM lack one


def test_metropole_de_lyon_is_a_metropole():
    raw = {
        "regions": [{"code": "84", "nom": "Auvergne-Rhône-Alpes"}],
        "departements": [{"code": "69", "nom": "Rhône", "region": "84"}],
        "communes": [{"code": "69123", "nom": "Lyon", "type": "commune-actuelle", "departement": "69",
                      "region": "84", "population": 520774}],
        "epci": [{"code": "200046977", "nom": "Métropole de Lyon", "type": "MET69", "populationMunicipale": 1,
                  "populationTotale": 1, "membres": [{"code": "69123", "populationTotale": 2}]}],
    }
    registry = parse_document(convert_decoupage(raw, "test"))
    assert registry.epci[0]["epci_kind"] == "METRO"


def test_unknown_epci_kind_is_refused_in_french():
    raw = {
        "regions": [{"code": "11", "nom": "Île-de-France"}],
        "departements": [{"code": "75", "nom": "Paris", "region": "11"}],
        "communes": [{"code": "75056", "nom": "Paris", "type": "commune-actuelle", "departement": "75",
                      "region": "11", "population": 1}],
        "epci": [{"code": "200054781", "nom": "MGP", "type": "EPT", "populationMunicipale": 1, "membres": []}],
    }
    with pytest.raises(RegistryError, match="nature « EPT » inconnue"):
        convert_decoupage(raw, "test")


def test_npm_directory_data_directory_and_tarball_give_the_same_registry(fixture_package, fixture_tarball):
    from_directory = load_registry(fixture_package)
    assert load_registry(fixture_package / "data").communes == from_directory.communes
    from_tarball = load_registry(fixture_tarball)
    assert from_tarball == from_directory
    assert from_tarball.version == "0.0.0-test"


def test_shipped_file_is_small_and_complete():
    assert DEFAULT_SOURCE.stat().st_size < 2_000_000
    with gzip.open(DEFAULT_SOURCE) as handle:
        document = json.load(handle)
    assert document["source"] == "@etalab/decoupage-administratif 6.0.0"
    assert parse_document(document).counts() == {
        "regions": 26, "departements": 109, "epci": 1255, "communes": 34969,
    }


def test_dangling_reference_is_refused(fixture_document):
    fixture_document["communes"][0][3] = "99"
    with pytest.raises(RegistryError, match="departement 99 absent"):
        parse_document(fixture_document)
