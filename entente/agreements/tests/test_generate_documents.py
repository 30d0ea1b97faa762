"""Documents are generated, reopened and checked: DOCX parsed back, PDF text extracted."""

import io
import os

import pytest
from docx import Document
from pypdf import PdfReader

from entente.agreements import agreement_services, annex_services, documents, signature_services, trunk_services
from entente.agreements.models import AgreementStatus
from entente.core.formatting import format_date, format_money

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def plain(text: str) -> str:
    """Text with French no-break spaces and typographic apostrophes made plain, for assertions."""
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").replace("’", "'").split(" "))


def docx_text(path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return plain("\n".join(parts))


def pdf_text(path) -> str:
    return plain("\n".join(page.extract_text() for page in PdfReader(str(path)).pages))


@pytest.fixture
def agreement(two_partners, coordinator):
    cooperation, first, second = two_partners
    agreement = agreement_services.create_agreement(
        cooperation=cooperation, user=coordinator, title="Convention de l'entente"
    )
    annex_services.generate_annexes(agreement=agreement)
    signature_services.add_signatory(agreement=agreement, organization=first.organization, signer_title="Le Président")
    signature_services.add_signatory(
        agreement=agreement, organization=second.organization, signer_title="La Présidente"
    )
    return agreement


def annex_slices(text, first_name, second_name):
    start_first = text.index(f"Partenaire concerné : {first_name}")
    start_second = text.index(f"Partenaire concerné : {second_name}")
    signatures = text.index("Signatures", start_second)
    return text[start_first:start_second], text[start_second:signatures]


def test_each_docx_annex_holds_its_partner_actions_and_amounts_only(agreement, two_partners):
    _cooperation, first, second = two_partners
    text = docx_text(documents.agreement_document(agreement, "docx"))
    first_annex, second_annex = annex_slices(text, first.organization.name, second.organization.name)
    assert "Navette des collèges de l'amont" in first_annex
    assert "10 000,00 €" in first_annex
    assert "2 500,00 €" in first_annex
    assert "covoiturage" not in first_annex and "7 300" not in first_annex
    assert "Plateforme de covoiturage de l'aval" in second_annex
    assert "7 300,00 €" in second_annex
    assert "Navette" not in second_annex and "10 000" not in second_annex


def test_each_pdf_annex_holds_its_partner_actions_and_amounts_only(agreement, two_partners):
    _cooperation, first, second = two_partners
    text = pdf_text(documents.agreement_document(agreement, "pdf"))
    flat = " ".join(text.split())
    first_at = flat.index(f"Partenaire concerné : {first.organization.name}")
    second_at = flat.index(f"Partenaire concerné : {second.organization.name}")
    first_annex, second_annex = flat[first_at:second_at], flat[second_at:]
    assert "Navette des collèges" in first_annex and "10 000,00 €" in first_annex
    assert "covoiturage" not in first_annex and "7 300" not in first_annex
    assert "covoiturage" in second_annex and "7 300,00 €" in second_annex
    assert "Navette" not in second_annex


def test_docx_has_headings_a_table_of_contents_and_signature_blocks(agreement):
    path = documents.agreement_document(agreement, "docx")
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Sommaire" in headings and "Signatures" in headings
    assert any(h.startswith("Article 3 — Gouvernance") for h in headings)
    assert 'TOC \\o "1-2"' in document.element.xml
    signature_text = " ".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    assert "Pour Département Amont" in signature_text and "La Présidente" in signature_text


def test_pdf_has_page_numbers_and_a_table_of_contents(agreement):
    text = pdf_text(documents.agreement_document(agreement, "pdf"))
    assert "Sommaire" in text
    assert "Page 1 sur" in text
    assert "Article 1 — Objet" in text


def test_placeholders_are_filled_with_the_cooperation_facts(agreement):
    text = docx_text(documents.agreement_document(agreement, "docx"))
    assert "« Entente des deux rives »" in text
    assert "Département Amont et Département Aval" in text
    assert "{{" not in text


def test_french_typography_in_documents(agreement):
    document = Document(str(documents.agreement_document(agreement, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "suivantes\u00a0:" in text
    assert "«\u00a0Entente des deux rives\u00a0»" in text
    assert " :" not in text and " ;" not in text


def test_signed_agreement_prints_dates_in_french(agreement, coordinator):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    for signatory in agreement.signatories.all():
        signature_services.record_signature(
            agreement=agreement,
            organization=signatory.organization,
            signed_on=today,
            user=coordinator,
            deliberation_reference="DEL-2026-01",
        )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    text = docx_text(documents.agreement_document(agreement, "docx"))
    assert f"Date : {format_date(today)}" in text
    assert f"Fait le {format_date(today)}, en autant d'exemplaires originaux" in text
    assert f"Signée le : {format_date(today)}" in text
    assert isinstance(today, datetime.date)


def test_documents_are_written_whole_then_moved(agreement, tmp_path):
    path = documents.agreement_document(agreement, "docx")
    assert path.exists() and path.stat().st_size > 0
    leftovers = [name for name in os.listdir(path.parent) if name.endswith(".part")]
    assert leftovers == []


def test_a_failing_renderer_leaves_no_file(agreement, monkeypatch):
    def broken(spec):
        raise documents.DocumentError("échec simulé")

    monkeypatch.setitem(documents.RENDERERS, "pdf", broken)
    with pytest.raises(documents.DocumentError):
        documents.agreement_document(agreement, "pdf")
    folder = documents.Path(documents.settings.MEDIA_ROOT) / "documents"
    assert not any(folder.rglob("*.pdf"))


def test_a_template_error_gives_a_french_message(agreement, monkeypatch):
    monkeypatch.setattr(documents, "PDF_TEMPLATE", "agreements/documents/modele_absent.html")
    with pytest.raises(documents.DocumentError, match="modèle de document .* introuvable"):
        documents.agreement_document(agreement, "pdf")


def test_a_docx_document_reopens_as_a_valid_zip(agreement):
    data = documents.agreement_document(agreement, "docx").read_bytes()
    assert Document(io.BytesIO(data)).paragraphs


def test_each_derived_contract_carries_only_its_community_share(coordinator, settings):
    """The Touraine pattern: one trunk, one contract per community, shares split by inhabitants."""
    from decimal import Decimal

    from entente.cooperations.factories import CooperationFactory, PartnershipFactory
    from entente.portfolio import services as portfolio
    from entente.portfolio.financing_services import FinancingData, save_financing
    from entente.portfolio.models import FinancingShare
    from entente.portfolio.structure_services import create_workstream
    from entente.territories.factories import OrganizationFactory, TerritoryFactory

    cooperation = CooperationFactory(name="Touraine")
    epcis = []
    for index, population in enumerate([300000, 12000, 27000, 45000]):
        territory = TerritoryFactory(
            kind="epci",
            epci_kind="CC",
            code=f"2437{index:05d}",
            population=population,
            name="Métropole" if index == 0 else f"Communauté {index}",
        )
        epcis.append(
            PartnershipFactory(
                cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
            )
        )
    stream = create_workstream(cooperation=cooperation, title="Stratégie d'attractivité")
    action = portfolio.create_action(
        cooperation=cooperation,
        user=coordinator,
        data=portfolio.ActionData(
            title="Budget commun de la stratégie d'attractivité", workstream=stream, participants=epcis, lead=epcis[0]
        ),
    )
    save_financing(action, data=FinancingData(total=Decimal("200000"), key="population"))
    only_first = portfolio.create_action(
        cooperation=cooperation,
        user=coordinator,
        data=portfolio.ActionData(title="Filière hydrogène", workstream=stream, participants=[epcis[1]], lead=epcis[1]),
    )
    assert only_first.pk
    trunk = agreement_services.create_agreement(
        cooperation=cooperation, user=coordinator, title="Accord collectif", kind="contrat_reciprocite"
    )
    shares = {s.partnership_id: s.amount for s in FinancingShare.objects.all()}
    for community in epcis[1:]:
        contract = trunk_services.derive_contract(trunk=trunk, partnership=community, user=coordinator)
        text = docx_text(documents.agreement_document(contract, "docx"))
        annex = text[text.index("Partenaire concerné") : text.index("Signatures", text.index("Partenaire concerné"))]
        own = plain(format_money(shares[community.pk]))
        others = [plain(format_money(shares[p.pk])) for p in epcis if p != community]
        assert f"Participation financière : {own}" in annex
        assert not any(amount in annex for amount in others)
        assert ("Filière hydrogène" in annex) is (community == epcis[1])
        assert "Accord collectif — tronc commun" in text


def test_the_docx_summary_lists_the_headings_before_any_field_update(agreement):
    document = Document(str(documents.agreement_document(agreement, "docx")))
    texts = [p.text for p in document.paragraphs]
    summary = texts[texts.index("Sommaire") + 1 :]
    assert summary[0] in ("Articles", "Dispositions communes")  # a bilateral convention has no trunk
    assert "Article 3 — Gouvernance" in summary
    assert any(text.startswith("Annexe 2 — ") for text in summary)
    assert "Signatures" in summary


def test_the_trunk_names_the_forms_of_cooperation(agreement):
    from entente.cooperations.models import CooperationForm

    form = CooperationForm.objects.order_by("position").first()
    agreement.cooperation.forms.add(form)
    agreement_services.add_article(
        agreement=agreement, title="Formes", body="Les parties coopèrent ainsi : {{ formes }}."
    )
    text = docx_text(documents.agreement_document(agreement, "docx"))
    assert f"Les parties coopèrent ainsi : {form.label[:1].lower()}{form.label[1:]}." in plain(text)
