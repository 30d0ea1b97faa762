"""A file of pistes is imported by the worker: the request checks the file and queues it, the
worker imports every line or none, and the job's page shows the report (errors by line and
column); once the cause is fixed the same file can be read again."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from entente.core.jobs import run_job
from entente.core.models import Job, JobStatus
from entente.core.storage import private_storage
from entente.core.testing import run_queued_tasks
from entente.workshops.factories import WorkshopFactory
from entente.workshops.models import Domain, Idea
from entente.workshops.services import ensure_domains

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]


@pytest.fixture
def workshop(world):
    ensure_domains(world.own)
    return WorkshopFactory(cooperation=world.own)


def send(client, workshop, capture, text, name="pistes.csv"):
    with capture(execute=True):
        return client.post(
            reverse("workshops:import", args=[workshop.cooperation.slug, workshop.pk]),
            {"file": SimpleUploadedFile(name, text.encode())},
        )


def work():
    run_queued_tasks()


def test_the_request_only_keeps_the_file_and_queues_its_import(
    client, world, workshop, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinateur"])
    response = send(client, workshop, django_capture_on_commit_callbacks, "intitulé\nPiste A\nPiste B\n")
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.QUEUED and not Idea.objects.exists()
    assert private_storage().exists(job.params["file"])
    assert DBTaskResult.objects.filter(task_path=run_job.module_path, status="READY").count() == 1
    again = send(client, workshop, django_capture_on_commit_callbacks, "intitulé\nPiste A\nPiste B\n")
    assert again["Location"] == response["Location"] and Job.objects.count() == 1  # same file, same job


def test_the_worker_imports_and_the_page_says_how_many(client, world, workshop, django_capture_on_commit_callbacks):
    client.force_login(world.users["coordinateur"])
    page = send(client, workshop, django_capture_on_commit_callbacks, "intitulé\nPiste A\n\nPiste B\n")["Location"]
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.DONE
    assert job.message == "2 piste(s) importée(s) dans l'atelier (1 ligne(s) vide(s) ignorée(s))."
    assert set(Idea.objects.values_list("title", flat=True)) == {"Piste A", "Piste B"}
    html = unescape(client.get(page).content.decode())
    assert "2 piste(s) importée(s) dans l'atelier" in html and "Voir les pistes de l'atelier" in html
    assert not private_storage().exists(job.params["file"])  # imported: the copy is dropped


def test_errors_are_shown_by_line_and_column_and_a_retry_reads_the_file_again(
    client, world, workshop, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinateur"])
    text = "intitulé;domaine\nPiste A;Astronomie\n;\nPiste C;\n;Astronomie\n"
    page = send(client, workshop, django_capture_on_commit_callbacks, text)["Location"]
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.summary == "Aucune piste importée : 3 erreurs dans le fichier."
    assert job.detail_rows == [
        ["2", "domaine", "Domaine inconnu : « Astronomie »."],
        ["5", "intitulé", "L'intitulé est vide."],
        ["5", "domaine", "Domaine inconnu : « Astronomie »."],
    ]
    html = unescape(client.get(page).content.decode())
    assert "Erreurs par ligne et colonne" in html and "<td>Domaine inconnu : « Astronomie ».</td>" in html
    assert not Idea.objects.exists()

    Domain.objects.create(cooperation=world.own, label="Astronomie")
    same_file = job.params["file"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:job_retry", args=[job.pk]))
    work()
    job.refresh_from_db()
    assert job.params["file"] == same_file and job.attempts == 2
    assert job.status == JobStatus.FAILED  # line 5 still has no title
    assert job.detail_rows == [["5", "intitulé", "L'intitulé est vide."]]


def test_a_file_refused_by_the_form_queues_nothing(client, world, workshop, django_capture_on_commit_callbacks):
    client.force_login(world.users["coordinateur"])
    response = send(client, workshop, django_capture_on_commit_callbacks, "intitulé\nA\n", name="pistes.txt")
    assert response.status_code == 400 and "Format non pris en charge" in response.content.decode()
    assert not Job.objects.exists()


def test_a_workshop_deleted_meanwhile_fails_clearly_without_retrying(
    client, world, workshop, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinateur"])
    page = send(client, workshop, django_capture_on_commit_callbacks, "intitulé\nPiste A\n")["Location"]
    workshop.delete()
    work()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED and job.message.startswith("L'atelier a été supprimé depuis l'envoi")
    assert not DBTaskResult.objects.filter(status="READY", task_path=run_job.module_path).exists()
    assert "Relancer la tâche" in client.get(page).content.decode()


def test_the_report_shows_only_to_those_who_run_the_workshop(
    client, world, workshop, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinateur"])
    page = send(client, workshop, django_capture_on_commit_callbacks, "intitulé\nPiste A\n")["Location"]
    for role in ("observateur", "outsider"):  # the observer may not import: not his report either
        client.force_login(world.users[role])
        assert client.get(page).status_code == 404, role
    client.logout()
    assert client.get(page).status_code == 404


def test_a_title_spread_over_lines_keeps_the_report_table_whole(
    client, world, workshop, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinateur"])
    text = 'intitulé\n"Piste\tsur\ndeux lignes"\n"Piste\tsur\ndeux lignes"\n'
    send(client, workshop, django_capture_on_commit_callbacks, text)
    work()
    [row] = Job.objects.get().detail_rows
    assert row[1:] == ["intitulé", "Même piste qu'à la ligne 2 : « Piste sur deux lignes »."]
