"""search_territories: words in any order, as prefixes, without accents, case, hyphens or "saint"."""

import pytest

from entente.territories.factories import OrganizationFactory
from entente.territories.models import Territory, TerritoryToken
from entente.territories.selectors import prefix_upper_bound, search_organizations, search_territories
from entente.territories.services import territory_tokens

pytestmark = pytest.mark.usefixtures("registry")


def found(query, **kwargs):
    return [f"{t.kind}:{t.code}" for t in search_territories(query, **kwargs)]


def test_a_word_inside_a_hyphenated_name_is_found():
    assert found("gereon") == ["commune:44003"]


def test_saint_and_st_are_the_same_word():
    assert found("st etienne")[:2] == ["commune:42218", "epci:244200770"]
    assert found("saint etienne")[:2] == ["commune:42218", "epci:244200770"]


@pytest.mark.parametrize("query", ["Saint-Étienne", "SAINT ETIENNE", "saint-etienne", "  st   étienne ", "st-Étienne"])
def test_accents_case_and_hyphens_are_ignored(query):
    assert found(query)[:2] == ["commune:42218", "epci:244200770"]


def test_words_are_prefixes_in_any_order():
    assert found("montl st et") == ["commune:44158"]
    assert found("ance") == ["commune:44003", "epci:244400552"]


def test_every_word_must_match():
    assert found("nantes gereon") == []


def test_exact_name_comes_first_then_names_starting_with_the_query():
    assert found("saint etienne") == ["commune:42218", "epci:244200770", "commune:44158"]


def test_otherwise_wider_territories_come_first():
    assert found("loire") == ["departement:42", "departement:44", "region:52"]
    assert found("pays") == ["region:52", "epci:244400552"]


def test_kind_filter():
    assert found("st etienne", kind="epci") == ["epci:244200770"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("44003", "commune:44003"),  # INSEE
        ("244400552", "epci:244400552"),  # SIREN
        ("44150", "commune:44003"),  # postal code
        ("52", "region:52"),  # région number
    ],
)
def test_a_code_finds_its_territory(query, expected):
    assert found(query)[0] == expected


def test_a_departement_number_finds_the_departement_before_its_communes():
    assert found("44")[0] == "departement:44"


def test_retired_territories_are_not_found():
    Territory.objects.filter(code="44003").update(is_current=False)
    assert found("gereon") == []


def test_empty_or_punctuation_only_query_lists_the_widest_territories():
    assert found("", limit=3) == ["region:52", "region:84", "departement:44"]
    assert found(" - ", limit=1) == ["region:52"]


def test_limit():
    assert len(search_territories("st", limit=2)) == 2


def test_prefix_upper_bound_stays_in_the_token_alphabet():
    assert prefix_upper_bound("abc") == "abd"
    assert prefix_upper_bound("az") == "b"
    assert prefix_upper_bound("a9") == "aa"
    assert prefix_upper_bound("zz") is None


def test_a_query_ending_in_z_still_matches():
    created = Territory.objects.create(kind="commune", code="99999", name="Sainte-Agnès-de-Ruz")
    TerritoryToken.objects.bulk_create(
        TerritoryToken(territory=created, token=token) for token in territory_tokens(created.name)
    )
    assert found("ruz") == ["commune:99999"]


def test_organizations_are_found_by_word_prefixes():
    prefecture = OrganizationFactory(name="Préfecture de la Loire-Atlantique", kind="etat")
    OrganizationFactory(name="Agence d'urbanisme de la région nazairienne", kind="agence_urbanisme")
    assert search_organizations("prefecture loire") == [prefecture]
    assert search_organizations("atlan") == [prefecture]
    assert search_organizations("efecture") == []


def test_typing_saint_letter_by_letter_already_finds_the_saints():
    saints = ["epci:244200770", "commune:42218", "commune:42207", "commune:44158", "commune:44003"]
    assert found("sai") == saints
    assert found("sain") == saints
    assert found("sain eti") == ["epci:244200770", "commune:42218", "commune:44158"]
