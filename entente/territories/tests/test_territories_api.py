"""GET /api/v1/territories, /api/v1/territories/{code}, /api/v1/organizations."""

import pytest
from django.contrib.auth import get_user_model

from entente.territories.factories import OrganizationFactory
from entente.territories.models import Territory
from entente.territories.registry import write_registry
from entente.territories.services import organization_for_territory

from .conftest import run_import

pytestmark = pytest.mark.usefixtures("registry")


def test_list_is_paginated_with_items_and_count(client):
    response = client.get("/api/v1/territories", {"q": "st etienne", "limit": 1})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert body["items"] == [{
        "code": "42218", "kind": "commune", "name": "Saint-Étienne", "tncc": 0, "population": 173136,
        "population_year": None, "population_total": 174222, "population_total_year": None,
        "source_population": None, "departement": "42", "region": "84", "epci_kind": None,
    }]
    assert client.get("/api/v1/territories", {"q": "st etienne", "offset": 1}).json()["items"][0]["code"] == (
        "244200770"
    )


def test_list_items_of_epci_carry_their_nature_but_not_members(client):
    item = client.get("/api/v1/territories", {"q": "ancenis", "kind": "epci"}).json()["items"][0]
    assert item["epci_kind"] == "CC"
    assert "members" not in item


def test_list_without_query_lists_everything_widest_first(client):
    body = client.get("/api/v1/territories").json()
    assert body["count"] == Territory.objects.count()
    assert [item["kind"] for item in body["items"][:2]] == ["region", "region"]


def test_list_refuses_an_unknown_kind_in_french(client):
    response = client.get("/api/v1/territories", {"kind": "canton"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Données invalides — kind : valeur non autorisée")


def test_detail_of_an_epci_lists_its_members(client):
    body = client.get("/api/v1/territories/244400552").json()
    assert body["kind"] == "epci"
    assert body["epci_kind"] == "CC"
    assert body["departement"] == "44"
    assert body["members"] == [
        {"code": "44003", "name": "Ancenis-Saint-Géréon", "population": 11600},
        {"code": "44096", "name": "Mésanger", "population": 4889},
    ]


def test_detail_of_a_commune_names_its_epci(client):
    body = client.get("/api/v1/territories/44003").json()
    assert (body["kind"], body["epci"], body["members"], body["population_total"]) == (
        "commune", "244400552", None, 11769,
    )


def test_two_character_code_prefers_the_departement(client):
    Territory.objects.create(kind="region", code="44", name="Grand Est", population=1)
    assert client.get("/api/v1/territories/44").json()["kind"] == "departement"
    assert client.get("/api/v1/territories/44", {"kind": "region"}).json()["name"] == "Grand Est"


def test_unknown_code_is_404_in_french(client):
    response = client.get("/api/v1/territories/99999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Territoire introuvable."}
    assert client.get("/api/v1/territories/44003", {"kind": "epci"}).status_code == 404


def test_organizations_are_listed_with_their_territory(client):
    ancenis = organization_for_territory(Territory.objects.get(kind="commune", code="44003"))
    agency = OrganizationFactory(name="Agence d'urbanisme de la région nantaise", kind="agence_urbanisme")
    body = client.get("/api/v1/organizations").json()
    assert body["count"] == 2
    assert body["items"] == [
        {"id": agency.pk, "name": agency.name, "kind": "agence_urbanisme", "territory": None},
        {"id": ancenis.pk, "name": "Ancenis-Saint-Géréon", "kind": "collectivite",
         "territory": {"kind": "commune", "code": "44003", "name": "Ancenis-Saint-Géréon"}},
    ]
    assert client.get("/api/v1/organizations", {"q": "urba"}).json()["count"] == 1


def test_outsider_reads_the_same_as_anonymous(client):
    anonymous = client.get("/api/v1/territories", {"q": "nantes"}).json()
    # The user model is the project's (settings.AUTH_USER_MODEL): territories does not import accounts.
    client.force_login(get_user_model().objects.create(email="personne@exemple.fr"))
    assert client.get("/api/v1/territories", {"q": "nantes"}).json() == anonymous



def test_a_page_holds_at_most_500_items(client):
    Territory.objects.bulk_create(
        Territory(kind="commune", code=f"99{number:03d}", name=f"Commune {number}") for number in range(500)
    )
    body = client.get("/api/v1/territories", {"limit": 500}).json()
    assert (len(body["items"]), body["count"]) == (500, Territory.objects.count())
    too_many = client.get("/api/v1/territories", {"limit": 501})
    assert too_many.status_code == 422
    assert "limit : la valeur est trop grande" in too_many.json()["detail"]


def test_an_epci_population_is_its_members_sum_with_its_year_and_the_source_figure_apart(
    client, tmp_path, fixture_document,
):
    fixture_document.update(population_year=2023, population_total_year=2022)
    path = tmp_path / "registre.json.gz"
    write_registry(fixture_document, path)
    run_import(path)

    item = client.get("/api/v1/territories/244400552").json()

    assert (item["population"], item["population_year"]) == (11600 + 4889, 2023)
    assert sum(member["population"] for member in item["members"]) == item["population"]
    assert (item["source_population"], item["population_total_year"]) == (16235, 2022)
    assert client.get("/api/v1/territories/42").json()["tncc"] == 3
