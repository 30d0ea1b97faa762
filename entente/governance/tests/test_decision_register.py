"""The register: search, filters, exports without formulas, and a constant number of queries."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from entente.governance import agenda_services, decision_services, meeting_services, selectors
from entente.governance.factories import AgendaItemFactory, DecisionFactory, FollowUpFactory

pytestmark = pytest.mark.django_db


def make_decisions(meeting, count, start=0):
    decisions = []
    partner = meeting.body.cooperation.partnerships.first()
    for index in range(start, start + count):
        item = AgendaItemFactory(meeting=meeting)
        decision = DecisionFactory(item=item, cooperation=meeting.body.cooperation, number=index + 1000)
        FollowUpFactory(decision=decision, due_on=datetime.date(2020, 1, 1), owner_partner=partner)
        FollowUpFactory(decision=decision, status="faite", evidence="fait", closed_on=datetime.date(2020, 1, 1),
                        owner_partner=partner)
        decisions.append(decision)
    return decisions


def register_queries(client, slug):
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("governance:register", args=[slug]))
    assert response.status_code == 200
    return len(context.captured_queries)


def test_register_has_a_constant_number_of_queries(client, world, meeting):
    client.force_login(world.users["membre"])
    make_decisions(meeting, 3)
    few = register_queries(client, world.own.slug)
    make_decisions(meeting, 60, start=3)
    assert register_queries(client, world.own.slug) == few


def test_register_counts_followups_and_overdue(world, meeting):
    make_decisions(meeting, 1)
    [row] = selectors.register(world.own)
    assert (row.followups_total, row.followups_done, row.followups_overdue) == (2, 1, 1)
    assert list(selectors.register(world.own, followups="en_retard")) == [row]
    assert not selectors.register(world.own, followups="soldees").exists()


def test_search_ignores_accents_and_case(world, item):
    decision_services.record_decision(item=item, text="Création d'un Observatoire des TERRITOIRES", kind="validation")
    decision_services.record_decision(item=item, text="Formation commune des cadres", kind="orientation")
    assert [d.text for d in selectors.register(world.own, q="creation observatoire territoires")] == [
        "Création d'un Observatoire des TERRITOIRES"]
    assert [d.kind for d in selectors.register(world.own, kind="orientation")] == ["orientation"]


def test_register_is_numbered_per_cooperation(world, item):
    first = decision_services.record_decision(item=item, text="Un", kind="validation")
    second = decision_services.record_decision(item=item, text="Deux", kind="validation")
    assert (first.number, second.number) == (1, 2)
    assert first.reference == "D2030-0001"


def test_csv_and_xlsx_exports_neutralise_formulas(client, world, item):
    decision_services.record_decision(item=item, text="=HYPERLINK(\"http://exemple.fr\")", kind="validation")
    client.force_login(world.users["membre"])
    response = client.get(reverse("governance:register_export", args=[world.own.slug, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Référence" and rows[1][5].startswith("'=")
    response = client.get(reverse("governance:register_export", args=[world.own.slug, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=6).value.startswith("'=")


def test_pdf_export_is_a_pdf(client, world, decision):
    client.force_login(world.users["observateur"])
    response = client.get(reverse("governance:register_export", args=[world.own.slug, "pdf"]))
    assert response.content.startswith(b"%PDF")


def test_exports_follow_the_filters(client, world, item):
    decision_services.record_decision(item=item, text="Arbitrage budgétaire", kind="arbitrage")
    decision_services.record_decision(item=item, text="Simple information", kind="information")
    client.force_login(world.users["membre"])
    response = client.get(reverse("governance:register_export", args=[world.own.slug, "csv"]), {"kind": "arbitrage"})
    assert "Arbitrage budgétaire" in response.content.decode("utf-8-sig")
    assert "Simple information" not in response.content.decode("utf-8-sig")


def test_register_of_another_cooperation_is_invisible(client, world, decision):
    client.force_login(world.users["other_coordinator"])
    assert client.get(reverse("governance:register", args=[world.own.slug])).status_code == 404


def test_meeting_record_of_decisions_is_exported_alone(client, world, body, meeting, item):
    decision_services.record_decision(item=item, text="Décision de la réunion", kind="validation")
    later = meeting_services.schedule_meeting(body=body, starts_at=meeting.starts_at + datetime.timedelta(days=60),
                                      ends_at=meeting.ends_at + datetime.timedelta(days=60))
    other_item = agenda_services.add_agenda_item(meeting=later, title="Autre", kind="decision")
    decision_services.record_decision(item=other_item, text="Décision suivante", kind="validation")
    client.force_login(world.users["observateur"])
    url = reverse("governance:register_export", args=[world.own.slug, "csv"]) + f"?meeting={meeting.pk}"
    content = client.get(url).content.decode("utf-8-sig")
    assert "Décision de la réunion" in content and "Décision suivante" not in content
