"""An agreement's or a charter's document is made by the worker, then served from storage: a GET
never queues anything (it serves the file kept for the current content, or offers to prepare it),
the POST queues one job per content and format, the worker makes it once, a failure says why in
French and can be retried, and a public visitor still gets a signed agreement's PDF."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from entente.accounts.factories import UserFactory
from entente.agreements import agreement_services, charter_services, signature_services
from entente.agreements.documents import DocumentError
from entente.cooperations.factories import MembershipFactory
from entente.core.jobs import run_job
from entente.core.models import Job, JobStatus
from entente.core.testing import run_queued_tasks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def agreement(two_partners, coordinator):
    cooperation, first, _second = two_partners
    agreement = agreement_services.create_agreement(
        cooperation=cooperation, user=coordinator, title="Convention des rives"
    )
    signature_services.add_signatory(agreement=agreement, organization=first.organization)
    return agreement


@pytest.fixture
def charter(two_partners, coordinator):
    cooperation = two_partners[0]
    charter = charter_services.create_charter(
        cooperation=cooperation, user=coordinator, kind="fonctionnement", title="Charte des rives"
    )
    charter_services.publish_charter_version(version=charter.versions.get())
    return charter


def document_url(agreement, fmt="pdf"):
    return reverse("agreements:document", args=[agreement.cooperation.slug, agreement.pk, fmt])


def charter_url(charter, fmt="docx"):
    return reverse("agreements:charter_document", args=[charter.cooperation.slug, charter.pk, fmt])


def ask(client, url, capture):
    with capture(execute=True):
        return client.post(url)


def work():
    run_queued_tasks()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_get_before_the_document_exists_offers_to_prepare_it_and_creates_nothing(client, coordinator, agreement):
    client.force_login(coordinator)
    response = client.get(document_url(agreement))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Le document n'est pas encore prêt" in html and "Préparer le document" in html
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def test_the_post_only_queues_and_a_second_click_shows_the_same_job(
    client, coordinator, agreement, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    first = ask(client, document_url(agreement), django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert first.status_code == 302 and first["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.QUEUED and job.kind == "agreements.agreement_document"
    assert ask(client, document_url(agreement), django_capture_on_commit_callbacks)["Location"] == first["Location"]
    assert DBTaskResult.objects.filter(task_path=run_job.module_path).count() == 1
    waiting = client.get(document_url(agreement)).content.decode()  # the link now leads to the job under way
    assert "Suivre la préparation" in waiting and reverse("core:job", args=[job.pk]) in waiting


def test_once_made_the_document_is_served_from_storage_without_any_job(
    client, coordinator, agreement, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = ask(client, document_url(agreement), django_capture_on_commit_callbacks)["Location"]
    work()
    job = Job.objects.get()
    assert (job.status, job.attempts) == (JobStatus.DONE, 1)
    assert "C'est prêt" in client.get(page).content.decode()
    assert body(client.get(reverse("core:job_download", args=[job.pk]))).startswith(b"%PDF")
    response = client.get(document_url(agreement))
    assert response["Content-Type"] == "application/pdf" and body(response).startswith(b"%PDF")
    assert "convention-des-rives.pdf" in response["Content-Disposition"]
    assert Job.objects.count() == 1  # served at once: no second job
    # A POST for a document already made leads to it rather than queuing again.
    assert ask(client, document_url(agreement), django_capture_on_commit_callbacks)["Location"] == document_url(
        agreement
    )
    assert Job.objects.count() == 1


def test_a_changed_text_needs_a_new_document(client, coordinator, agreement, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    ask(client, document_url(agreement), django_capture_on_commit_callbacks)
    work()
    article = agreement.articles.first()
    agreement_services.update_article(article=article, title=article.title, body="Une rédaction nouvelle.")
    assert "Préparer le document" in client.get(document_url(agreement)).content.decode()


def test_a_failed_document_says_why_and_can_be_retried(
    client, coordinator, agreement, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = ask(client, document_url(agreement), django_capture_on_commit_callbacks)["Location"]

    def broken(agreement, fmt):
        raise DocumentError("Le modèle de document est illisible.")

    monkeypatch.setattr("entente.agreements.jobs.agreement_document", broken)
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.message == "Le modèle de document est illisible."
    assert "Relancer la tâche" in client.get(page).content.decode()
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:job_retry", args=[job.pk]))
    work()
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 2)


def test_a_document_whose_agreement_was_deleted_fails_clearly_without_retrying(
    client, coordinator, agreement, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = ask(client, document_url(agreement), django_capture_on_commit_callbacks)["Location"]
    agreement.delete()
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.message.startswith("Le document a été supprimé depuis la demande")
    assert not DBTaskResult.objects.filter(status="READY", task_path=run_job.module_path).exists()
    assert escape(job.message) in client.get(page).content.decode()


def test_a_visitor_of_a_public_cooperation_gets_a_signed_agreement(
    client, agreement, django_capture_on_commit_callbacks
):
    cooperation = agreement.cooperation
    cooperation.__class__.objects.filter(pk=cooperation.pk).update(visibility="public")
    agreement_services.submit_for_signature(agreement=agreement, user=None)
    signature_services.record_signature(
        agreement=agreement,
        organization=agreement.signatories.get().organization,
        signed_on=timezone.localdate(),
        user=None,
        deliberation_reference="DEL-1",
    )
    page = ask(client, document_url(agreement), django_capture_on_commit_callbacks)["Location"]
    work()
    assert client.get(page).status_code == 200
    assert body(client.get(document_url(agreement))).startswith(b"%PDF")


def test_a_draft_document_and_its_job_stay_hidden_from_outsiders(
    client, coordinator, agreement, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    ask(client, document_url(agreement), django_capture_on_commit_callbacks)
    job = Job.objects.get()
    agreement.cooperation.__class__.objects.filter(pk=agreement.cooperation_id).update(visibility="public")
    client.force_login(UserFactory())
    assert client.get(document_url(agreement)).status_code == 404
    assert client.post(document_url(agreement)).status_code == 404
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 404
    observer = UserFactory()
    MembershipFactory(cooperation=agreement.cooperation, user=observer, role="observateur")
    client.force_login(observer)
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 200


def test_a_charter_version_is_prepared_by_the_worker_then_served(
    client, coordinator, charter, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    assert "Préparer le document" in client.get(charter_url(charter)).content.decode()
    assert not Job.objects.exists()
    page = ask(client, charter_url(charter), django_capture_on_commit_callbacks)["Location"]
    work()
    job = Job.objects.get()
    assert job.kind == "agreements.charter_document" and job.status == JobStatus.DONE
    assert "C'est prêt" in client.get(page).content.decode()
    response = client.get(charter_url(charter))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "charte-des-rives-version-1.docx" in response["Content-Disposition"]


def test_a_charter_version_deleted_meanwhile_fails_clearly(
    client, coordinator, charter, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    ask(client, charter_url(charter), django_capture_on_commit_callbacks)
    charter.delete()
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "Cette version de la charte a été supprimée" in job.message
