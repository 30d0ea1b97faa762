"""Reads: lists with a fixed number of queries, and the computed facts (next due meeting, convener and
chair, deadlines, quorum, the register's states). Fetching one object for a user is `rules.get_<object>_for_user`.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from entente.cooperations.models import Membership
from entente.cooperations.rules import can
from entente.core.bounds import MAX_DATE, MAX_ID, MIN_DATE
from entente.core.text import search_tokens

from . import decision_states, quorum_and_votes, schedule
from .body_models import Body, BodyRole, RotationSlot
from .decision_models import (
    OPEN_FOLLOWUP_STATUSES,
    Decision,
    DecisionOutcome,
    FollowUp,
    FollowUpStatus,
    Ratification,
    RatificationStatus,
)
from .decision_states import FollowUpState, RatificationState
from .meeting_models import AttendanceStatus, Meeting, MeetingStatus, MinutesVersion

# --- bodies, rotation, periodicity ---------------------------------------------------------


def seats_of(body):
    return list(body.members.select_related("user", "partner__organization").order_by("partner__organization__name",
                                                                                     "role", "pk"))


def _officer_partner(seats, role):
    return next((seat.partner for seat in seats if seat.role == role and seat.partner_id), None)


@dataclass
class RotationContext:
    rotation: str
    rotates_convener: bool
    rotates_chair: bool
    partners: list
    themes: list
    fixed_convener: object
    fixed_chair: object


def rotation_context(body, seats=None, slots=None) -> RotationContext:
    seats = seats if seats is not None else seats_of(body)
    slots = slots if slots is not None else list(
        RotationSlot.objects.filter(body=body).select_related("partner__organization"))
    return RotationContext(
        rotation=body.rotation, rotates_convener=body.rotates_convener, rotates_chair=body.rotates_chair,
        partners=[slot.partner for slot in slots], themes=[slot.theme for slot in slots],
        fixed_convener=_officer_partner(seats, BodyRole.SECRETARY),
        fixed_chair=_officer_partner(seats, BodyRole.PRESIDENT),
    )


def roles_for_meetings(context: RotationContext, meetings) -> dict:
    """Convener and chair of each meeting, from its rank among the body's meetings (cancelled ones skipped)."""
    ordered = sorted((m for m in meetings if m.status != MeetingStatus.CANCELLED), key=lambda m: m.starts_at)
    first_year = timezone.localtime(ordered[0].starts_at).year if ordered else timezone.localdate().year
    ranks = {meeting.pk: rank for rank, meeting in enumerate(ordered)}
    roles = {}
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at)
        roles[meeting.pk] = schedule.meeting_roles(
            rotation=context.rotation, rotates_convener=context.rotates_convener,
            rotates_chair=context.rotates_chair, slot_partners=context.partners, slot_themes=context.themes,
            ordinal=ranks.get(meeting.pk, len(ordered)), year=local.year, first_year=first_year,
            theme=meeting.theme, fixed_convener=context.fixed_convener, fixed_chair=context.fixed_chair,
            convener_override=meeting.convener_override, chair_override=meeting.chair_override,
        )
    return roles


def roles_for_meeting(meeting) -> schedule.Roles:
    meetings = list(Meeting.objects.filter(body=meeting.body).select_related(
        "convener_override__organization", "chair_override__organization"))
    target = next(m for m in meetings if m.pk == meeting.pk) if meeting.pk else meeting
    if not meeting.pk:
        meetings.append(meeting)
    return roles_for_meetings(rotation_context(meeting.body), meetings)[target.pk]


def predicted_roles(body, starts_at, theme="") -> schedule.Roles:
    """Roles a new meeting at `starts_at` would get: used to pre-fill the meeting form."""
    draft = Meeting(body=body, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2), theme=theme)
    draft.pk = 0
    meetings = list(Meeting.objects.filter(body=body)) + [draft]
    return roles_for_meetings(rotation_context(body), meetings)[0]


def next_due(body, meetings, today) -> datetime.date | None:
    dates = [timezone.localtime(m.starts_at).date() for m in meetings if m.status != MeetingStatus.CANCELLED]
    councils = [session.date for session in body.council_sessions.all()]
    return schedule.next_due_date(body.periodicity, meeting_dates=dates, today=today, council_dates=councils,
                               lead_days=body.council_lead_days)


def bodies_overview(cooperation, today=None):
    """Every body with its next planned meeting and when its next meeting is due (3 queries)."""
    today = today or schedule.paris_today()
    bodies = list(Body.objects.filter(cooperation=cooperation).annotate(member_count=Count("members"))
                  .prefetch_related(Prefetch("meetings", queryset=Meeting.objects.order_by("starts_at")),
                                    "council_sessions").order_by("name"))
    now = timezone.now()
    for body in bodies:
        meetings = list(body.meetings.all())
        held_or_planned = [m for m in meetings if m.status != MeetingStatus.CANCELLED]
        body.next_meeting = next((m for m in held_or_planned if m.starts_at >= now), None)
        body.last_meeting = next((m for m in reversed(held_or_planned) if m.starts_at < now), None)
        body.next_due = next_due(body, meetings, today)
        body.is_overdue = bool(body.next_due and body.next_due < today and not body.next_meeting)
        body.meeting_count = len(meetings)
    return bodies


# --- meetings ------------------------------------------------------------------------------


def agenda_status_of(meeting, now=None) -> str:
    deadline = schedule.agenda_deadline(meeting.starts_at, meeting.body.agenda_deadline_amount,
                                     meeting.body.agenda_deadline_unit)
    return schedule.agenda_status(deadline=deadline, sent_at=meeting.agenda_sent_at, now=now or timezone.now())


def agenda_deadline_of(meeting):
    return schedule.agenda_deadline(meeting.starts_at, meeting.body.agenda_deadline_amount,
                                 meeting.body.agenda_deadline_unit)


def attendance_of(meeting):
    return list(meeting.attendances.select_related("seat__user", "seat__partner__organization", "person", "holder",
                                                   "proxy__seat__user", "proxy__seat__partner__organization",
                                                   "proxy__person", "proxy__holder"))


def quorum_of(meeting, seats=None, attendances=None) -> quorum_and_votes.Quorum:
    body = meeting.body
    seats = seats if seats is not None else seats_of(body)
    attendances = attendances if attendances is not None else attendance_of(meeting)
    by_seat = {a.seat_id: a.status for a in attendances if a.seat_id}
    return quorum_and_votes.quorum(
        body.quorum_basis, body.quorum_percent,
        [quorum_and_votes.Seat(key=seat.pk, partner=seat.partner_id, role=seat.role,
                               status=by_seat.get(seat.pk, AttendanceStatus.ABSENT))
         for seat in seats],
        proxies_count=body.proxies_count_for_quorum,
    )


def current_minutes(meeting):
    return MinutesVersion.objects.filter(meeting=meeting).select_related("author", "approved_in").order_by(
        "-number").first()


def meetings_of_cooperation(cooperation):
    return Meeting.objects.filter(body__cooperation=cooperation).select_related("body")


# --- decisions and the register ------------------------------------------------------------


def _count(model, **filters):
    subquery = (model.objects.filter(decision=OuterRef("pk"), **filters).order_by()
                .values("decision").annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(subquery, output_field=IntegerField()), Value(0))


def annotate_register(queryset, today=None):
    today = today or schedule.paris_today()
    return queryset.annotate(
        followups_total=_count(FollowUp),
        followups_done=_count(FollowUp, status=FollowUpStatus.DONE),
        followups_overdue=_count(FollowUp, status__in=OPEN_FOLLOWUP_STATUSES, due_on__lt=today),
        followups_open=_count(FollowUp, status__in=OPEN_FOLLOWUP_STATUSES),
        ratifications_total=_count(Ratification),
        ratifications_done=_count(Ratification, status=RatificationStatus.RATIFIED),
        ratifications_refused=_count(Ratification, status=RatificationStatus.REFUSED),
    )


def _as_id(value) -> int | None:
    """A filter typed in an address: ASCII digits that fit a database key, or nothing (a filter the
    database could not hold, such as year 0 or a 30-digit id, is ignored rather than failing)."""
    value = str(value or "")
    if value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def register(cooperation, *, q="", kind="", state="", body="", followups="", year="", meeting=""):
    """The decisions of a cooperation with their follow-up and ratification state; one query."""
    queryset = annotate_register(
        Decision.objects.filter(cooperation=cooperation).select_related("item__meeting__body")
        .order_by("-decided_on", "-number")
    )
    for token in search_tokens(q)[:8]:
        queryset = queryset.filter(search_text__contains=token)
    if kind:
        queryset = queryset.filter(kind=kind)
    if body_id := _as_id(body):
        queryset = queryset.filter(item__meeting__body_id=body_id)
    if (year_number := _as_id(year)) and MIN_DATE.year <= year_number <= MAX_DATE.year:
        queryset = queryset.filter(decided_on__year=year_number)
    if meeting_id := _as_id(meeting):
        queryset = queryset.filter(item__meeting_id=meeting_id)
    queryset = _filter_state(queryset, state)
    return _filter_followups(queryset, followups)


def _filter_state(queryset, state):
    if state == DecisionOutcome.REJECTED:
        return queryset.filter(outcome=DecisionOutcome.REJECTED)
    adopted = queryset.filter(outcome=DecisionOutcome.ADOPTED)
    if state == RatificationState.IN_FORCE:
        return adopted.filter(Q(requires_ratification=False)
                              | Q(ratifications_total__gt=0, ratifications_done=F("ratifications_total")))
    if state == RatificationState.PENDING:
        return adopted.filter(requires_ratification=True, ratifications_refused=0).exclude(
            ratifications_total__gt=0, ratifications_done=F("ratifications_total"))
    if state == RatificationState.REFUSED:
        return adopted.filter(requires_ratification=True, ratifications_refused__gt=0)
    return queryset


def _filter_followups(queryset, followups):
    if followups == "en_retard":
        return queryset.filter(followups_overdue__gt=0)
    if followups == "ouvertes":
        return queryset.filter(followups_open__gt=0)
    if followups == "soldees":
        return queryset.filter(followups_total__gt=0, followups_open=0)
    if followups == "sans_suite":
        return queryset.filter(followups_total=0)
    return queryset


def decision_state(decision) -> str:
    """State shown in the register: rejected, or the ratification state (in force when none needed)."""
    if hasattr(decision, "ratifications_total"):
        state = decision_states.ratification_state_from_counts(
            required=decision.requires_ratification, total=decision.ratifications_total,
            ratified=decision.ratifications_done, refused=decision.ratifications_refused)
    else:
        state = decision_states.ratification_state([r.status for r in decision.ratifications.all()],
                                         required=decision.requires_ratification)
    return decision_states.register_state(decision.outcome, state)




# --- follow-ups ----------------------------------------------------------------------------


def followups_owned_by(user):
    """Every follow-up the user answers for, personally or through the partner they represent, in
    the cooperations they still belong to; any status, any deadline."""
    in_cooperation = Membership.objects.filter(user=user, cooperation=OuterRef("cooperation"))
    for_partner = in_cooperation.filter(partner=OuterRef("owner_partner"))
    return (
        FollowUp.objects
        .filter((Q(owner=user) & Exists(in_cooperation)) | (Q(owner_partner__isnull=False) & Exists(for_partner)))
        .select_related("cooperation", "decision", "owner", "owner_partner__organization")
        .order_by("due_on", "pk")
    )


def followup_state_filters(today) -> dict:
    """Each filter of « Mes suites à donner » as a condition on FollowUp (see decision_states.MY_FOLLOWUP_FILTERS)."""
    is_open = Q(status__in=OPEN_FOLLOWUP_STATUSES)
    soon = today + datetime.timedelta(days=decision_states.SOON_DAYS)
    return {
        "ouvertes": is_open,
        "en_retard": is_open & Q(due_on__lt=today),
        "echeance_proche": is_open & Q(due_on__gte=today, due_on__lte=soon),
        "dans_les_temps": is_open & Q(due_on__gt=soon),
        "a_faire": Q(status=FollowUpStatus.NOT_STARTED),
        "en_cours": Q(status=FollowUpStatus.IN_PROGRESS),
        "faite": Q(status=FollowUpStatus.DONE),
        "abandonnee": Q(status=FollowUpStatus.DROPPED),
        "toutes": Q(),
    }


def my_followups(user, *, state="ouvertes", today=None):
    """The user's follow-ups in one state, with the count of every state (two queries)."""
    today = today or schedule.paris_today()
    conditions = followup_state_filters(today)
    owned = followups_owned_by(user)
    counts = owned.aggregate(**{key: Count("pk", filter=condition) for key, condition in conditions.items()})
    return owned.filter(conditions[state]), counts


def followups_of_user(user, *, today=None, horizon_days=decision_states.SOON_DAYS):
    """Open follow-ups the user answers for that are overdue or due within the horizon; a single query."""
    today = today or schedule.paris_today()
    return followups_owned_by(user).filter(status__in=OPEN_FOLLOWUP_STATUSES,
                                           due_on__lte=today + datetime.timedelta(days=horizon_days))


def split_by_state(followups, today=None):
    today = today or schedule.paris_today()
    overdue, soon = [], []
    for followup in followups:
        followup.state = decision_states.followup_state(followup.status, followup.due_on, today)
        (overdue if followup.state == FollowUpState.OVERDUE else soon).append(followup)
    return overdue, soon


def followups_for_cooperation_home(cooperation, user, *, limit=8, today=None) -> dict:
    """The follow-ups block of a cooperation's home page: overdue and due-soon follow-ups (2 queries).

    Returns {"visible": bool, "overdue": [...], "soon": [...], "overdue_count": n, "soon_count": n,
    "mine": set of ids owned by the user, "register_url": str}.
    """
    from django.urls import reverse

    today = today or schedule.paris_today()
    if not can(user, "view", cooperation):
        return {"visible": False}
    queryset = (FollowUp.objects.filter(cooperation=cooperation, status__in=OPEN_FOLLOWUP_STATUSES,
                                        due_on__lte=today + datetime.timedelta(days=decision_states.SOON_DAYS))
                .select_related("decision", "owner", "owner_partner__organization").order_by("due_on", "pk"))
    rows = list(queryset[: limit * 4])
    overdue, soon = split_by_state(rows, today)
    counts = queryset.aggregate(overdue=Count("pk", filter=Q(due_on__lt=today)),
                                soon=Count("pk", filter=Q(due_on__gte=today)))
    user_id = user.pk if user.is_authenticated else None
    return {
        "visible": True, "cooperation": cooperation, "overdue": overdue[:limit], "soon": soon[:limit],
        "show_people": can(user, "view_members", cooperation),
        "overdue_count": counts["overdue"], "soon_count": counts["soon"],
        "mine": {f.pk for f in rows if user_id and f.owner_id == user_id},
        "register_url": reverse("governance:register", args=[cooperation.slug]),
        "mine_url": reverse("governance:my_followups"),
    }



def not_started_notice(meeting, now=None) -> str:
    """What to say when attendance or a decision is recorded before the meeting has begun ("" once it has)."""
    if meeting.starts_at <= (now or timezone.now()):
        return ""
    local = timezone.localtime(meeting.starts_at)
    return (f"La réunion n'a pas encore commencé (prévue le {local:%d/%m/%Y à %H:%M}) : présences et décisions "
            "se consignent pendant ou après la séance. Seules les excuses et les pouvoirs reçus à l'avance ont leur "
            "place dès maintenant.")
