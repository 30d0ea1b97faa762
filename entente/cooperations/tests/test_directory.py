import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entente.cooperations.factories import CooperationFactory, PartnershipFactory
from entente.cooperations.models import Purpose
from entente.cooperations.open_data import file_size_label
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


def test_download_links_say_format_and_the_size_of_the_file_they_serve(client, touraine):
    query = {"kind": "contrat_reciprocite"}
    page = client.get("/cooperations/", query).content.decode()
    for table in ("cooperations", "partenariats"):
        for fmt in ("csv", "json"):
            size = len(client.get(f"/cooperations/donnees-ouvertes/{table}.{fmt}", query).content)
            label = f"{size} octets" if size < 1000 else f"{round(size / 1000)} ko"
            assert f'href="/cooperations/donnees-ouvertes/{table}.{fmt}?kind=contrat_reciprocite"' in page
            assert f'<span class="fr-link__detail">{fmt.upper()} – {label}</span>' in page
    assert 'href="/cooperations/donnees-ouvertes/partenariats/schema.json"' in page


@pytest.mark.parametrize(("size", "label"), [(1, "1 octet"), (850, "850 octets"), (12_345, "12 ko"),
                                             (1_450_000, "1,4 Mo")])
def test_file_sizes_read_as_the_dsfr_writes_them(size, label):
    assert file_size_label(size) == label


def test_cards_sit_in_a_grid_and_pages_keep_the_filters(client):
    for number in range(14):
        CooperationFactory(public=True, name=f"Entente numéro {number:02d}")
    CooperationFactory(public=True, name="Convention à part", kind="convention_technique")
    first = client.get("/cooperations/", {"kind": "entente"}).content.decode()
    assert first.count('class="fr-card ') == 12 and "fr-grid-row" in first
    assert 'class="fr-pagination fr-mt-4w"' in first
    assert 'href="?kind=entente&amp;page=2"' in first
    second = client.get("/cooperations/", {"kind": "entente", "page": 2}).content.decode()
    assert second.count('class="fr-card ') == 2 and "Entente numéro 13" in second
    assert "Convention à part" not in first + second
    assert 'aria-current="page" title="Page 2"' in second


def test_filter_controls_have_the_dsfr_look(client, touraine):
    page = client.get("/cooperations/").content.decode()
    controls = re.findall(r"<(select|input)\b[^>]*>", page)
    assert len(controls) >= 6
    for tag in re.findall(r"<select\b[^>]*>", page):
        assert "fr-select" in tag, tag
    for tag in re.findall(r'<input\b[^>]*type="search"[^>]*>', page):
        assert "fr-input" in tag, tag
