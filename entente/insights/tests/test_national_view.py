"""The national view of the directory: counts by hand, public cooperations only, open data valid
against its Table Schema, a fixed number of queries."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from frictionless import Schema
from frictionless.resources import TableResource

from entente.cooperations.factories import CooperationFactory, PartnershipFactory
from entente.cooperations.models import CooperationKind, Purpose
from entente.governance.factories import BodyFactory, DecisionFactory, FollowUpFactory, MeetingFactory
from entente.insights import national
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db
URL = "/cooperations/donnees-ouvertes/vue-nationale/"


@pytest.fixture
def directory():
    region = TerritoryFactory(kind="region", code="24", name="Centre-Val de Loire")
    indre = TerritoryFactory(kind="departement", code="37", name="Indre-et-Loire", region=region)
    loir = TerritoryFactory(kind="departement", code="41", name="Loir-et-Cher", region=region)
    tours = TerritoryFactory(kind="commune", code="37261", name="Tours", departement=indre, region=region)
    organizations = {t.code: OrganizationFactory(local_authority=True, territory=t) for t in (indre, loir)}
    active = CooperationFactory(public=True, kind=CooperationKind.ENTENTE)
    for organization in organizations.values():
        PartnershipFactory(cooperation=active, organization=organization)
    active.purposes.add(Purpose.objects.get(code="convergence"))
    quiet = CooperationFactory(public=True, kind=CooperationKind.TECHNICAL_AGREEMENT)
    PartnershipFactory(cooperation=quiet, organization=OrganizationFactory(local_authority=True, territory=tours))
    hidden = CooperationFactory(kind=CooperationKind.ENTENTE)  # private: counted nowhere
    PartnershipFactory(cooperation=hidden, organization=organizations["41"])
    now = timezone.now()
    body = BodyFactory(cooperation=active)
    held = MeetingFactory(body=body, starts_at=now - datetime.timedelta(days=30), status="tenue")
    MeetingFactory(body=body, starts_at=now - datetime.timedelta(days=400), status="tenue")  # too old
    MeetingFactory(body=body, starts_at=now - datetime.timedelta(days=20), status="annulee")
    MeetingFactory(body=BodyFactory(cooperation=hidden), starts_at=now - datetime.timedelta(days=3))
    decision = DecisionFactory(item__meeting=held)
    past = timezone.localdate() - datetime.timedelta(days=3)
    FollowUpFactory(
        decision=decision,
        owner_partner=active.partnerships.first(),
        due_on=past,
        status="faite",
        evidence="Fait",
        closed_on=past,
    )
    FollowUpFactory(decision=decision, owner_partner=active.partnerships.first(), due_on=past)
    FollowUpFactory(decision=decision, owner_partner=active.partnerships.first(), due_on=past, status="abandonnee")
    return {"active": active, "quiet": quiet}


def rows_by_key(view):
    return {(row.dimension, row.code): row for row in view.rows}


def test_counts_public_cooperations_by_kind_place_and_purpose(directory):
    view = national.national_view()
    rows = rows_by_key(view)
    assert view.total.cooperations == 2 and view.total.active == 1
    assert rows[("type", "entente")].cooperations == 1  # the private entente is not counted
    assert rows[("type", "convention_technique")].cooperations == 1
    assert rows[("departement", "37")].cooperations == 2  # one through the département, one through Tours
    assert rows[("departement", "41")].cooperations == 1
    assert rows[("region", "24")].cooperations == 2
    assert rows[("finalite", "convergence")].cooperations == 1


def test_activity_counts_meetings_held_in_twelve_months_and_follow_ups_done(directory):
    view = national.national_view()
    entente = rows_by_key(view)[("type", "entente")]
    assert (entente.meetings, entente.active) == (1, 1)
    assert (entente.followups_due, entente.followups_done, entente.done_percent) == (2, 1, 50)
    quiet = rows_by_key(view)[("type", "convention_technique")]
    assert (quiet.meetings, quiet.active, quiet.done_percent) == (0, 0, None)


def test_the_page_shows_the_same_numbers_in_chart_and_table(client, directory):
    html = client.get(URL).content.decode()
    assert '<th scope="row">Indre-et-Loire (37)</th><td>2</td>' in html
    assert 'dx="6" y="33" font-size="13" fill="#161616">2</text>' in html  # the bar of Indre-et-Loire
    assert "Coopération 3" not in html


def read(client, fmt):
    content = client.get(f"{URL}statistiques.{fmt}").content
    if fmt == "json":
        return json.loads(content)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_open_data_files_are_valid_against_their_schema(client, directory, tmp_path, fmt):
    schema = Schema.from_descriptor(client.get(f"{URL}statistiques/schema.json").json())
    content = client.get(f"{URL}statistiques.{fmt}").content
    names = [field.name for field in schema.fields]
    if fmt == "csv":
        (tmp_path / "statistiques.csv").write_bytes(content)
        resource = TableResource(path="statistiques.csv", basepath=str(tmp_path), schema=schema)
    else:
        rows = json.loads(content)
        resource = TableResource(data=[names, *([row[n] for n in names] for row in rows)], schema=schema)
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    first = read(client, fmt)[0]
    assert first["dimension"] == "ensemble" and str(first["cooperations"]) == "2"


def test_a_file_breaking_the_schema_is_caught(client, directory, tmp_path):
    schema = Schema.from_descriptor(client.get(f"{URL}statistiques/schema.json").json())
    content = client.get(f"{URL}statistiques.csv").content.replace(b"ensemble;", b"nulle-part;")
    (tmp_path / "statistiques.csv").write_bytes(content)
    report = TableResource(path="statistiques.csv", basepath=str(tmp_path), schema=schema).validate()
    assert report.flatten(["fieldName", "type"]) == [["dimension", "constraint-error"]]


def test_an_unknown_format_is_not_found(client):
    assert client.get(f"{URL}statistiques.xml").status_code == 404


def test_the_number_of_queries_does_not_grow_with_the_directory(client, directory):
    def count():
        with CaptureQueriesContext(connection) as queries:
            national.national_view()
        return len(queries)

    before = count()
    for _ in range(3):
        extra = CooperationFactory(public=True)
        PartnershipFactory(cooperation=extra)
        extra.purposes.add(Purpose.objects.get(code="innovation"))
        MeetingFactory(body=BodyFactory(cooperation=extra), starts_at=timezone.now() - datetime.timedelta(days=2))
    assert count() == before == 6


def test_the_api_gives_the_same_rows_as_the_open_data_file(client, directory):
    answer = client.get("/api/v1/directory/statistics?limit=500").json()
    assert answer["items"] == read(client, "json") and answer["count"] == len(answer["items"])


def test_the_directory_links_to_the_national_view(client):
    assert f'href="{URL}"' in client.get("/cooperations/").content.decode()


def test_the_first_of_the_month_is_written_1er(client, monkeypatch):
    """« depuis le 1er décembre 2025 », never « le 1 décembre »."""
    first = timezone.make_aware(datetime.datetime(2026, 12, 1, 12))
    real = national.national_view
    monkeypatch.setattr(national, "national_view", lambda now=None: real(now=first))
    html = client.get(URL).content.decode()
    assert "depuis le 1er décembre 2025." in html
