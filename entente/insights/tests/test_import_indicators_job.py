"""Indicator values are imported by the worker: the request checks the form and keeps the file, the
worker imports every line or none, and the job's page shows the counts or the errors by line and
column; the mapping is named only once the import succeeded."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory
from entente.core.jobs import run_job
from entente.core.models import Job, JobStatus
from entente.core.storage import private_storage
from entente.core.testing import run_queued_tasks
from entente.insights import indicator_imports
from entente.insights.models import ImportMapping, IndicatorImport, IndicatorValue

from .test_import_indicators import GOOD, make_setting

pytestmark = pytest.mark.django_db

FIELDS = {
    "code_column": "Code",
    "code_kind": "insee",
    "year_column": "Année",
    "indicator_column": "Indicateur",
    "value_column": "Valeur",
}
BAD = "Code;Année;Indicateur;Valeur\n99;2023;epargne;1\n37;2023;epargne;beaucoup\n"


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def setting():
    return make_setting()


@pytest.fixture
def send(client, setting, django_capture_on_commit_callbacks):
    cooperation, coordinator, _ = setting
    client.force_login(coordinator)

    def post(text, name="valeurs.csv", **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/cooperations/{cooperation.slug}/indicateurs/import/",
                {**FIELDS, **extra, "file": SimpleUploadedFile(name, text.encode())},
            )

    return post


def test_the_request_keeps_the_file_and_queues_the_import(send):
    response = send(GOOD)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.QUEUED and not IndicatorValue.objects.exists()
    assert private_storage().exists(job.params["file"])
    assert DBTaskResult.objects.filter(task_path=run_job.module_path, status="READY").count() == 1
    again = send(GOOD)
    assert again["Location"] == response["Location"] and Job.objects.count() == 1  # same file, same job


def test_the_worker_imports_saves_the_mapping_and_the_page_says_how_many(client, setting, send):
    page = send(GOOD, save_as="Mon export")["Location"]
    run_queued_tasks()
    job = Job.objects.get()
    assert job.status == JobStatus.DONE
    assert job.message == (
        "Import de « valeurs.csv » : 3 valeur(s) ajoutée(s), 0 modifiée(s), 0 inchangée(s). "
        "Correspondance enregistrée sous le nom « Mon export »."
    )
    assert IndicatorValue.objects.count() == 3
    saved = ImportMapping.objects.get(cooperation=setting[0])
    assert (saved.name, saved.value_column, saved.year_column) == ("Mon export", "Valeur", "Année")
    assert IndicatorImport.objects.get().mapping_name == "Mon export"
    html = unescape(client.get(page).content.decode())
    assert "3 valeur(s) ajoutée(s), 0 modifiée(s), 0 inchangée(s)" in html
    assert reverse("insights:indicators", args=[setting[0].slug]) in html and "Voir le tableau de bord" in html
    assert not private_storage().exists(job.params["file"])  # imported: the copy is dropped

    send(GOOD)  # the same file once more (the first job is over: a new one)
    run_queued_tasks()
    latest = Job.objects.order_by("-created_at").first()
    assert latest.status == JobStatus.DONE and "0 valeur(s) ajoutée(s), 0 modifiée(s), 3 inchangée(s)" in latest.message
    assert IndicatorValue.objects.count() == 3


def test_a_wrong_file_imports_nothing_and_the_page_lists_its_errors_by_line(client, setting, send):
    page = send(BAD, save_as="Mon export")["Location"]
    run_queued_tasks()
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.summary == "Rien n'a été importé : 2 erreurs dans le fichier."
    assert job.detail_rows == [
        ["2", "Code", "Code « 99 » inconnu parmi les territoires partenaires de la coopération."],
        ["3", "Valeur", job.detail_rows[1][2]],
    ]
    assert "beaucoup" in job.detail_rows[1][2]
    assert not IndicatorValue.objects.exists() and not IndicatorImport.objects.exists()
    assert not ImportMapping.objects.exists()  # a mapping is named only once its import succeeded
    html = unescape(client.get(page).content.decode())
    assert 'data-table="errors"' in html and "<td>Code « 99 » inconnu" in html
    assert "Déposer le fichier corrigé" in html and "Relancer la tâche" in html
    assert private_storage().exists(job.params["file"])  # kept for « Relancer »
    again = unescape(client.get(f"{job.params['import_page']}?tache={job.pk}").content.decode())
    assert 'value="Valeur"' in again and 'value="Mon export"' in again  # the same columns, to send the fixed file
    assert f'href="{page}"' in again and "en échec" in again  # the refused import stays listed with its report


def test_the_import_page_takes_no_columns_from_a_job_it_may_not_see(client, setting, send):
    send(BAD, value_column="Montant")
    job = Job.objects.get()
    stranger = UserFactory()
    stranger_cooperation = CooperationFactory()
    MembershipFactory(cooperation=stranger_cooperation, user=stranger, role="coordinateur")
    client.force_login(stranger)
    page = client.get(f"/cooperations/{stranger_cooperation.slug}/indicateurs/import/?tache={job.pk}")
    assert page.status_code == 200 and 'value="Montant"' not in page.content.decode()
    assert client.get(f"/cooperations/{stranger_cooperation.slug}/indicateurs/import/?tache=abc").status_code == 200


def test_the_job_is_404_to_another_cooperation_and_to_members_who_do_not_keep_indicators(client, setting, send):
    page = send(GOOD)["Location"]
    stranger = UserFactory()
    MembershipFactory(cooperation=CooperationFactory(), user=stranger, role="coordinateur")
    client.force_login(stranger)  # coordinator of another cooperation
    assert client.get(page).status_code == 404
    member = UserFactory()
    MembershipFactory(cooperation=setting[0], user=member, role="membre")
    client.force_login(member)
    assert client.get(page).status_code == 404
    client.logout()
    assert client.get(page).status_code == 404
    client.force_login(setting[1])
    assert client.get(page).status_code == 200


@pytest.mark.parametrize(
    ("cap", "value", "message"),
    [("MAX_FILE_BYTES", 10, "Fichier trop volumineux"), ("MAX_ROWS", 2, "Trop de lignes : 2 valeurs au plus")],
)
def test_a_file_over_a_cap_is_refused_by_the_form_and_queues_nothing(send, monkeypatch, cap, value, message):
    monkeypatch.setattr(indicator_imports, cap, value)
    response = send(GOOD)
    assert response.status_code == 400 and message in unescape(response.content.decode())
    assert not Job.objects.exists()


def test_a_mapping_without_year_queues_nothing(client, setting, django_capture_on_commit_callbacks):
    client.force_login(setting[1])
    response = client.post(
        f"/cooperations/{setting[0].slug}/indicateurs/import/",
        {**FIELDS, "year_column": "", "file": SimpleUploadedFile("v.csv", GOOD.encode())},
    )
    assert response.status_code == 400 and "Indiquez la colonne de l" in unescape(response.content.decode())
    assert not Job.objects.exists()


def test_the_api_answers_the_job_and_the_worker_reports_errors_by_line(
    client, setting, django_capture_on_commit_callbacks
):
    cooperation, coordinator, _ = setting
    client.force_login(coordinator)
    url = f"/api/v1/cooperations/{cooperation.slug}/indicator-imports"
    body = {"file_name": "v.csv", **{k: v for k, v in FIELDS.items() if k != "code_kind"}}

    def post(content, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {**body, **extra, "content": content}, content_type="application/json")

    bad = post(GOOD + "99;2024;epargne;1\n")
    assert bad.status_code == 202
    job = Job.objects.get(pk=bad.json()["id"])
    assert bad.json()["page"] == reverse("core:job", args=[job.pk]) and bad.json()["status"] == JobStatus.QUEUED
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.detail_rows == [
        ["5", "Code", "Code « 99 » inconnu parmi les territoires partenaires de la coopération."]
    ]
    assert not IndicatorValue.objects.exists()

    good = post(GOOD)
    assert good.status_code == 202
    run_queued_tasks()
    assert Job.objects.get(pk=good.json()["id"]).status == JobStatus.DONE
    listed = client.get(url).json()["items"]
    assert [(item["created"], item["mapping_name"]) for item in listed] == [(3, "API")]
    missing = post(GOOD, year_column="")
    assert missing.status_code == 422 and Job.objects.count() == 2
