import csv
import datetime
import io
import json

import pytest
from frictionless import Schema
from frictionless.resources import TableResource

from entente.cooperations.factories import CooperationFactory, PartnershipFactory
from entente.cooperations.models import CooperationKind, PartnerRole, Purpose
from entente.cooperations.open_data import file_size_label
from entente.territories.factories import OrganizationFactory, TerritoryFactory
from entente.territories.models import OrganizationKind, TerritoryKind

pytestmark = pytest.mark.django_db

TABLE_FILES = [(table, fmt) for table in ("cooperations", "partenariats") for fmt in ("csv", "json")]


@pytest.fixture
def touraine():
    """A public cooperation whose partners cover every kind of code, and one partner without any."""
    region = TerritoryFactory(kind="region", code="24", name="Centre-Val de Loire")
    departement = TerritoryFactory(kind="departement", code="37", name="Indre-et-Loire", region=region)
    metropole = TerritoryFactory(
        kind="epci",
        code="243700754",
        name="Tours Métropole Val de Loire",
        epci_kind="METRO",
        departement=departement,
        region=region,
    )
    commune = TerritoryFactory(kind="commune", code="37261", name="Tours", departement=departement, region=region)
    cooperation = CooperationFactory(
        public=True,
        name="Contrats de réciprocité de Touraine",
        kind=CooperationKind.RECIPROCITY_CONTRACT,
        started_on=datetime.date(2023, 5, 4),
    )
    for territory in (region, departement, metropole, commune):
        PartnershipFactory(
            cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
        )
    PartnershipFactory(
        cooperation=cooperation,
        role=PartnerRole.FACILITATOR,
        organization=OrganizationFactory(name="Agence d'urbanisme de Tours", kind=OrganizationKind.URBAN_AGENCY),
        joined_on=datetime.date(2024, 1, 15),
    )
    PartnershipFactory(
        cooperation=cooperation,
        role=PartnerRole.OBSERVER,
        organization=OrganizationFactory(
            name="Syndicat des mobilités", siren="200068120", kind=OrganizationKind.JOINT_SYNDICATE
        ),
    )
    cooperation.purposes.add(Purpose.objects.get(code="convergence"))
    CooperationFactory(public=True, name='=HYPERLINK("http://pirate")')
    return cooperation


def partnership_rows(client, **query):
    content = client.get("/cooperations/donnees-ouvertes/partenariats.csv", query).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content), delimiter=";"))


def test_each_partner_has_its_own_row_with_its_code_or_none(client, touraine):
    rows = {row["partenaire"]: row for row in partnership_rows(client)}
    assert len(rows) == 6
    assert rows["Agence d'urbanisme de Tours"]["code"] == "" and rows["Agence d'urbanisme de Tours"]["type_code"] == ""
    assert rows["Agence d'urbanisme de Tours"]["role"] == "Tiers facilitateur"
    assert rows["Agence d'urbanisme de Tours"]["date_entree"] == "2024-01-15"
    assert (rows["Tours Métropole Val de Loire"]["code"], rows["Tours Métropole Val de Loire"]["type_code"]) == (
        "243700754",
        "SIREN",
    )
    assert (rows["Tours"]["code"], rows["Tours"]["type_code"], rows["Tours"]["nature"]) == ("37261", "INSEE", "Commune")
    assert rows["Indre-et-Loire"]["code"] == "37" and rows["Centre-Val de Loire"]["code"] == "24"
    assert rows["Syndicat des mobilités"]["code"] == "200068120" and rows["Syndicat des mobilités"]["nature"] == (
        "Syndicat mixte"
    )
    assert {row["cooperation"] for row in rows.values()} == {touraine.slug}


def test_cooperation_row_counts_its_partners_and_lists_its_territories(client, touraine):
    content = client.get("/cooperations/donnees-ouvertes/cooperations.csv").content.decode("utf-8-sig")
    rows = {row["identifiant"]: row for row in csv.DictReader(io.StringIO(content), delimiter=";")}
    row = rows[touraine.slug]
    assert row["nombre_partenaires"] == "6" and row["date_lancement"] == "2023-05-04"
    assert (row["departements"], row["regions"]) == ("37", "24")
    assert '\'=HYPERLINK("http://pirate")' in {r["nom"] for r in rows.values()}


def table_resource(table, fmt, content, schema, tmp_path):
    """The CSV is read from its file; the JSON (a list of objects) as inline rows, which needs no extra parser."""
    if fmt == "csv":
        (tmp_path / f"{table}.csv").write_bytes(content)
        return TableResource(path=f"{table}.csv", basepath=str(tmp_path), schema=schema)
    rows = json.loads(content)
    names = [field.name for field in schema.fields]
    assert all(list(row) == names for row in rows)
    return TableResource(data=[names, *([row[name] for name in names] for row in rows)], schema=schema)


@pytest.mark.parametrize(("table", "fmt"), TABLE_FILES)
def test_published_file_is_valid_against_its_published_schema(client, touraine, tmp_path, table, fmt):
    schema = Schema.from_descriptor(client.get(f"/cooperations/donnees-ouvertes/{table}/schema.json").json())
    content = client.get(f"/cooperations/donnees-ouvertes/{table}.{fmt}").content
    report = table_resource(table, fmt, content, schema, tmp_path).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = table_resource(table, fmt, content, schema, tmp_path).read_rows()
    assert len(rows) == (2 if table == "cooperations" else 6)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_a_file_that_breaks_its_schema_is_caught(client, touraine, tmp_path, fmt):
    """The validation above can fail: a partner code that is neither Insee nor SIREN is refused."""
    schema = Schema.from_descriptor(client.get("/cooperations/donnees-ouvertes/partenariats/schema.json").json())
    content = client.get(f"/cooperations/donnees-ouvertes/partenariats.{fmt}").content.replace(b"37261", b"ABC")
    report = table_resource("partenariats", fmt, content, schema, tmp_path).validate()
    assert not report.valid
    assert report.flatten(["fieldName", "type"]) == [["code", "constraint-error"]]


@pytest.mark.parametrize("table", ["cooperations", "partenariats"])
def test_schema_follows_the_schema_data_gouv_conventions(client, table):
    schema = client.get(f"/cooperations/donnees-ouvertes/{table}/schema.json").json()
    assert Schema.from_descriptor(schema).fields  # a valid Table Schema
    for key in ("name", "title", "description", "licenses", "version", "contributors"):
        assert schema[key], key
    for field in schema["fields"]:
        assert field["title"] and field["description"] and "example" in field, field["name"]


def test_schema_choices_are_the_labels_the_files_use(client):
    cooperations = {
        f["name"]: f for f in client.get("/cooperations/donnees-ouvertes/cooperations/schema.json").json()["fields"]
    }
    partnerships = {
        f["name"]: f for f in client.get("/cooperations/donnees-ouvertes/partenariats/schema.json").json()["fields"]
    }
    assert cooperations["type"]["constraints"]["enum"] == CooperationKind.labels
    assert partnerships["role"]["constraints"]["enum"] == PartnerRole.labels
    assert set(partnerships["nature"]["constraints"]["enum"]) == set(TerritoryKind.labels) | set(
        OrganizationKind.labels
    )


def test_json_file_holds_the_same_rows_as_the_csv(client, touraine):
    from_json = client.get("/cooperations/donnees-ouvertes/partenariats.json").json()
    from_csv = partnership_rows(client)
    assert [{k: v or "" for k, v in row.items()} for row in from_json] == from_csv


def test_files_follow_the_directory_filters(client, touraine):
    CooperationFactory(public=True, name="Démarche sans rapport", kind=CooperationKind.OTHER)
    assert {row["cooperation"] for row in partnership_rows(client, kind="contrat_reciprocite")} == {touraine.slug}
    payload = client.get("/cooperations/donnees-ouvertes/cooperations.json", {"kind": "autre"}).json()
    assert [row["nom"] for row in payload] == ["Démarche sans rapport"]


def test_private_cooperations_are_not_published(client, touraine):
    private = CooperationFactory(name="Coopération secrète")
    PartnershipFactory(cooperation=private)
    assert private.slug not in {row["cooperation"] for row in partnership_rows(client)}
    assert "Coopération secrète" not in client.get("/cooperations/donnees-ouvertes/cooperations.json").content.decode()


@pytest.mark.parametrize(
    ("former", "target"),
    [
        ("/cooperations/export.csv?kind=entente", "/cooperations/donnees-ouvertes/cooperations.csv?kind=entente"),
        ("/cooperations/export.json", "/cooperations/donnees-ouvertes/cooperations.json"),
    ],
)
def test_former_export_addresses_redirect_to_the_cooperations_file(client, former, target):
    response = client.get(former)
    assert response.status_code == 301 and response["Location"] == target


@pytest.mark.parametrize(
    "url",
    [
        "/cooperations/donnees-ouvertes/membres.csv",
        "/cooperations/donnees-ouvertes/cooperations.xml",
        "/cooperations/donnees-ouvertes/membres/schema.json",
        "/cooperations/export.xml",
    ],
)
def test_unknown_tables_and_formats_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_documentation_page_describes_every_column_of_both_files(client, touraine):
    page = client.get("/cooperations/donnees-ouvertes/").content.decode()
    for table in ("cooperations", "partenariats"):
        size = len(client.get(f"/cooperations/donnees-ouvertes/{table}.csv").content)
        assert f'<span class="fr-link__detail">CSV – {file_size_label(size)}</span>' in page
        schema = client.get(f"/cooperations/donnees-ouvertes/{table}/schema.json").json()
        assert f'href="/cooperations/donnees-ouvertes/{table}/schema.json"' in page
        for field in schema["fields"]:
            assert f"<code>{field['name']}</code>" in page
