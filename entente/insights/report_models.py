"""The annual activity report's own words: a foreword and a conclusion per cooperation and year.

Everything else in the report is read from that year's records when it is shown or printed; only
what the coordinators write is stored, with its history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

REPORT_TEXT_LENGTH = 8000
FIRST_REPORT_YEAR = 1900
LAST_REPORT_YEAR = 2100


class AnnualReport(models.Model):
    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("année")
    foreword = models.TextField("avant-propos", blank=True, max_length=REPORT_TEXT_LENGTH)
    conclusion = models.TextField("conclusion", blank=True, max_length=REPORT_TEXT_LENGTH)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rapport annuel d'activité"
        verbose_name_plural = "rapports annuels d'activité"
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "year"], name="annual_report_unique_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_REPORT_YEAR, year__lte=LAST_REPORT_YEAR),
                name="annual_report_year_range",
            ),
        ]

    def __str__(self):
        return f"Rapport d'activité {self.year} — {self.cooperation}"
