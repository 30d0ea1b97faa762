"""A job followed through the API with a token: its state, its file once made, an import's errors as
data, and nothing at all for whoever may not see its page (core.job_api, with insights' job kinds)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from entente.accounts.factories import UserFactory
from entente.accounts.services import issue_token
from entente.cooperations.factories import CooperationFactory, MembershipFactory
from entente.core.models import Job, JobStatus
from entente.core.testing import run_queued_tasks
from entente.insights.indicator_import_jobs import IMPORT_VALUES
from entente.insights.report_documents import ANNUAL_REPORT_DOCUMENT

from .test_import_indicators import GOOD, make_setting

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def setting():
    return make_setting()


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {issue_token(user, 'script')[1]}"}


def report_job(cooperation, status, **extra) -> Job:
    return Job.objects.create(
        kind=ANNUAL_REPORT_DOCUMENT,
        key=f"{cooperation.pk}:2025:pdf",
        label="Rapport d'activité 2025 (PDF)",
        params={"year": 2025, "format": "pdf"},
        cooperation=cooperation,
        status=status,
        **extra,
    )


def test_a_done_job_gives_its_file_to_the_same_token(client, setting):
    cooperation, coordinator, _ = setting
    job = report_job(cooperation, JobStatus.DONE, progress=100, message="Le rapport est prêt.")
    job.result.save("rapport.pdf", ContentFile(b"%PDF-1.7 contenu"), save=False)
    job.result_name = "rapport-2025.pdf"
    job.save()
    headers = bearer(coordinator)
    answer = client.get(f"/api/v1/jobs/{job.pk}", headers=headers)
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "terminee" and body["status_label"] == "Terminée" and body["progress"] == 100
    assert body["message"] == "Le rapport est prêt." and body["errors"] == []
    assert body["page"] == reverse("core:job", args=[job.pk]) and body["finished_at"] is None
    assert body["download"] == f"/api/v1/jobs/{job.pk}/file" and body["file_name"] == "rapport-2025.pdf"
    file = client.get(body["download"], headers=headers)
    assert file.status_code == 200 and file["Content-Type"] == "application/pdf"
    assert 'filename="rapport-2025.pdf"' in file["Content-Disposition"]
    assert b"".join(file.streaming_content) == b"%PDF-1.7 contenu"


def test_a_running_job_says_how_far_it_got_and_has_no_file_yet(client, setting):
    cooperation, coordinator, _ = setting
    job = report_job(cooperation, JobStatus.RUNNING, progress=40)
    headers = bearer(coordinator)
    body = client.get(f"/api/v1/jobs/{job.pk}", headers=headers).json()
    assert (body["status"], body["progress"], body["download"], body["file_name"]) == ("en_cours", 40, None, None)
    file = client.get(f"/api/v1/jobs/{job.pk}/file", headers=headers)
    assert (
        file.status_code == 404
        and file.json()["detail"] == "Ce fichier n'est pas (ou plus) disponible : suivez l'état de la tâche."
    )


def test_a_refused_import_gives_its_errors_as_data(client, setting, django_capture_on_commit_callbacks):
    cooperation, coordinator, _ = setting
    headers = bearer(coordinator)
    payload = {
        "file_name": "v.csv",
        "code_column": "Code",
        "year_column": "Année",
        "indicator_column": "Indicateur",
        "value_column": "Valeur",
        "content": GOOD + "99;2024;epargne;1\n",
    }
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            f"/api/v1/cooperations/{cooperation.slug}/indicator-imports",
            payload,
            content_type="application/json",
            headers=headers,
        )
    assert started.status_code == 202
    api_url = started.json()["api_url"]
    assert api_url == f"/api/v1/jobs/{started.json()['id']}" and started.json()["page"].startswith("/taches/")
    assert client.get(api_url, headers=headers).json()["status"] == "en_attente"
    run_queued_tasks()
    body = client.get(api_url, headers=headers).json()
    assert body["kind"] == IMPORT_VALUES and body["status"] == "echec" and body["finished_at"]
    assert body["message"] == "Rien n'a été importé : 1 erreur dans le fichier."
    assert body["errors"] == [
        {
            "line": "5",
            "column": "Code",
            "reason": "Code « 99 » inconnu parmi les territoires partenaires de la coopération.",
        }
    ]
    assert body["download"] is None


def test_a_job_is_404_to_whoever_may_not_see_its_page(client, setting):
    cooperation, coordinator, _ = setting
    job = report_job(cooperation, JobStatus.DONE)
    job.result.save("rapport.pdf", ContentFile(b"%PDF"), save=False)
    job.result_name = "rapport.pdf"
    job.save()
    stranger = UserFactory()
    MembershipFactory(cooperation=CooperationFactory(), user=stranger, role="coordinateur")
    for url in (f"/api/v1/jobs/{job.pk}", f"/api/v1/jobs/{job.pk}/file"):
        refused = client.get(url, headers=bearer(stranger))  # coordinator of another cooperation
        assert refused.status_code == 404 and refused.json()["detail"] == "Ressource introuvable."
        assert client.get(url).status_code == 404  # anonymous: the cooperation is private
        assert client.get(url, headers={"Authorization": "Bearer faux"}).status_code == 401
        assert client.get(url, headers=bearer(coordinator)).status_code == 200
    assert client.get("/api/v1/jobs/pas-un-uuid").status_code == 422
    unknown = client.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000", headers=bearer(coordinator))
    assert unknown.status_code == 404
