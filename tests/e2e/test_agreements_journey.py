"""From a draft to a signed convention, with a scanned copy per signature and the DOCX downloaded —
in real Chromium against the live server."""

import io
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF_SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def partner(cooperation, code, name):
    territory = TerritoryFactory(kind="departement", code=code, name=name)
    return PartnershipFactory(cooperation=cooperation,
                              organization=OrganizationFactory(local_authority=True, territory=territory))


def add_signatory(page, name, title):
    page.get_by_text("Ajouter un signataire").click()
    form = page.locator("form[action$='/signataires/']")
    form.get_by_label("Partenaire signataire").select_option(label=name)
    form.get_by_label("Qualité du signataire").fill(title)
    form.get_by_role("button", name="Ajouter le signataire").click()
    page.wait_for_selector(f"text=« {name} » est ajouté aux signataires.")


def sign(page, name, tmp_path):
    row = page.locator("tr", has=page.get_by_role("cell", name=name, exact=True))
    row.get_by_role("link", name="Enregistrer la signature").click()
    page.get_by_label("Date de signature").fill(timezone.localdate().isoformat())
    page.get_by_label("Référence de la délibération").fill("Délibération n° 2026-12")
    scan = tmp_path / "exemplaire-signe.pdf"
    scan.write_bytes(PDF_SCAN)
    page.get_by_label("Exemplaire signé numérisé").set_input_files(str(scan))
    page.get_by_role("button", name="Enregistrer la signature").click()
    page.wait_for_selector(f"text=La signature de « {name} » est enregistrée.")


def propose_and_retain(page, title, wording):
    """Co-drafting: a new wording proposed on an article, then retained by the coordinator."""
    article = page.locator("section.entente-article", has=page.get_by_role("heading", name=f"— {title}"))
    article.get_by_text("Commentaires (0)").click()
    article.get_by_label(f"Commenter « {title} »").fill("Dire d'emblée ce que crée la convention.")
    article.get_by_text("Proposer une nouvelle rédaction de l'article").click()
    article.get_by_label(f"Rédaction proposée pour « {title} »").fill(wording)
    article.get_by_role("button", name="Publier le commentaire").click()
    page.wait_for_selector("text=Votre proposition de rédaction est publiée.")
    article = page.locator("section.entente-article", has=page.get_by_role("heading", name=f"— {title}"))
    article.get_by_role("button", name="Retenir cette rédaction").click()
    page.wait_for_selector("text=est reprise dans l'article")
    article = page.locator("section.entente-article", has=page.get_by_role("heading", name=f"— {title}"))
    assert wording in article.locator(".entente-article__body").text_content()


def test_draft_to_signed_agreement_with_its_docx(page, live_url, login, tmp_path):
    cooperation = CooperationFactory(name="Entente Loire — Haute-Loire", slug="entente-loire-haute-loire")
    partner(cooperation, "42", "Loire")
    partner(cooperation, "43", "Haute-Loire")
    coordinator = UserFactory(display_name="Coordination de l'entente")
    MembershipFactory(cooperation=cooperation, user=coordinator, role="coordinateur")
    login(page, coordinator)

    page.goto(f"{live_url}/cooperations/{cooperation.slug}/chartes-et-conventions/")
    page.get_by_role("link", name="Nouvelle convention").click()
    page.get_by_label("Intitulé").fill("Convention de l'entente interdépartementale")
    page.get_by_label("Durée (en mois)").fill("36")
    page.get_by_label("Fait à").fill("Saint-Étienne")
    page.get_by_role("button", name="Créer la convention").click()
    page.wait_for_selector("text=La convention est créée")
    assert page.get_by_role("heading", name="Article 3 — Gouvernance").is_visible()
    assert page.locator("#statut-convention").text_content().strip() == "Brouillon"

    propose_and_retain(page, "Objet", "La présente convention crée l'entente interdépartementale.")

    add_signatory(page, "Loire", "Le Président du Département de la Loire")
    add_signatory(page, "Haute-Loire", "Le Président du Département de la Haute-Loire")
    page.get_by_role("button", name="Soumettre à signature").click()
    page.wait_for_selector("text=version 1 figée")
    assert page.locator("#statut-convention").text_content().strip() == "En signature"

    sign(page, "Loire", tmp_path)
    sign(page, "Haute-Loire", tmp_path)
    assert page.locator("#statut-convention").text_content().strip() == "Signée"  # une convention est signée

    # The document is made in the worker (tests run each task at once): the link offers to prepare
    # it, the job's page then offers the file.
    page.locator("#telecharger-docx").click()
    page.get_by_role("button", name="Préparer le document").click()
    page.wait_for_selector("text=C'est prêt")
    with page.expect_download() as download_info:
        page.locator("a.fr-link--download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(Path(download.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Convention de l’entente interdépartementale" in text
    assert "La présente convention crée l’entente interdépartementale." in text
    signatures = " ".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "Pour Loire" in signatures and "Délibération" in signatures
