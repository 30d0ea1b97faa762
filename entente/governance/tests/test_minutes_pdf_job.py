"""A meeting's minutes PDF is made by the worker and kept per content and audience: a GET never
queues anything, the POST queues one job, the worker makes the file once, those who read another
version of it (visitors: approved minutes only) get their own, and a meeting deleted meanwhile
ends in a clear French failure."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from entente.core.jobs import run_job
from entente.core.models import Job, JobStatus
from entente.core.testing import run_queued_tasks
from entente.governance import meeting_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def minutes(meeting):
    version, _new = meeting_services.save_minutes(meeting=meeting, text="## Débat\n\nLe programme est adopté.")
    return version


def pdf_url(world, meeting):
    return reverse("governance:minutes_pdf", args=[world.own.slug, meeting.pk])


def ask(client, url, capture):
    with capture(execute=True):
        return client.post(url)


def work():
    run_queued_tasks()


def test_the_get_offers_to_prepare_and_creates_nothing(client, world, meeting, minutes):
    client.force_login(world.users["membre"])
    html = client.get(pdf_url(world, meeting)).content.decode()
    assert "Le document n'est pas encore prêt" in html and "Préparer le document" in html
    assert not Job.objects.exists() and not DBTaskResult.objects.exists()


def test_the_worker_makes_it_once_then_it_is_served_from_storage(
    client, world, meeting, minutes, django_capture_on_commit_callbacks
):
    client.force_login(world.users["membre"])
    page = ask(client, pdf_url(world, meeting), django_capture_on_commit_callbacks)["Location"]
    assert Job.objects.get().status == JobStatus.QUEUED
    assert ask(client, pdf_url(world, meeting), django_capture_on_commit_callbacks)["Location"] == page
    work()
    job = Job.objects.get()
    assert (job.status, job.attempts, job.message) == (JobStatus.DONE, 1, "Le compte rendu (version 1) est prêt.")
    assert "C'est prêt" in client.get(page).content.decode()
    response = client.get(pdf_url(world, meeting))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "compte-rendu-conference-2030-03-10-v1.pdf" in response["Content-Disposition"]
    meeting_services.save_minutes(meeting=meeting, text="## Débat\n\nLe programme est adopté, amendé.")
    assert "Préparer le document" in client.get(pdf_url(world, meeting)).content.decode()  # new text, new file


def test_a_visitor_gets_another_file_and_never_sees_the_members_job(
    client, world, meeting, minutes, django_capture_on_commit_callbacks
):
    world.own.__class__.objects.filter(pk=world.own.pk).update(visibility="public")
    client.force_login(world.users["membre"])
    ask(client, pdf_url(world, meeting), django_capture_on_commit_callbacks)
    members_job = Job.objects.get()
    client.logout()
    assert client.get(pdf_url(world, meeting)).status_code == 404  # proposed minutes: not for visitors
    assert client.get(reverse("core:job", args=[members_job.pk])).status_code == 404
    meeting_services.approve_minutes(minutes)
    page = ask(client, pdf_url(world, meeting), django_capture_on_commit_callbacks)["Location"]
    assert Job.objects.count() == 2
    work()
    assert "C'est prêt" in client.get(page).content.decode()
    assert b"".join(client.get(pdf_url(world, meeting)).streaming_content).startswith(b"%PDF")


def test_a_meeting_deleted_meanwhile_fails_clearly_and_its_requester_reads_why(
    client, world, meeting, minutes, django_capture_on_commit_callbacks
):
    client.force_login(world.users["membre"])
    page = ask(client, pdf_url(world, meeting), django_capture_on_commit_callbacks)["Location"]
    meeting.delete()
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.message.startswith("La réunion a été supprimée depuis la demande")
    assert not DBTaskResult.objects.filter(status="READY", task_path=run_job.module_path).exists()  # no loop
    assert "Relancer la tâche" in client.get(page).content.decode()
    client.force_login(world.users["coordinateur"])
    assert client.get(page).status_code == 404  # the meeting is gone: only its requester sees the job
