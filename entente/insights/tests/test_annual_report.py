"""The annual activity report: the year's facts and none of another year's, in the page, the PDF, the DOCX
and the API; money by partner from the cost sharing; charts and tables with the same numbers; the
foreword and conclusion written by coordinators with their history; documents made by the worker."""

import datetime
import html
import io
import zoneinfo
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document
from pypdf import PdfReader

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.core.models import Job, JobStatus
from entente.core.testing import run_queued_tasks
from entente.governance.factories import BodyFactory, DecisionFactory, FollowUpFactory
from entente.governance.meeting_models import Meeting
from entente.insights import annual_report as reports
from entente.insights import report_documents
from entente.insights.models import Indicator, IndicatorValue
from entente.insights.report_models import AnnualReport
from entente.portfolio.factories import ActionFactory
from entente.portfolio.models import ActionEvent, EventKind, FinancingPlan, FinancingShare
from entente.territories.factories import OrganizationFactory, TerritoryFactory
from entente.workshops.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
TODAY = datetime.date(2026, 12, 1)
NOW = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=PARIS)
# Facts of 2026, and facts of 2025 or 2027 that a 2026 report must never show.
OF_2026 = [
    "Réunion des déchets 2026",
    "Décision sur les déchets en 2026",
    "Action menée en 2026",
    "Atelier de printemps 2026",
    "Commune Vingt-six",
    "42,25",
]
NOT_OF_2026 = [
    "Réunion du vélo 2025",
    "Décision sur le vélo en 2025",
    "Action close en 2025",
    "Action prévue en 2027",
    "Atelier d'automne 2025",
    "Commune partie en 2024",
    "77,50",
]


def at(day, hour=14):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


def meeting(body, day, title):
    starts = at(day)
    return Meeting.objects.create(
        body=body,
        title=title,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status="tenue",
        agenda_sent_at=starts - datetime.timedelta(days=5),
    )


def partner(cooperation, name, population, **dates):
    territory = TerritoryFactory(kind="commune", name=name, population=population, population_year=2022)
    organization = OrganizationFactory(name=name, territory=territory, local_authority=True)
    return PartnershipFactory(cooperation=cooperation, organization=organization, **dates)


@pytest.fixture
def world():
    cooperation = CooperationFactory(name="Entente annuelle", started_on=datetime.date(2024, 1, 1))
    a = partner(cooperation, "Commune Vingt-six", 3000)
    b = partner(cooperation, "Commune Voisine", 1000)
    partner(
        cooperation,
        "Commune partie en 2024",
        500,
        joined_on=datetime.date(2024, 1, 1),
        left_on=datetime.date(2024, 6, 30),
    )
    body = BodyFactory(
        cooperation=cooperation,
        name="Comité de pilotage",
        periodicity="annuelle",
        created_at=at(datetime.date(2024, 1, 1)),
    )
    old = meeting(body, datetime.date(2025, 3, 10), "Réunion du vélo 2025")
    new = meeting(body, datetime.date(2026, 3, 10), "Réunion des déchets 2026")
    DecisionFactory(
        item__meeting=old,
        cooperation=cooperation,
        text="Décision sur le vélo en 2025",
        decided_on=datetime.date(2025, 3, 10),
    )
    decision = DecisionFactory(
        item__meeting=new,
        cooperation=cooperation,
        text="Décision sur les déchets en 2026",
        decided_on=datetime.date(2026, 3, 10),
    )
    FollowUpFactory(decision=decision, owner_partner=a, title="Suite en retard", due_on=datetime.date(2026, 6, 1))
    FollowUpFactory(
        decision=decision,
        owner_partner=b,
        title="Suite faite",
        status="faite",
        evidence="Fait",
        closed_on=datetime.date(2026, 4, 1),
        due_on=datetime.date(2026, 5, 1),
    )
    closed = ActionFactory(
        cooperation=cooperation,
        title="Action close en 2025",
        lead=a,
        start_on=datetime.date(2024, 1, 1),
        end_on=datetime.date(2025, 6, 30),
    )
    running = ActionFactory(
        cooperation=cooperation,
        title="Action menée en 2026",
        lead=a,
        status="realisee",
        start_on=datetime.date(2025, 9, 1),
    )
    ActionFactory(cooperation=cooperation, title="Action prévue en 2027", lead=b, start_on=datetime.date(2027, 2, 1))
    # Engaged in 2025, done in 2026: the 2025 report says « Engagée », the 2026 one « Réalisée ».
    ActionEvent.objects.create(
        action=running,
        kind=EventKind.STATUS,
        from_status="idee",
        to_status="engagee",
        occurred_at=at(datetime.date(2025, 9, 1)),
    )
    ActionEvent.objects.create(
        action=running,
        kind=EventKind.STATUS,
        from_status="engagee",
        to_status="realisee",
        occurred_at=at(datetime.date(2026, 10, 1)),
    )
    for action, amounts in (
        (running, (Decimal("7500.00"), Decimal("2500.00"))),
        (closed, (Decimal("900.00"), Decimal("100.00"))),
    ):
        plan = FinancingPlan.objects.create(action=action, total=sum(amounts), key="population")
        FinancingShare.objects.create(plan=plan, partnership=a, amount=amounts[0])
        FinancingShare.objects.create(plan=plan, partnership=b, amount=amounts[1])
    WorkshopFactory(cooperation=cooperation, title="Atelier d'automne 2025", held_on=datetime.date(2025, 10, 2))
    WorkshopFactory(
        cooperation=cooperation, title="Atelier de printemps 2026", held_on=datetime.date(2026, 4, 2), host=a
    )
    indicator = Indicator.objects.create(
        cooperation=cooperation, code="epargne", name="Épargne brute par habitant", unit="€"
    )
    IndicatorValue.objects.create(
        indicator=indicator, territory=a.organization.territory, year=2025, value=Decimal("77.5")
    )
    IndicatorValue.objects.create(
        indicator=indicator, territory=a.organization.territory, year=2026, value=Decimal("42.25")
    )
    coordinator = UserFactory()
    MembershipFactory(cooperation=cooperation, user=coordinator, role="coordinateur")
    AnnualReport.objects.create(
        cooperation=cooperation, year=2026, foreword="Une année d'installation.", conclusion="Cap sur 2027 et la suite."
    )
    return {"cooperation": cooperation, "a": a, "b": b, "coordinator": coordinator, "running": running}


def report_of(world, year=2026):
    return reports.annual_report(world["cooperation"], year, today=TODAY, now=NOW)


def test_the_report_holds_the_years_facts_and_none_of_another_year(world):
    text = html.unescape(report_documents.printable_html(report_of(world)))
    for fact in OF_2026:
        assert fact in text, fact
    for fact in NOT_OF_2026:
        assert fact not in text, fact


def test_pdf_and_docx_carry_the_same_facts(world):
    report = report_of(world)
    pdf_text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(report_documents.render_pdf(report))).pages
    )
    document = Document(io.BytesIO(report_documents.render_docx(report)))
    docx_text = "\n".join(
        [p.text for p in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    # PDF text extraction breaks lines: compare without spaces.
    flat_pdf = "".join(pdf_text.split())
    for fact in [*OF_2026, "Une année d'installation.", "Cap sur 2027 et la suite."]:
        assert "".join(fact.split()) in flat_pdf, fact
        assert fact in docx_text, fact
    for fact in NOT_OF_2026:
        assert "".join(fact.split()) not in flat_pdf, fact
        assert fact not in docx_text, fact


def test_money_by_partner_is_the_cost_sharing_of_the_years_actions(world):
    report = report_of(world)
    # Only the running action's plan: 7 500 € and 2 500 €; the closed action's 900 € and 100 € are of 2025.
    assert [row.value for row in report.money.rows] == [Decimal("7500.00"), Decimal("2500.00")]
    assert report.money.table.rows[0][0] == "Commune Vingt-six"
    assert report.money.table.rows[0][2] == "75 %"
    assert report.money.table.rows[-1][0] == "Total"
    # The chart draws the same numbers as its table writes.
    assert [bar.shown for bar in report.money.bars["bars"]] == [row.shown for row in report.money.rows]


def test_status_is_read_at_the_years_end_from_the_journal(world):
    def status(report):
        return {row[0]: row[3] for row in report.actions.rows}["Action menée en 2026"]

    assert status(report_of(world, 2025)) == "Engagée"
    assert status(report_of(world, 2026)) == "Réalisée"


def test_followups_and_health_are_those_of_the_year(world):
    report = report_of(world)
    states = dict(report.followups.table.rows)
    assert states["En retard"] == "1" and states["Faite"] == "1"
    assert [bar.shown for bar in report.followups.bars["bars"]] == [row[1] for row in report.followups.table.rows]
    assert report.health.period.key == "2026"


def test_constant_number_of_queries(world):
    with CaptureQueriesContext(connection) as small:
        report_of(world)
    for index in range(5):
        action = ActionFactory(
            cooperation=world["cooperation"],
            title=f"Autre action {index}",
            lead=world["b"],
            start_on=datetime.date(2026, 1, 1),
        )
        ActionEvent.objects.create(
            action=action,
            kind=EventKind.STATUS,
            from_status="idee",
            to_status="engagee",
            occurred_at=at(datetime.date(2026, 2, 1)),
        )
        meeting(Meeting.objects.first().body, datetime.date(2026, 5, 1 + index), f"Réunion {index}")
    with CaptureQueriesContext(connection) as large:
        report_of(world)
    assert len(large) == len(small)


def test_page_shows_the_report_and_coordinators_write_its_texts(client, world):
    cooperation = world["cooperation"]
    client.force_login(world["coordinator"])
    base = f"/cooperations/{cooperation.slug}/rapport-annuel/2026/"
    page = html.unescape(client.get(base).content.decode())
    assert "Réunion des déchets 2026" in page and "Réunion du vélo 2025" not in page
    assert "Une année d'installation." in page
    response = client.post(base + "textes/", {"foreword": "Nouvel avant-propos.", "conclusion": "Nouvelle conclusion."})
    assert response.status_code == 302
    saved = AnnualReport.objects.get(cooperation=cooperation, year=2026)
    assert (saved.foreword, saved.updated_by) == ("Nouvel avant-propos.", world["coordinator"])
    assert saved.history.count() == 2
    too_long = client.post(base + "textes/", {"foreword": "x" * 9000, "conclusion": ""})
    assert too_long.status_code == 400 and "Au plus 8000 caractères." in html.unescape(too_long.content.decode())
    assert client.get(f"/cooperations/{cooperation.slug}/rapport-annuel/1990/").status_code == 404


def test_document_is_made_by_the_worker_then_served_at_once(
    client, world, database_queue, django_capture_on_commit_callbacks
):
    cooperation = world["cooperation"]
    client.force_login(world["coordinator"])
    url = f"/cooperations/{cooperation.slug}/rapport-annuel/{TODAY.year}/rapport.pdf"
    pending = client.get(url)
    assert pending.status_code == 200 and "Préparer le document" in pending.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(url)
    job = Job.objects.get(kind=report_documents.ANNUAL_REPORT_DOCUMENT)
    assert queued["Location"] == f"/taches/{job.pk}/"
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    download = client.get(f"/taches/{job.pk}/fichier/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    served = client.get(url)
    assert served["Content-Type"] == "application/pdf"
    # A new word in the foreword is another content: another file to make.
    AnnualReport.objects.filter(cooperation=cooperation).update(foreword="Autre avant-propos.")
    assert "Préparer le document" in client.get(url).content.decode()


def test_api_reads_writes_and_queues(client, world, database_queue):
    cooperation = world["cooperation"]
    client.force_login(world["coordinator"])
    url = f"/api/v1/cooperations/{cooperation.slug}/annual-reports/{TODAY.year}"
    data = client.get(url).json()
    tables = {table["key"]: table for table in data["tables"]}
    assert [row[0] for row in tables["reunions"]["rows"]] == ["10/03/2026"]
    assert data["foreword"] == "Une année d'installation."
    written = client.put(url, {"foreword": "Par l'API.", "conclusion": "Fin."}, content_type="application/json")
    assert written.status_code == 200 and written.json()["foreword"] == "Par l'API."
    queued = client.post(url + "/documents", {"format": "docx"}, content_type="application/json")
    assert queued.status_code == 202
    assert queued.json()["page"] == f"/taches/{queued.json()['id']}/"
    assert queued.json()["api_url"] == f"/api/v1/jobs/{queued.json()['id']}"  # followed with the same token
    assert client.get(queued.json()["api_url"]).json()["status"] == "en_attente"
    again = client.post(url + "/documents", {"format": "docx"}, content_type="application/json")
    assert again.json()["id"] == queued.json()["id"]
    assert client.post(url + "/documents", {"format": "odt"}, content_type="application/json").status_code == 422


def test_every_seed_cooperation_gets_its_2026_foreword_and_conclusion(client):
    from entente.insights import report_demo

    coordinator = UserFactory(email="coordinateur@demo.entente.fr")
    for slug in report_demo.TEXTS:
        MembershipFactory(cooperation=CooperationFactory(slug=slug), user=coordinator, role="coordinateur")
    assert sorted(report_demo.load()["loaded"]) == sorted(report_demo.TEXTS)
    assert report_demo.load()["loaded"] == []  # loaded once
    saved = AnnualReport.objects.get(cooperation__slug="touraine-contrats-de-reciprocite", year=2026)
    assert saved.updated_by == coordinator and "contrats de réciprocité" in saved.foreword
    assert saved.history.get().history_user == coordinator
    client.force_login(coordinator)
    page = html.unescape(client.get("/cooperations/entente-loire-haute-loire/rapport-annuel/2026/").content.decode())
    assert "des élus de raison" in page and "services dématérialisés reste sans réponse" in page
