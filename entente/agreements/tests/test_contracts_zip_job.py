"""The ZIP of a trunk's contracts is prepared by the worker (django-tasks, database queue): the
request only queues it, a second click shows the same job, the worker runs it once, a failure
says why in French and can be retried, and the job's page shows only to who may see the result."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils.html import escape
from django_tasks_db.models import DBTaskResult

from entente.accounts.factories import UserFactory
from entente.agreements.documents import DocumentError
from entente.cooperations.factories import MembershipFactory
from entente.core.jobs import run_job
from entente.core.models import Job, JobStatus
from entente.core.testing import run_queued_tasks

# The trunk of these tests is declined into its contracts (the ZIP gathers them).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue", "contracts")]


def ask(client, trunk, capture, fmt="docx"):
    with capture(execute=True):
        return client.post(reverse("agreements:derived_documents", args=[trunk.cooperation.slug, trunk.pk, fmt]))


def work():
    run_queued_tasks()


def test_the_request_only_queues_the_work(client, coordinator, trunk, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    response = ask(client, trunk, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.QUEUED
    assert DBTaskResult.objects.filter(task_path=run_job.module_path, status="READY").count() == 1
    assert "En attente de traitement" in client.get(response["Location"]).content.decode()


def test_a_second_click_while_it_waits_shows_the_same_job(
    client, coordinator, trunk, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    first = ask(client, trunk, django_capture_on_commit_callbacks)["Location"]
    second = ask(client, trunk, django_capture_on_commit_callbacks)["Location"]
    assert first == second
    assert Job.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path=run_job.module_path).count() == 1


def test_the_worker_prepares_the_zip_and_the_page_offers_it(
    client, coordinator, trunk, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = ask(client, trunk, django_capture_on_commit_callbacks)["Location"]
    work()
    job = Job.objects.get()
    assert (job.status, job.progress, job.attempts) == (JobStatus.DONE, 100, 1)
    html = client.get(page, headers={"HX-Request": "true"}).content.decode()  # what the polling receives
    assert "C'est prêt" in html and "hx-trigger" not in html  # finished: the page stops polling
    download = client.get(reverse("core:job_download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 2


def test_a_task_delivered_twice_does_the_work_once(client, coordinator, trunk, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    ask(client, trunk, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    assert run_job.call(str(job.pk)) == JobStatus.DONE
    assert run_job.call(str(job.pk)) == "déjà prise en charge"
    job.refresh_from_db()
    assert job.attempts == 1


def test_a_job_whose_trunk_was_deleted_fails_clearly_without_retrying(
    client, coordinator, trunk, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = ask(client, trunk, django_capture_on_commit_callbacks)["Location"]
    trunk.derived_contracts.all().delete()
    trunk.delete()
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("Le tronc commun a été supprimé depuis la demande")
    assert not DBTaskResult.objects.filter(status="READY", task_path=run_job.module_path).exists()  # no loop
    assert escape(job.message) in client.get(page).content.decode()  # its requester still reads why


def test_a_failed_job_says_why_and_can_be_retried(
    client, coordinator, trunk, monkeypatch, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    page = ask(client, trunk, django_capture_on_commit_callbacks)["Location"]

    def broken(agreement, fmt):
        raise DocumentError("Le modèle de document est illisible.")

    monkeypatch.setattr("entente.agreements.jobs.agreement_document", broken)
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and "Le modèle de document est illisible." in job.message
    assert "Relancer la tâche" in client.get(page).content.decode()

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("core:job_retry", args=[job.pk]))["Location"] == page
    work()
    job.refresh_from_db()
    assert (job.status, job.attempts, job.message) == (
        JobStatus.DONE,
        2,
        "2 contrat(s) rassemblé(s) dans un fichier ZIP.",
    )


def test_the_job_page_shows_only_to_those_who_see_the_result(
    client, coordinator, trunk, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    ask(client, trunk, django_capture_on_commit_callbacks)
    job = Job.objects.get()
    observer = UserFactory()  # members, observers included, see drafts: the same ZIP is theirs to see
    MembershipFactory(cooperation=trunk.cooperation, user=observer, role="observateur")
    client.force_login(observer)
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 200

    trunk.cooperation.__class__.objects.filter(pk=trunk.cooperation_id).update(visibility="public")
    client.force_login(UserFactory())  # sees the public cooperation, not its drafts: a ZIP of drafts is not his
    for name in ("core:job", "core:job_download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert client.post(reverse("core:job_retry", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("core:job", args=[job.pk])).status_code == 404
