"""A cooperation's health, read from what happened: meetings, agendas, attendance, rotation,
follow-ups and breadth. Each figure says in one French sentence what it means, compares itself
with the cooperation's own threshold and links to the records it was computed from.

Governance's rules (agenda deadline and status, rotation, periodicity, follow-up state) are
called, never rewritten. Everything is loaded in a fixed number of queries, whatever the
number of years, meetings or decisions.
"""

import datetime

from entente.governance.meeting_models import Meeting

from . import periods
from .attendance_health import attendance_section
from .breadth_health import breadth_section
from .followups_health import followups_section
from .health_figures import Health, HealthContext, local_day
from .health_hooks import health_contributions
from .health_records import load
from .meetings_health import agendas_section, meetings_section
from .models import DEFAULT_THRESHOLDS, HealthThresholds
from .rotation_health import rotation_section


def thresholds_of(cooperation) -> HealthThresholds:
    """The cooperation's thresholds, or the defaults (unsaved) until a coordinator sets them."""
    found = HealthThresholds.objects.filter(cooperation=cooperation).first()
    return found or HealthThresholds(cooperation=cooperation, **DEFAULT_THRESHOLDS)


def cooperation_health(cooperation, period: periods.Period, *, today=None, now=None) -> Health:
    records = load(cooperation, period, today=today, now=now)
    thresholds = thresholds_of(cooperation)
    # What other apps count (reflexivity's "Vis ma vie" exchanges): one query each, shown with breadth.
    contributed = [(c, c.figure(cooperation, period)) for c in health_contributions()]
    context = HealthContext(records, period, thresholds, contributed)
    return Health(
        period=period,
        thresholds=thresholds,
        sections=[
            meetings_section(context),
            agendas_section(context),
            attendance_section(context),
            rotation_section(context),
            followups_section(context),
            breadth_section(context),
        ],
    )


def first_year(cooperation, today: datetime.date) -> int:
    candidates = [cooperation.started_on.year] if cooperation.started_on else []
    first_meeting = (
        Meeting.objects.filter(body__cooperation=cooperation)
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    if first_meeting:
        candidates.append(local_day(first_meeting).year)
    candidates.append(local_day(cooperation.created_at).year)
    return max(min(candidates), today.year - 30)
