"""Territory pages: search, autocomplete for the partner picker, territory and organisation pages."""

import pytest

from entente.territories.factories import OrganizationFactory, TerritoryFactory
from entente.territories.models import Territory
from entente.territories.services import organization_for_territory

pytestmark = pytest.mark.usefixtures("registry")


def territory(kind, code):
    return Territory.objects.get(kind=kind, code=code)


# --- search -------------------------------------------------------------------------------


def test_search_page_lists_matching_territories(client):
    response = client.get("/territoires/", {"q": "gereon"})
    assert response.status_code == 200
    assert response.context["title"] == "Territoires"
    assert response.context["nav"] == "territories"
    assert response.context["breadcrumb"] == [("Territoires", None)]
    assert [t.code for t in response.context["results"]] == ["44003"]
    content = response.content.decode()
    assert '<label class="fr-label" for="id_q">' in content
    assert '<a href="/territoires/commune/44003/">Ancenis-Saint-Géréon</a>' in content


def test_search_page_filters_by_kind(client):
    response = client.get("/territoires/", {"q": "st etienne", "kind": "epci"})
    assert [t.code for t in response.context["results"]] == ["244200770"]


def test_search_page_without_query_shows_the_form_only(client):
    response = client.get("/territoires/")
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "Aucun territoire" not in response.content.decode()


def test_search_page_says_when_nothing_matches(client):
    response = client.get("/territoires/", {"q": "zzzz"})
    assert "Aucun territoire ne correspond à « zzzz »" in response.content.decode()


def test_search_page_refuses_an_unknown_kind_in_french(client):
    response = client.get("/territoires/", {"q": "nantes", "kind": "canton"})
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_htmx_search_returns_the_results_fragment(client):
    response = client.get("/territoires/", {"q": "nantes"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert "/territoires/commune/44109/" in content


# --- autocomplete -------------------------------------------------------------------------


def test_autocomplete_offers_territories_as_buttons(client):
    response = client.get("/territoires/autocomplete/", {"q": "gereon"})
    assert response.status_code == 200
    assert (
        '<button type="button" class="entente-pick" data-value="territory:commune:44003" '
        'data-label="Ancenis-Saint-Géréon (Commune, 44)">'
    ) in response.content.decode()


def test_autocomplete_labels_epci_with_their_nature(client):
    response = client.get("/territoires/autocomplete/", {"q": "st etienne metro"})
    assert 'data-label="Saint-Étienne Métropole (Métropole)"' in response.content.decode()


def test_autocomplete_offers_organizations_without_territory(client):
    agency = OrganizationFactory(name="Agence d'urbanisme de la région nantaise", kind="agence_urbanisme")
    organization_for_territory(territory("commune", "44109"))  # a collectivité: offered as its territory
    response = client.get("/territoires/autocomplete/", {"q": "nant"})
    content = response.content.decode()
    assert f'data-value="organization:{agency.pk}"' in content
    assert 'data-label="Agence d&#x27;urbanisme de la région nantaise (Agence d&#x27;urbanisme)"' in content
    assert content.count('data-value="organization:') == 1
    assert 'data-value="territory:commune:44109"' in content


def test_autocomplete_answers_json_when_asked(client):
    response = client.get("/territoires/autocomplete/", {"q": "ancenis"}, headers={"Accept": "application/json"})
    assert response.json()["results"][:2] == [
        {"value": "territory:commune:44003", "label": "Ancenis-Saint-Géréon (Commune, 44)",
         "name": "Ancenis-Saint-Géréon", "kind": "commune", "kind_label": "Commune, 44",
         "url": "/territoires/commune/44003/"},
        {"value": "territory:epci:244400552", "label": "CC du Pays d'Ancenis (Communauté de communes)",
         "name": "CC du Pays d'Ancenis", "kind": "epci", "kind_label": "Communauté de communes",
         "url": "/territoires/epci/244400552/"},
    ]


def test_autocomplete_gives_at_most_ten_results(client):
    for number in range(12):
        TerritoryFactory(kind="commune", code=f"449{number:02d}", name=f"Saint-Test {number}")
        OrganizationFactory(name=f"Association test {number}")
    response = client.get("/territoires/autocomplete/", {"q": "test"}, headers={"Accept": "application/json"})
    results = response.json()["results"]
    assert len(results) == 10
    assert sum(r["value"].startswith("organization:") for r in results) == 3


def test_autocomplete_kind_filter_leaves_organizations_out(client):
    OrganizationFactory(name="Saint-Étienne Tourisme")
    response = client.get("/territoires/autocomplete/", {"q": "st etienne", "kind": "epci"},
                          headers={"Accept": "application/json"})
    assert [r["value"] for r in response.json()["results"]] == ["territory:epci:244200770"]


def test_autocomplete_without_query_is_empty(client):
    response = client.get("/territoires/autocomplete/", {"q": " "})
    assert response.content.decode().strip() == ""


# --- territory page -----------------------------------------------------------------------


def test_commune_page_shows_its_epci_departement_and_region(client):
    response = client.get("/territoires/commune/44003/")
    assert response.status_code == 200
    content = response.content.decode()
    assert response.context["title"] == "Ancenis-Saint-Géréon (Commune)"
    assert response.context["breadcrumb"] == [("Territoires", "/territoires/"), ("Ancenis-Saint-Géréon", None)]
    assert '<a href="/territoires/epci/244400552/">CC du Pays d&#x27;Ancenis</a>' in content
    assert "Loire-Atlantique (44)" in content
    assert "Pays de la Loire" in content
    assert "11\u202f600" in content or "11 600" in content or "11\xa0600" in content


def test_epci_page_lists_member_communes_with_population(client):
    response = client.get("/territoires/epci/244400552/")
    assert [m.code for m in response.context["members"]] == ["44003", "44096"]
    content = response.content.decode()
    assert "2 communes membres de la CC du Pays d&#x27;Ancenis" in content
    assert '<a href="/territoires/commune/44096/">Mésanger</a>' in content


def test_epci_page_shows_its_members_sum_and_the_source_figure_as_such(client):
    Territory.objects.update(population_year=2023, population_total_year=2022)
    content = client.get("/territoires/epci/244400552/").content.decode()
    members_sum = "16\xa0489"  # 11 600 + 4 889, not the source's 16 235
    assert f"{members_sum} habitants" in content
    assert "populations légales 2023, somme des communes membres" in content
    assert "Population BANATIC (source)" in content and "16\xa0235 habitants" in content
    assert "populations légales 2022, liste des EPCI de la DGCL" in content


def test_a_population_of_unknown_millesime_says_so(client):
    content = client.get("/territoires/departement/42/").content.decode()
    assert "Population municipale" in content and "millésime non précisé" in content


def test_unknown_territory_is_404(client):
    assert client.get("/territoires/commune/00000/").status_code == 404
    assert client.get("/territoires/canton/44003/").status_code == 404


def test_retired_territory_page_says_so(client):
    Territory.objects.filter(code="44096").update(is_current=False)
    response = client.get("/territoires/commune/44096/")
    assert "ne figure plus dans le code officiel géographique" in response.content.decode()


def test_territory_without_organization_lists_no_cooperation(client):
    response = client.get("/territoires/departement/44/")
    assert response.context["cooperations"] == []
    assert "ne participe à aucune coopération" in response.content.decode()


# --- organisation page --------------------------------------------------------------------


def test_organization_without_territory_has_a_page(client):
    agency = OrganizationFactory(name="Agence d'urbanisme de la région nantaise", kind="agence_urbanisme")
    response = client.get(agency.get_absolute_url())
    assert response.context["title"] == "Agence d'urbanisme de la région nantaise"
    assert "Agence d&#x27;urbanisme" in response.content.decode()


def test_unknown_organization_is_404(client):
    assert client.get("/organisations/999999/").status_code == 404


def test_autocomplete_fragment_is_list_items_for_the_pickers_list(client):
    content = client.get("/territoires/autocomplete/", {"q": "ancenis"}).content.decode().strip()
    assert content.startswith("<li><button")
    assert "<ul" not in content
    assert content.count("<li>") == 2


def test_autocomplete_says_when_nothing_matches(client):
    content = client.get("/territoires/autocomplete/", {"q": "zzzz"}).content.decode()
    assert "Aucun territoire ni organisation ne correspond à « zzzz »" in content
