"""Observation: the thresholds a cooperation sets for reading its own health."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.numbers import at_most

# Default thresholds: what a secretary general would call "worth a look" before the yearly conference.
DEFAULT_THRESHOLDS = {
    "agenda_on_time_min": 80,
    "attendance_min": 60,
    "absences_max": 3,
    "host_share_max": 60,
    "followups_done_min": 50,
    "followups_late_max": 20,
    "followup_delay_max_days": 90,
}


class HealthThresholds(models.Model):
    """The figures' alert thresholds, set by the cooperation itself: no single score, no hidden rule."""

    cooperation = models.OneToOneField(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="health_thresholds",
    )
    agenda_on_time_min = models.PositiveSmallIntegerField(
        "ordres du jour envoyés à temps : part minimale (%)", default=DEFAULT_THRESHOLDS["agenda_on_time_min"]
    )
    attendance_min = models.PositiveSmallIntegerField(
        "présence d'un partenaire : taux minimal (%)", default=DEFAULT_THRESHOLDS["attendance_min"]
    )
    absences_max = models.PositiveSmallIntegerField(
        "absences d'un partenaire sur la période : nombre à partir duquel le signaler",
        default=DEFAULT_THRESHOLDS["absences_max"],
    )
    host_share_max = models.PositiveSmallIntegerField(
        "réunions convoquées par un même partenaire : part maximale (%)", default=DEFAULT_THRESHOLDS["host_share_max"]
    )
    followups_done_min = models.PositiveSmallIntegerField(
        "suites à donner échues réalisées : part minimale (%)", default=DEFAULT_THRESHOLDS["followups_done_min"]
    )
    followups_late_max = models.PositiveSmallIntegerField(
        "suites à donner en retard : part maximale (%)", default=DEFAULT_THRESHOLDS["followups_late_max"]
    )
    followup_delay_max_days = models.PositiveSmallIntegerField(
        "délai médian de réalisation d'une suite : maximum (jours)",
        default=DEFAULT_THRESHOLDS["followup_delay_max_days"],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "seuils de la santé de la coopération"
        verbose_name_plural = "seuils de la santé des coopérations"
        constraints = [
            at_most("agenda_on_time_min", 100, name="health_agenda_on_time_min_max"),
            at_most("attendance_min", 100, name="health_attendance_min_max"),
            at_most("absences_max", 100, name="health_absences_max_max"),
            at_most("host_share_max", 100, name="health_host_share_max_max"),
            at_most("followups_done_min", 100, name="health_followups_done_min_max"),
            at_most("followups_late_max", 100, name="health_followups_late_max_max"),
            at_most("followup_delay_max_days", 3650, name="health_followup_delay_max_days_max"),
        ]

    def __str__(self):
        return f"Seuils de santé — {self.cooperation}"
