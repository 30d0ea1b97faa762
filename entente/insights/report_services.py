"""Changes to an annual report: its foreword and conclusion, atomic, with their history."""

from django.db import transaction
from django.utils import timezone

from .report_models import AnnualReport


@transaction.atomic
def save_report_texts(*, cooperation, year: int, user, foreword: str, conclusion: str) -> AnnualReport:
    """Write the year's foreword and conclusion (the report is created on the first change)."""
    report = AnnualReport.objects.select_for_update().filter(
        cooperation=cooperation, year=year
    ).first() or AnnualReport(cooperation=cooperation, year=year)
    report.foreword, report.conclusion = foreword.strip(), conclusion.strip()
    report.updated_by = user
    report.updated_at = timezone.now()
    report.full_clean()
    # The history names who wrote, also outside a web request (the API's token, the demo's loader).
    report._history_user = user
    report.save()
    return report
