"""The workshops' background jobs: a file of pistes imported by the worker.

The form checks the file (size, format) in the request; the file is then kept in the private
storage and read by the worker, which imports every line or none (`import_ideas`). Errors come
back line by line in the job's message (summary first, then « line<TAB>column<TAB>reason »), which
the job's page shows as a table; once the file is fixed, or the missing domain or partner added,
« Relancer » reads the same file again.
"""

import hashlib
import uuid

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.http import Http404
from django.urls import reverse

from entente.core.jobs import JobFailed, JobKind, JobOutput, register, start_job
from entente.core.storage import private_storage

from .import_services import import_ideas
from .models import Workshop
from .rules import get_workshop_for_user

IMPORT_IDEAS = "workshops.import_ideas"


def start_import(user, workshop, upload):
    """Keep the uploaded file and queue its import; the same file sent twice shows the same job."""
    content = upload.read()
    digest = hashlib.sha256(content).hexdigest()
    key = f"{workshop.pk}:{digest}"
    upload.seek(0)
    suffix = ".xlsx" if upload.name.lower().endswith(".xlsx") else ".csv"
    stored = private_storage().save(f"imports/pistes/{workshop.pk}/{uuid.uuid4().hex}{suffix}", File(upload))
    job = start_job(
        kind=IMPORT_IDEAS,
        key=key,
        user=user,
        cooperation=workshop.cooperation,
        label=f"Import de pistes « {upload.name} » — {workshop.title}",
        params={
            "workshop": workshop.pk,
            "file": stored,
            "name": upload.name,
            "pistes": reverse("workshops:participate", args=[workshop.cooperation.slug, workshop.pk]),
        },
        back=(
            f"Importer des pistes — {workshop.title}",
            reverse("workshops:import", args=[workshop.cooperation.slug, workshop.pk]),
        ),
    )
    if job.params["file"] != stored:  # the same file is already waiting: keep one copy
        private_storage().delete(stored)
    return job


def _run_import(job, progress) -> JobOutput:
    workshop = Workshop.objects.select_related("cooperation").filter(pk=job.params["workshop"]).first()
    if workshop is None:
        raise JobFailed("L'atelier a été supprimé depuis l'envoi du fichier : aucune piste n'a été importée.")
    storage, stored = private_storage(), job.params["file"]
    if not storage.exists(stored):
        raise JobFailed("Le fichier envoyé n'est plus disponible : déposez-le à nouveau depuis la page d'import.")
    with storage.open(stored, "rb") as handle:
        try:
            report = import_ideas(workshop, File(handle, name=job.params["name"]))
        except PermissionDenied as refusal:  # the phase moved on since the file was sent
            raise JobFailed(f"{refusal} Aucune piste n'a été importée.") from refusal
    if report.errors:
        count = len(report.errors)
        rows = "\n".join("\t".join(_cell(v) for v in error) for error in report.errors)
        raise JobFailed(f"Aucune piste importée : {count} erreur{'s' if count > 1 else ''} dans le fichier.\n{rows}")
    storage.delete(stored)  # imported: nothing will read it again
    blank = f" ({report.skipped_blank} ligne(s) vide(s) ignorée(s))" if report.skipped_blank else ""
    return JobOutput(message=f"{report.imported} piste(s) importée(s) dans l'atelier{blank}.")


def _cell(value) -> str:
    """One cell of the report: a tab or line break in a quoted title must not split the table."""
    return " ".join(str(value).split())


def _sees_import(user, job) -> bool:
    """Those who run the workshop's imports; the requester alone once the workshop is gone."""
    if not Workshop.objects.filter(pk=job.params["workshop"]).exists():
        return user.is_authenticated and job.requested_by_id == user.pk
    try:
        get_workshop_for_user(user, job.cooperation.slug, job.params["workshop"], "workshops_run")
    except (Http404, PermissionDenied):
        return False
    return True


register(JobKind(IMPORT_IDEAS, run=_run_import, visible_to=_sees_import, template="workshops/_import_job.html"))
