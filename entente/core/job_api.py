"""A background job seen from the API: where it stands, and its file once made.

The operations that queue work answer 202 with the job and its `api_url` (this router); a client
follows it here with the same token and downloads the result from `/jobs/{id}/file`: the job's
HTML pages know only the browser session. Who sees a job is its kind's rule (`get_job_for_user`),
exactly as for its page: 404 for anyone else, another cooperation's members included.
"""

import mimetypes
import uuid
from datetime import datetime

from django.http import FileResponse
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from .jobs import get_job_for_user
from .models import Job, JobStatus

router = Router()
TAG = "Tâches de fond"


class JobErrorOut(Schema):
    line: str = Field(description="ligne du fichier (« — » quand l'erreur porte sur tout le fichier)")
    column: str = Field(description="colonne en cause, vide si aucune")
    reason: str = Field(description="l'erreur, en français")


class JobStatusOut(Schema):
    id: uuid.UUID
    kind: str = Field(description="nature de la tâche (« insights.import_values », …)")
    label: str = Field(description="intitulé de la tâche, en français")
    status: JobStatus = Field(description="« en_attente », « en_cours », « terminee » ou « echec »")
    status_label: str = Field(description="l'état en français")
    progress: int = Field(description="avancement en pour cent")
    message: str = Field(description="le résultat ou la raison de l'échec, en français (première ligne)")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    page: str = Field(description="page de la tâche sur le site (session du navigateur)")
    download: str | None = Field(
        description="adresse du fichier produit, avec le même jeton d'API ; absente tant qu'il n'est pas prêt"
    )
    file_name: str | None = Field(description="nom du fichier produit")
    errors: list[JobErrorOut] = Field(
        description="pour une tâche en échec qui en garde le détail (un import de valeurs), chaque erreur du fichier"
    )


def job_api_url(job: Job) -> str:
    """The job's address in this API, which the 202 answers give next to its page."""
    return reverse("api-1:job", args=[job.pk])


def job_status(job: Job) -> dict:
    has_file = job.status == JobStatus.DONE and bool(job.result)
    return {
        "id": job.pk,
        "kind": job.kind,
        "label": job.label,
        "status": job.status,
        "status_label": job.get_status_display(),
        "progress": job.progress,
        "message": job.summary,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "page": reverse("core:job", args=[job.pk]),
        "download": reverse("api-1:job_file", args=[job.pk]) if has_file else None,
        "file_name": job.result_name if has_file else None,
        "errors": _errors(job),
    }


def _errors(job: Job) -> list[dict]:
    # The details after a failure's first line are « line<TAB>column<TAB>reason » (core.models.Job).
    if job.status != JobStatus.FAILED:
        return []
    return [{"line": row[0], "column": row[1], "reason": row[2]} for row in job.detail_rows if len(row) == 3]


@router.get(
    "/jobs/{id}",
    response=JobStatusOut,
    url_name="job",
    summary="Suivre une tâche de fond",
    description="L'état d'une tâche mise en file par une opération qui a répondu 202 : avancement, message, et "
    "une fois terminée l'adresse de son fichier (`download`) ; pour un import refusé, chaque erreur du fichier "
    "(`errors`). Une tâche que l'appelant ne peut pas voir répond 404.",
    tags=[TAG],
)
def get_job(request, id: uuid.UUID):
    return job_status(get_job_for_user(request.user, id))


@router.get(
    "/jobs/{id}/file",
    response={200: None},
    url_name="job_file",
    summary="Télécharger le fichier d'une tâche",
    description="Le fichier produit par une tâche terminée, avec son type et son nom. 404 tant qu'il n'est pas prêt, "
    "s'il n'y en a pas, ou si l'appelant ne peut pas voir la tâche.",
    openapi_extra={
        "responses": {
            200: {
                # The type is the file's own (PDF, DOCX, XLSX, ZIP…), told by its Content-Type.
                "description": "le fichier produit, avec son type et son nom (Content-Disposition)",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
    tags=[TAG],
)
def get_job_file(request, id: uuid.UUID):
    job = get_job_for_user(request.user, id)
    if job.status != JobStatus.DONE or not job.result:
        # The caller sees the job: say why there is no file (to one who may not, 404 says nothing).
        raise HttpError(404, "Ce fichier n'est pas (ou plus) disponible : suivez l'état de la tâche.")
    content_type = mimetypes.guess_type(job.result_name)[0] or "application/octet-stream"
    return FileResponse(job.result.open("rb"), as_attachment=True, filename=job.result_name, content_type=content_type)
