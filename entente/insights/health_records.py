"""The records a health page reads, loaded in a fixed number of queries whatever the number of
years, meetings or decisions: what the database can count is counted there."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from entente.cooperations.models import Membership, Partnership
from entente.governance import schedule
from entente.governance.body_models import VOTING_ROLES, Body, BodyMember, RotationSlot
from entente.governance.decision_models import OPEN_FOLLOWUP_STATUSES, FollowUp, FollowUpStatus
from entente.governance.meeting_models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from entente.portfolio.models import Action
from entente.workshops.models import Participant, Workshop

from . import periods
from .health_hooks import health_contributions

PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)


# --- loading: a fixed number of queries ----------------------------------------------------------


@dataclass
class Records:
    cooperation: object
    today: datetime.date
    now: datetime.datetime
    bodies: list
    meetings: list  # every meeting of the cooperation (rotation ranks need the whole history)
    attendances: "AttendanceCounts"
    followups: "FollowUpCounts"
    partners: list
    actions: list
    action_participants: list
    workshops: list
    workshop_organizations: list
    memberships: list
    active_user_ids: set


def load(cooperation, period: periods.Period, *, today=None, now=None) -> Records:
    now = now or timezone.now()
    today = today or schedule.paris_today()
    in_period = {"starts_at__date__lt": period.end}
    if period.start:
        in_period["starts_at__date__gte"] = period.start
    bodies = list(
        Body.objects.filter(cooperation=cooperation)
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "members",
                queryset=BodyMember.objects.select_related("user", "partner__organization").order_by(
                    "partner__organization__name", "role", "pk"
                ),
            ),
            Prefetch("rotation_slots", queryset=RotationSlot.objects.select_related("partner__organization")),
            "council_sessions",
        )
    )
    meetings = list(
        Meeting.objects.filter(body__cooperation=cooperation)
        .select_related("body", "convener_override__organization", "chair_override__organization")
        .order_by("starts_at")
    )
    attendances = _attendance_in(cooperation, in_period, now)
    followups = _followups_in(cooperation, period)
    partners = list(
        Partnership.objects.active()
        .filter(cooperation=cooperation)
        .select_related("organization")
        .order_by("organization__name")
    )
    actions = list(Action.objects.filter(cooperation=cooperation).values("pk", "title", "lead_id"))
    action_participants = list(
        Action.participants.through.objects.filter(action__cooperation=cooperation).values_list(
            "action_id", "partnership_id"
        )
    )
    workshop_filter = {"held_on__lt": period.end}
    if period.start:
        workshop_filter["held_on__gte"] = period.start
    workshops = list(
        Workshop.objects.filter(cooperation=cooperation, **workshop_filter).values("pk", "title", "host_id", "held_on")
    )
    workshop_organizations = list(
        Participant.objects.filter(
            workshop__cooperation=cooperation,
            **{f"workshop__{k}": v for k, v in workshop_filter.items()},
        )
        .values_list("workshop_id", "organization_id")
        .distinct()
    )
    memberships = list(
        Membership.objects.filter(cooperation=cooperation)
        .select_related("user", "partner__organization")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return Records(
        cooperation=cooperation,
        today=today,
        now=now,
        bodies=bodies,
        meetings=meetings,
        attendances=attendances,
        followups=followups,
        partners=partners,
        actions=actions,
        action_participants=action_participants,
        workshops=workshops,
        workshop_organizations=workshop_organizations,
        memberships=memberships,
        active_user_ids=_users_who_took_part(cooperation),
    )


@dataclass
class AttendanceCounts:
    """Per partner: meetings where it held a voting seat and meetings where one of its seats came; and the
    meetings it missed. Counted in the database, so ten years of sheets cost a row per absence, not per seat."""

    expected: dict  # partner id → meetings
    present: dict  # partner id → meetings
    absences: list  # (meeting id, partner id)
    recorded: bool  # at least one attendance sheet in the period


def _attendance_in(cooperation, in_period, now) -> AttendanceCounts:
    rows = (
        Attendance.objects.filter(
            meeting__body__cooperation=cooperation,
            seat__partner__isnull=False,
            meeting__starts_at__lte=now,
            **{f"meeting__{key}": value for key, value in in_period.items()},
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .order_by()
    )
    counts = (
        rows.values("seat__partner_id")
        .annotate(
            expected=Count("meeting", distinct=True, filter=Q(seat__role__in=VOTING_ROLES)),
            present=Count("meeting", distinct=True, filter=Q(status__in=PRESENT)),
        )
        .values_list("seat__partner_id", "expected", "present")
    )
    # A partner missed a meeting when it held a voting seat there and none of its seats came (HAVING).
    absences = (
        rows.values("meeting_id", "seat__partner_id")
        .annotate(
            came=Count("pk", filter=Q(status__in=PRESENT)),
            votes=Count("pk", filter=Q(seat__role__in=VOTING_ROLES)),
        )
        .filter(came=0, votes__gt=0)
        .values_list("meeting_id", "seat__partner_id")
    )
    counts = list(counts)
    return AttendanceCounts(
        expected={partner: expected for partner, expected, _present in counts},
        present={partner: present for partner, _expected, present in counts},
        absences=list(absences),
        recorded=bool(counts),
    )


@dataclass
class FollowUpCounts:
    """Follow-ups grouped by status and due date (and done ones by delay): a few hundred rows, not thousands."""

    by_status_and_due: list  # (status, due_on, count)
    done_delays: list  # (closed_on, decided_on, count)
    oldest_open: dict | None


def _followups_in(cooperation, period) -> FollowUpCounts:
    queryset = FollowUp.objects.filter(cooperation=cooperation, decision__decided_on__lt=period.end)
    if period.start:
        queryset = queryset.filter(decision__decided_on__gte=period.start)
    queryset = queryset.order_by()
    return FollowUpCounts(
        by_status_and_due=list(
            queryset.values("status", "due_on").annotate(n=Count("pk")).values_list("status", "due_on", "n")
        ),
        done_delays=list(
            queryset.filter(status=FollowUpStatus.DONE, closed_on__isnull=False)
            .values("closed_on", "decision__decided_on")
            .annotate(n=Count("pk"))
            .values_list("closed_on", "decision__decided_on", "n")
        ),
        oldest_open=queryset.filter(status__in=OPEN_FOLLOWUP_STATUSES)
        .order_by("decision__decided_on", "due_on", "pk")
        .values("pk", "title", "due_on", "decision_id", "decision__decided_on", "decision__number")
        .first(),
    )


def _users_who_took_part(cooperation) -> set:
    """People who attended a meeting, joined a workshop, are referents of an action or own a follow-up,
    or took part in what another app counts (`health_hooks`, e.g. a "Vis ma vie" exchange).

    One UNION query: the database removes the duplicates, so ten years of attendance sheets come back
    as one row per person, not one per sheet line."""
    attended = Attendance.objects.filter(meeting__body__cooperation=cooperation, status__in=PRESENT).order_by()
    sources = [
        attended.exclude(holder=None).values_list("holder_id"),
        attended.filter(holder=None).exclude(seat__user=None).values_list("seat__user_id"),
        Participant.objects.filter(workshop__cooperation=cooperation)
        .exclude(user=None)
        .order_by()
        .values_list("user_id"),
        Action.referents.through.objects.filter(action__cooperation=cooperation).order_by().values_list("user_id"),
        FollowUp.objects.filter(cooperation=cooperation).exclude(owner=None).order_by().values_list("owner_id"),
        *(source for c in health_contributions() if c.took_part is not None for source in c.took_part(cooperation)),
    ]
    return {user_id for (user_id,) in sources[0].union(*sources[1:])}
