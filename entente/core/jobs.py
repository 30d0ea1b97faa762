"""Long work out of the web request: documents, imports and e-mails run in the worker.

The queue is django-tasks with its database backend (`django_tasks_db`): the jobs live in the
same database as everything else, so `make run` on SQLite needs no other service and several web
servers on one PostgreSQL share one queue (the worker takes each task with SELECT … FOR UPDATE
SKIP LOCKED). See the README, « Tâches de fond ».

A job a person waits for is a `Job` row: `start_job` returns the job already queued or running
for the same work (its `key`) or queues a new one; the worker's `run_job` claims it once (a
conditional UPDATE, so a task delivered twice runs the work once), runs its kind's function and
keeps the result file in private storage, or the reason of the failure in French. A failed job
is never retried by itself: the person who sees the reason may ask again (`retry_job`).

Each app declares its kinds in its own `jobs.py` (found by `autodiscover_modules("jobs")`):
`register(JobKind(name, run, visible_to))`.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django_tasks import task

from .models import ACTIVE_STATUSES, Job, JobStatus

logger = logging.getLogger("entente.jobs")

UNEXPECTED = (
    "Une erreur inattendue a interrompu la tâche. Vous pouvez la relancer ; si elle se reproduit, "
    "signalez-la à l'équipe qui exploite ce service en indiquant l'heure."
)


class JobFailed(Exception):
    """The work cannot be done, for a reason the person is told in French (no automatic retry)."""


@dataclass(frozen=True)
class JobOutput:
    content: bytes = b""
    filename: str = ""  # no file name: the job has no file to offer, only its message
    message: str = ""


@dataclass(frozen=True)
class JobKind:
    name: str
    # run(job, progress) -> JobOutput | None; progress(percent) records how far it got.
    run: Callable
    # visible_to(user, job) -> bool: whoever may see the result, and nobody else.
    visible_to: Callable
    # A template shown on the job's page under its outcome (job and its kind in the context), for
    # what one sentence cannot say: an import's errors line by line, for instance.
    template: str = ""


KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    KINDS[kind.name] = kind
    return kind


def start_job(*, kind: str, key: str, label: str, params: dict, user=None, cooperation=None, back=None) -> Job:
    """The job doing this work: the one already queued or running with this key, or a new one.

    `back` is (label, URL) of the page the request came from, offered on the job's page.
    """
    if kind not in KINDS:
        raise ValueError(f"Unknown job kind {kind!r}")
    existing = Job.objects.filter(kind=kind, key=key, status__in=ACTIVE_STATUSES).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                key=key[:255],
                label=label[:255],
                params={**params, **({"back": list(back)} if back else {})},
                requested_by=user if user is not None and user.is_authenticated else None,
                cooperation=cooperation,
            )
            transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    except IntegrityError:  # the same click, twice at once: the other request queued it
        return Job.objects.get(kind=kind, key=key, status__in=ACTIVE_STATUSES)
    return job


def retry_job(job: Job) -> Job:
    """Queue a failed job again (the same row); the running or queued one if the work restarted meanwhile."""
    if job.status != JobStatus.FAILED:
        return job
    try:
        with transaction.atomic():
            updated = Job.objects.filter(pk=job.pk, status=JobStatus.FAILED).update(
                status=JobStatus.QUEUED, progress=0, message="", finished_at=None
            )
            if updated:
                transaction.on_commit(lambda: run_job.enqueue(str(job.pk)))
    except IntegrityError:
        return Job.objects.get(kind=job.kind, key=job.key, status__in=ACTIVE_STATUSES)
    job.refresh_from_db()
    return job


@task()
def run_job(job_id: str) -> str:
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1, progress=0
    )
    if not claimed:  # already run, or running elsewhere: a task delivered twice does the work once
        return "déjà prise en charge"
    job = Job.objects.get(pk=job_id)
    kind = KINDS.get(job.kind)
    try:
        if kind is None:
            raise JobFailed("Ce type de tâche n'existe plus sur ce service.")
        output = kind.run(job, lambda percent: _progress(job, percent))
    except JobFailed as refusal:
        return _finish(job, JobStatus.FAILED, str(refusal))
    except Exception:
        logger.exception("Tâche %s (%s) en échec", job.pk, job.kind)
        return _finish(job, JobStatus.FAILED, UNEXPECTED)
    if output is not None and output.filename:
        job.result.save(output.filename, ContentFile(output.content), save=False)
        job.result_name = output.filename
    return _finish(job, JobStatus.DONE, output.message if output else "")


def _progress(job: Job, percent: int) -> None:
    Job.objects.filter(pk=job.pk).update(progress=max(0, min(100, int(percent))))


def _finish(job: Job, status: str, message: str) -> str:
    job.status, job.message, job.finished_at = status, message, timezone.now()
    if status == JobStatus.DONE:
        job.progress = 100
    job.save(update_fields=["status", "message", "finished_at", "progress", "result", "result_name"])
    return status


def get_job_for_user(user, job_id) -> Job:
    """The job if this person may see its result (404 otherwise: nothing tells that it exists)."""
    job = Job.objects.filter(pk=job_id).select_related("cooperation").first()
    kind = KINDS.get(job.kind) if job else None
    if job is None or kind is None or not kind.visible_to(user, job):
        raise Http404("Tâche introuvable.")
    return job


# Daily tasks ------------------------------------------------------------------------------------
# A daily task runs in the worker at its hour (Paris time) and queues its next run itself; the
# worker queues the first one when it starts (`manage.py run_worker`). Two workers starting at
# once may queue it twice: daily tasks must be idempotent for a day (the reminders are).

DAILY: dict[str, tuple[Callable, int]] = {}


def register_daily(function: Callable, *, hour: int) -> Callable:
    DAILY[f"{function.__module__}.{function.__qualname__}"] = (function, hour)
    return function


def next_run_at(hour: int, now=None):
    """The next time it is `hour`:00 in Paris, strictly after now."""
    import datetime
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    local = (now or timezone.now()).astimezone(paris)
    candidate = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    if candidate <= local:
        candidate = (candidate + datetime.timedelta(days=1)).replace(hour=hour)
    return candidate


def schedule_daily_tasks(now=None) -> list[str]:
    """Queue the next run of every daily task that has none waiting; the names of those queued."""
    from django_tasks_db.models import DBTaskResult

    queued = []
    for path, (_function, hour) in DAILY.items():
        waiting = DBTaskResult.objects.filter(
            task_path=run_daily.module_path, status="READY", args_kwargs__args__0=path
        ).exists()
        if not waiting:
            run_daily.using(run_after=next_run_at(hour, now)).enqueue(path)
            queued.append(path)
    return queued


@task()
def run_daily(path: str) -> str:
    function, _hour = DAILY[path]
    try:
        return str(function())
    finally:
        schedule_daily_tasks()
