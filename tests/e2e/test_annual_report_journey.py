"""A coordinator preparing the yearly conference opens the health page and downloads its tables, then opens
the annual report, writes its foreword, and downloads its PDF made by the worker — in real Chromium."""

import datetime
import io
import unicodedata
import zoneinfo
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.governance.factories import BodyFactory
from entente.governance.meeting_models import Meeting
from entente.governance.schedule import paris_today
from entente.territories.factories import OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
FOREWORD = "Une année pour apprendre à travailler ensemble."


def test_health_export_then_annual_report_pdf(page, live_url, login):
    year = paris_today().year
    cooperation = CooperationFactory(name="Entente des deux rives", slug="deux-rives")
    for name in ("Département de la Rive gauche", "Département de la Rive droite"):
        PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(name=name))
    body = BodyFactory(cooperation=cooperation, name="Comité de suivi", periodicity="annuelle")
    starts = datetime.datetime(year, 1, 15, 14, tzinfo=PARIS)
    Meeting.objects.create(
        body=body,
        title="Comité de lancement",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        status="tenue",
        agenda_sent_at=starts - datetime.timedelta(days=1),
    )
    user = UserFactory()
    MembershipFactory(cooperation=cooperation, user=user, role="coordinateur")
    login(page, user)

    page.goto(f"{live_url}/cooperations/deux-rives/sante/?periode={year}")
    page.get_by_text(f"Télécharger les tableaux en {year}").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tous les tableaux").click()
    download = download_info.value
    assert download.suggested_filename == f"sante-deux-rives-{year}.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    meetings = {row[0]: row[2] for row in workbook["Réunions par instance"].iter_rows(min_row=2, values_only=True)}
    assert meetings == {"Comité de suivi": 1}

    page.get_by_role("link", name="Rapport d'activité").first.click()
    page.get_by_role("heading", name=f"Rapport d'activité {year}").wait_for()
    assert "Comité de lancement" in page.locator("table[data-table=reunions]").inner_text()
    page.get_by_role("link", name="Rédiger l'avant-propos et la conclusion").click()
    page.get_by_label("Avant-propos").fill(FOREWORD)
    page.get_by_role("button", name="Enregistrer").click()
    page.locator("[data-text=foreword]").get_by_text(FOREWORD).wait_for()

    # The PDF is made in the worker (tests run each task at once): the link offers to prepare it, the job's
    # page then offers the file.
    page.get_by_role("link", name="Télécharger le rapport (PDF)").click()
    page.get_by_role("button", name="Préparer le document").click()
    page.wait_for_selector("text=C'est prêt")
    with page.expect_download() as download_info:
        page.locator("a.fr-link--download").click()
    download = download_info.value
    assert download.suggested_filename == f"rapport-activite-{year}-deux-rives.pdf"
    pages = PdfReader(io.BytesIO(Path(download.path()).read_bytes())).pages
    # Extracted text breaks lines and may decompose accents: compare without spaces, composed.
    text = unicodedata.normalize("NFC", "".join("".join(p.extract_text().split()) for p in pages))
    assert "".join(FOREWORD.split()) in text and "Comitédelancement" in text
