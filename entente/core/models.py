"""Background jobs that a person asked for and waits on: a document to generate, a file to import.

The work itself runs in the worker (django-tasks, see entente/core/jobs.py); this row is what
the person sees: progress, the result file, or why it failed, in French.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .storage import private_storage


class JobStatus(models.TextChoices):
    QUEUED = "en_attente", "En attente"
    RUNNING = "en_cours", "En cours"
    DONE = "terminee", "Terminée"
    FAILED = "echec", "En échec"


ACTIVE_STATUSES = [JobStatus.QUEUED, JobStatus.RUNNING]


class CreatedByModel(models.Model):
    """Who created a row and when: the person may leave, the row stays (SET_NULL, no reverse accessor).

    Abstract: each model keeps its own table and its own HistoricalRecords (declared on the model,
    as simple_history needs), so inheriting it changes no schema."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class Job(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("nature", max_length=64)
    # What makes two requests the same work (the object, the format, what the person may see):
    # while one job with this key is queued or running, asking again shows that job.
    key = models.CharField("clé", max_length=255)
    params = models.JSONField("paramètres", default=dict)
    label = models.CharField("intitulé", max_length=255)
    cooperation = models.ForeignKey(
        "cooperations.Cooperation", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    status = models.CharField("état", max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    message = models.TextField("message", blank=True)
    result = models.FileField("résultat", storage=private_storage, upload_to="jobs/", blank=True, max_length=255)
    result_name = models.CharField("nom du fichier", max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    created_at = models.DateTimeField("demandée le", default=timezone.now)
    started_at = models.DateTimeField("commencée le", null=True, blank=True)
    finished_at = models.DateTimeField("terminée le", null=True, blank=True)

    class Meta:
        verbose_name = "tâche de fond"
        verbose_name_plural = "tâches de fond"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=Q(status__in=["en_attente", "en_cours"]),
                name="job_one_active_per_key",
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="job_progress_at_most_100"),
        ]

    def __str__(self):
        return f"{self.label} — {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def is_done(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == JobStatus.FAILED

    # A message may carry details after its first line: one row a line, cells separated by tabs
    # (an import's errors: line, column, reason). The page shows the summary, the kind's template the rows.
    @property
    def summary(self) -> str:
        return self.message.split("\n", 1)[0]

    @property
    def detail_rows(self) -> list[list[str]]:
        return [line.split("\t") for line in self.message.split("\n")[1:] if line]
