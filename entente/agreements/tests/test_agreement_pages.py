"""The agreement pages walk a draft to a signed text: trunk, annexes, signatories, signatures."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from entente.agreements import agreement_services, comment_services, signature_services
from entente.agreements.models import Agreement, AgreementStatus, Comment, Signature
from entente.cooperations.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def agreement(two_partners, coordinator):
    cooperation, first, second = two_partners
    agreement = agreement_services.create_agreement(
        cooperation=cooperation, user=coordinator, title="Convention de l'entente"
    )
    signature_services.add_signatory(agreement=agreement, organization=first.organization)
    signature_services.add_signatory(agreement=agreement, organization=second.organization)
    return agreement


def url(name, agreement, *args):
    return reverse(f"agreements:{name}", args=[agreement.cooperation.slug, agreement.pk, *args])


def test_the_coordinator_sees_the_trunk_editor(client, agreement, coordinator):
    client.force_login(coordinator)
    response = client.get(url("detail", agreement))
    assert response.status_code == 200
    assert "Article 3 — Gouvernance" in response.content.decode()
    assert "Soumettre à signature" in response.content.decode()


def test_the_list_shows_drafts_to_members(client, agreement, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("agreements:list", args=[agreement.cooperation.slug]))
    assert "Convention de l&#x27;entente" in response.content.decode()


def test_annexes_are_pulled_from_the_portfolio(client, agreement, coordinator):
    client.force_login(coordinator)
    response = client.post(url("annexes_generate", agreement), {"partnership": ""})
    assert response.status_code == 302
    assert agreement.annexes.count() == 2
    titles = set(
        agreement.annexes.get(partnership__organization__name="Département Aval").articles.values_list(
            "title", flat=True
        )
    )
    assert titles == {
        "Plateforme de covoiturage de l'aval",
        "Schéma commun des pistes cyclables",
        "Récapitulatif des participations financières",
    }


def test_an_unknown_placeholder_is_refused_in_french(client, agreement, coordinator):
    client.force_login(coordinator)
    response = client.post(url("article_add", agreement), {"title": "Moyens", "body": "Voir {{ budget }}."})
    assert response.status_code == 400
    assert "Variable inconnue" in response.content.decode()
    assert not agreement.articles.filter(title="Moyens").exists()


def test_draft_to_signed_with_scans(client, agreement, coordinator):
    client.force_login(coordinator)
    assert client.post(url("submit", agreement)).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_SIGNATURE
    today = timezone.localdate()
    for signatory in agreement.signatories.all():
        scan = SimpleUploadedFile("signee.pdf", PDF_BYTES, content_type="application/pdf")
        response = client.post(
            url("sign", agreement, signatory.pk),
            {
                "signed_on": today.isoformat(),
                "deliberation_reference": "DEL-1",
                "scan": scan,
            },
        )
        assert response.status_code == 302, response.content.decode()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED and agreement.signed_on == today
    # A convention is "signée" (the badge is shown in capitals: "CONVENTION … SIGNÉE").
    assert 'id="statut-convention">Signée</span>' in client.get(url("detail", agreement)).content.decode()
    signature = Signature.objects.filter(signatory__agreement=agreement).first()
    response = client.get(url("signature_scan", agreement, signature.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_signature_before_the_version_is_refused(client, agreement, coordinator):
    client.force_login(coordinator)
    client.post(url("submit", agreement))
    signatory = agreement.signatories.first()
    response = client.post(url("sign", agreement, signatory.pk), {"signed_on": "2019-10-24"})
    assert response.status_code == 400
    assert "précède la version 1 qu&#x27;elle signe" in response.content.decode()
    assert not Signature.objects.exists()


def test_a_scan_that_is_not_a_pdf_is_refused(client, agreement, coordinator):
    client.force_login(coordinator)
    client.post(url("submit", agreement))
    signatory = agreement.signatories.first()
    scan = SimpleUploadedFile("signee.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        url("sign", agreement, signatory.pk),
        {
            "signed_on": timezone.localdate().isoformat(),
            "scan": scan,
        },
    )
    assert response.status_code == 400
    assert "ne correspond pas à un fichier PDF" in response.content.decode()


def test_a_scan_of_another_type_is_refused(client, agreement, coordinator):
    client.force_login(coordinator)
    client.post(url("submit", agreement))
    signatory = agreement.signatories.first()
    scan = SimpleUploadedFile("signee.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        url("sign", agreement, signatory.pk),
        {
            "signed_on": timezone.localdate().isoformat(),
            "scan": scan,
        },
    )
    assert "déposez un PDF, un PNG ou un JPEG" in response.content.decode()


def test_members_comment_and_the_coordinator_resolves(client, agreement, coordinator):
    member = MembershipFactory(cooperation=agreement.cooperation, role="membre").user
    article = agreement.articles.first()
    client.force_login(member)
    response = client.post(url("comment_add", agreement), {"target": f"article:{article.pk}", "body": "Préciser."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert client.post(url("comment_resolve", agreement, comment.pk)).status_code == 403
    client.force_login(coordinator)
    assert client.post(url("comment_resolve", agreement, comment.pk)).status_code == 302
    comment.refresh_from_db()
    assert comment.resolved_by == coordinator


def test_the_history_shows_who_changed_an_article(client, agreement, coordinator):
    client.force_login(coordinator)
    article = agreement.articles.get(title="Gouvernance")
    client.post(
        url("article_edit", agreement, article.pk),
        {
            "title": "Gouvernance",
            "body": "La conférence de l'entente pilote la coopération.",
            "position": 3,
        },
    )
    response = client.get(url("history", agreement))
    content = response.content.decode()
    assert coordinator.public_name in content
    assert "<ins>" in content and "conférence" in content


def test_downloads_answer_docx_and_pdf(client, agreement, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    for fmt in ("docx", "pdf"):  # made by the worker (here at once), then served from storage
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url("document", agreement, fmt))
    docx = client.get(url("document", agreement, "docx"))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(url("document", agreement, "pdf"))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert client.get(url("document", agreement, "odt")).status_code == 404


def test_an_amendment_starts_from_a_signed_agreement(client, agreement, coordinator):
    client.force_login(coordinator)
    response = client.post(url("amendment_create", agreement))
    assert response.status_code == 400
    Agreement.objects.filter(pk=agreement.pk).update(
        status=AgreementStatus.SIGNED, signed_on=datetime.date(2019, 10, 24)
    )
    response = client.post(url("amendment_create", agreement))
    amendment = Agreement.objects.get(parent=agreement)
    assert response.status_code == 302 and amendment.kind == "avenant"
    assert "24 octobre 2019" in amendment.articles.first().body
    assert amendment.signatories.count() == 2


def test_public_visitors_read_submitted_texts_but_not_drafts(client, agreement):
    agreement.cooperation.visibility = "public"
    agreement.cooperation.save()
    assert client.get(url("text", agreement)).status_code == 404
    agreement_services.submit_for_signature(agreement=agreement, user=None)
    response = client.get(url("text", agreement))
    assert response.status_code == 200
    assert "Article 1 — Objet" in response.content.decode()


def test_a_trunk_is_declined_in_bilateral_contracts_with_their_annex(client, agreement, coordinator, two_partners):
    _cooperation, first, second = two_partners
    client.force_login(coordinator)
    response = client.post(
        url("derive", agreement), {"partnerships": [first.pk, second.pk], "contract_signer_title": "Le Président"}
    )
    assert response.status_code == 302
    contracts = Agreement.objects.exclude(pk=agreement.pk)
    assert contracts.count() == 2
    for contract in contracts:
        annex = contract.annexes.get()
        assert annex.partnership.organization.name in contract.title
        assert [a.title for a in contract.articles.all()] == [a.title for a in agreement.articles.all()]
        assert contract.signatories.get().signer_title == "Le Président"


def test_a_submitted_agreement_cannot_be_edited(client, agreement, coordinator):
    client.force_login(coordinator)
    client.post(url("submit", agreement))
    response = client.get(url("edit", agreement))
    assert response.status_code == 400
    assert "rédigez un avenant" in response.content.decode()


def test_signed_scans_are_kept_out_of_the_public_media(client, agreement, coordinator, settings):
    from pathlib import Path

    client.force_login(coordinator)
    client.post(url("submit", agreement))
    signatory = agreement.signatories.first()
    client.post(
        url("sign", agreement, signatory.pk),
        {
            "signed_on": timezone.localdate().isoformat(),
            "scan": SimpleUploadedFile("signee.pdf", PDF_BYTES, content_type="application/pdf"),
        },
    )
    scan = Signature.objects.get().scan
    assert not Path(scan.path).is_relative_to(Path(settings.MEDIA_ROOT))
    assert Path(scan.path).read_bytes() == PDF_BYTES


def test_draft_comments_stay_inside_the_cooperation(client, agreement, coordinator):
    comment_services.add_comment(
        user=coordinator, body="Remarque interne au collectif.", article=agreement.articles.first()
    )
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    agreement.cooperation.visibility = "public"
    agreement.cooperation.save()
    visitor_page = client.get(url("detail", agreement)).content.decode()
    assert "Article 1 — Objet" in visitor_page and "Remarque interne" not in visitor_page
    client.force_login(coordinator)
    assert "Remarque interne" in client.get(url("detail", agreement)).content.decode()


def test_no_new_version_while_in_signature(client, agreement, coordinator):
    client.force_login(coordinator)
    client.post(url("submit", agreement))
    response = client.post(url("version_create", agreement), {"note": "Tardive"})
    assert response.status_code == 400
    assert agreement.versions.count() == 1


def test_a_signed_copy_arriving_later_is_filed_on_its_signature(client, agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    signatory = agreement.signatories.first()
    signature = signature_services.record_signature(
        agreement=agreement, organization=signatory.organization, signed_on=timezone.localdate(), user=coordinator
    )
    assert not signature.scan
    client.force_login(coordinator)
    assert "Déposer l'exemplaire signé" in client.get(url("detail", agreement)).content.decode()
    wrong = SimpleUploadedFile("exemplaire.pdf", b"pas un pdf", content_type="application/pdf")
    response = client.post(url("scan_upload", agreement, signature.pk), {"scan": wrong})
    assert response.status_code == 400
    assert "ne correspond pas à un fichier PDF" in response.content.decode()
    scan = SimpleUploadedFile("exemplaire.pdf", PDF_BYTES, content_type="application/pdf")
    assert client.post(url("scan_upload", agreement, signature.pk), {"scan": scan}).status_code == 302
    signature.refresh_from_db()
    assert signature.scan.read().startswith(b"%PDF")
    assert signature.history.first().history_user == coordinator
