"""A cooperation's health, read from what happened: meetings, agendas, attendance, rotation,
follow-ups and breadth. Each figure says in one French sentence what it means, compares itself
with the cooperation's own threshold and links to the records it was computed from.

Governance's rules (agenda deadline and status, rotation, periodicity, follow-up state) are
called, never rewritten. Everything is loaded in a fixed number of queries, whatever the
number of years, meetings or decisions.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from entente.cooperations.models import Membership, Partnership
from entente.core.french import pluralize_fr
from entente.governance import logic as governance_logic
from entente.governance import selectors as governance
from entente.governance.models import (
    OPEN_FOLLOWUP_STATUSES,
    VOTING_ROLES,
    Attendance,
    AttendanceStatus,
    Body,
    BodyMember,
    BodyRole,
    FollowUp,
    FollowUpStatus,
    Meeting,
    MeetingStatus,
    Periodicity,
    RotationSlot,
)
from entente.portfolio.models import Action
from entente.workshops.models import Participant, Workshop

from . import periods
from .models import DEFAULT_THRESHOLDS, HealthThresholds

PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED)
# Beyond this many records of one kind, a figure names the most recent and counts the rest.
MAX_DETAILED = 5


@dataclass
class Link:
    label: str
    url: str


@dataclass
class Figure:
    """One figure: its value, whether it crosses the cooperation's threshold, a sentence, its sources."""

    key: str
    title: str
    value: str
    sentence: str
    alert: bool = False
    threshold: str = ""
    links: list[Link] = field(default_factory=list)


@dataclass
class Section:
    key: str
    title: str
    explanation: str
    figures: list[Figure]
    table: dict | None = None  # {"caption", "headers", "rows"}: the detail behind the figures

    @property
    def alerts(self) -> int:
        return sum(1 for figure in self.figures if figure.alert)


@dataclass
class Health:
    period: periods.Period
    sections: list[Section]
    thresholds: object

    @property
    def alert_sentences(self) -> list[str]:
        return [figure.sentence for section in self.sections for figure in section.figures if figure.alert]


def weighted_median(values: list[tuple[int, int]]) -> int | None:
    """Median of sorted (value, count) pairs, as `statistics.median` would give over the repeated values."""
    total = sum(n for _value, n in values)
    if not total:
        return None
    expanded_at = []
    for wanted in sorted({(total - 1) // 2, total // 2}):
        seen = 0
        for value, n in values:
            seen += n
            if seen > wanted:
                expanded_at.append(value)
                break
    return round(sum(expanded_at) / len(expanded_at))


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def percent_label(value: int | None) -> str:
    return "—" if value is None else f"{value} %"


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def thresholds_of(cooperation) -> HealthThresholds:
    """The cooperation's thresholds, or the defaults (unsaved) until a coordinator sets them."""
    found = HealthThresholds.objects.filter(cooperation=cooperation).first()
    return found or HealthThresholds(cooperation=cooperation, **DEFAULT_THRESHOLDS)


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
    today = today or governance_logic.paris_today()
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
        Partnership.objects.filter(cooperation=cooperation, left_on__isnull=True)
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
    """People who attended a meeting, joined a workshop, are referents of an action or own a follow-up."""
    attended = Attendance.objects.filter(meeting__body__cooperation=cooperation, status__in=PRESENT)
    ids = set(attended.exclude(holder=None).values_list("holder_id", flat=True))
    ids |= set(attended.filter(holder=None).exclude(seat__user=None).values_list("seat__user_id", flat=True))
    ids |= set(
        Participant.objects.filter(workshop__cooperation=cooperation)
        .exclude(user=None)
        .values_list("user_id", flat=True)
    )
    ids |= set(
        Action.referents.through.objects.filter(action__cooperation=cooperation).values_list("user_id", flat=True)
    )
    ids |= set(FollowUp.objects.filter(cooperation=cooperation).exclude(owner=None).values_list("owner_id", flat=True))
    return ids


# --- the page ------------------------------------------------------------------------------------


def cooperation_health(cooperation, period: periods.Period, *, today=None, now=None) -> Health:
    records = load(cooperation, period, today=today, now=now)
    thresholds = thresholds_of(cooperation)
    context = _Context(records, period, thresholds)
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


class _Context:
    """What every section reads: the records, the period and the URLs of the cooperation's pages."""

    def __init__(self, records: Records, period: periods.Period, thresholds):
        self.records, self.period, self.thresholds = records, period, thresholds
        self.slug = records.cooperation.slug
        self.partners = {partner.pk: partner for partner in records.partners}
        self.past_meetings = [
            meeting
            for meeting in records.meetings
            if meeting.status != MeetingStatus.CANCELLED
            and meeting.starts_at <= records.now
            and period.contains(local_day(meeting.starts_at))
        ]
        self.roles = self._roles()

    def _roles(self) -> dict:
        by_body = defaultdict(list)
        for meeting in self.records.meetings:
            by_body[meeting.body_id].append(meeting)
        roles = {}
        for body in self.records.bodies:
            context = governance.rotation_context(
                body, seats=list(body.members.all()), slots=list(body.rotation_slots.all())
            )
            roles.update(governance.roles_for_meetings(context, by_body[body.pk]))
        return roles

    def url(self, name: str, *args, query: str = "") -> str:
        return reverse(name, args=[self.slug, *args]) + (f"?{query}" if query else "")

    def meeting_link(self, meeting) -> Link:
        return Link(
            f"{meeting.body.name} du {local_day(meeting.starts_at):%d/%m/%Y}",
            self.url("governance:meeting", meeting.pk),
        )

    def partner_name(self, partner_id) -> str:
        partner = self.partners.get(partner_id)
        return str(partner.organization) if partner else "Partenaire retiré"


# --- meetings against periodicity ----------------------------------------------------------------


def body_start(body, meetings) -> datetime.date:
    """When a body began: its creation, or its first meeting when records were entered afterwards."""
    days = [local_day(body.created_at), *(local_day(m.starts_at) for m in meetings)]
    return min(days)


def meetings_section(context: _Context) -> Section:
    records, period = context.records, context.period
    by_body = defaultdict(list)
    for meeting in records.meetings:
        by_body[meeting.body_id].append(meeting)
    figures, rows = [], []
    for body in records.bodies:
        meetings = [m for m in by_body[body.pk] if m.status != MeetingStatus.CANCELLED]
        held = [m for m in meetings if m.starts_at <= records.now and period.contains(local_day(m.starts_at))]
        missed = _missed_windows(body, meetings, context)
        rows.append(
            [
                body.name,
                body.get_periodicity_display(),
                str(len(held)),
                ", ".join(window.in_words.removeprefix("en ").removeprefix("au ") for window in missed) or "—",
            ]
        )
        body_url = context.url("governance:body", body.pk)
        if missed:
            every = periods.EVERY[governance_logic.INTERVAL_MONTHS[body.periodicity]]
            # The most recent missed windows each get their sentence; the table lists them all.
            for window in missed[-MAX_DETAILED:]:
                figures.append(
                    Figure(
                        key=f"meetings-{body.pk}-{window.start:%Y%m}",
                        title=body.name,
                        value="Aucune réunion",
                        sentence=f"{capitalized(_the(body.name))} ne s'est pas {_met(body.name)} "
                        f"{window.in_words} alors qu'{_pronoun(body.name)} doit se réunir {every}.",
                        alert=True,
                        links=[Link(f"Voir {body.name}", body_url)],
                    )
                )
        else:
            figures.append(
                Figure(
                    key=f"meetings-{body.pk}",
                    title=body.name,
                    value=pluralize_fr(len(held), "réunion tenue", "réunions tenues"),
                    sentence=_meetings_sentence(body, held, period),
                    links=[context.meeting_link(m) for m in held[-5:]] or [Link(f"Voir {body.name}", body_url)],
                )
            )
    return Section(
        key="reunions",
        title="Réunions tenues au regard de la périodicité",
        explanation="Chaque instance qui a une périodicité doit se réunir au moins une fois par période "
        "(année, semestre, trimestre ou mois civil). Une réunion tenue compte ; une réunion "
        "prévue plus tard dans la période en cours aussi.",
        figures=figures,
        table={
            "caption": "Réunions par instance",
            "headers": ["Instance", "Périodicité", "Réunions tenues", "Périodes sans réunion"],
            "rows": rows,
        },
    )


FEMININE_HEADS = ("conférence", "commission", "assemblée", "instance", "réunion", "cellule", "équipe", "cohorte")


def _is_feminine(name: str) -> bool:
    return name.split(" ")[0].lower().removeprefix("l'") in FEMININE_HEADS


def _met(name: str) -> str:
    return "réunie" if _is_feminine(name) else "réuni"


def _pronoun(name: str) -> str:
    return "elle" if _is_feminine(name) else "il"


def _the(name: str) -> str:
    """ "le comité de suivi" from "Comité de suivi"; a name with its own article stays as it is."""
    # "CoDir", "CODIRI": a capital inside the first word is part of the name, not a sentence's capital.
    inner_capital = any(letter.isupper() for letter in name.split(" ")[0][1:])
    lowered = name if inner_capital else name[:1].lower() + name[1:]
    first = lowered.split(" ")[0]
    if first in ("le", "la", "les", "l'") or lowered.startswith("l'"):
        return lowered
    feminine = first in FEMININE_HEADS
    if first[:1] in "aeiouyéèêh":
        return "l'" + lowered
    return ("la " if feminine else "le ") + lowered


def _of_the(name: str) -> str:
    """ "du comité de suivi", "de la conférence", "de l'atelier"."""
    the = _the(name)
    if the.startswith("le "):
        return "du " + the[3:]
    if the.startswith("les "):
        return "des " + the[4:]
    return "de " + the


def _meetings_sentence(body, held, period) -> str:
    count = pluralize_fr(len(held), "fois", "fois")
    if body.periodicity == Periodicity.NONE:
        return (
            f"{capitalized(_the(body.name))} s'est {_met(body.name)} {count} {period.in_words} (sans périodicité fixe)."
        )
    return (
        f"{capitalized(_the(body.name))} s'est {_met(body.name)} {count} {period.in_words} "
        f"({body.get_periodicity_display().lower()})."
    )


def _missed_windows(body, meetings, context: _Context) -> list[periods.Window]:
    months = governance_logic.INTERVAL_MONTHS.get(body.periodicity)
    if months is None:
        return []
    records, period = context.records, context.period
    start = body_start(body, meetings)
    if period.start and period.start > start:
        start = period.start
    days = [local_day(m.starts_at) for m in meetings]
    missed = []
    for window in periods.windows(months, start, period.end, records.today):
        if any(window.start <= day < window.end for day in days):
            continue
        if window.end > records.today:
            # The current window: missed only once governance says the body is overdue.
            due = governance.next_due(body, meetings, records.today)
            if due is None or due >= records.today:
                continue
        missed.append(window)
    return missed


# --- agendas sent on time ------------------------------------------------------------------------


def agendas_section(context: _Context) -> Section:
    statuses = {m.pk: governance.agenda_status_of(m, now=context.records.now) for m in context.past_meetings}
    on_time = [m for m in context.past_meetings if statuses[m.pk] == "a_temps"]
    late = [m for m in context.past_meetings if statuses[m.pk] != "a_temps"]
    total = len(context.past_meetings)
    share = percent(len(on_time), total)
    minimum = context.thresholds.agenda_on_time_min
    figures = [
        Figure(
            key="agendas",
            title="Ordres du jour envoyés dans les délais",
            value=percent_label(share),
            sentence=(
                f"{len(on_time)} ordre{'s' if len(on_time) > 1 else ''} du jour sur {total} "
                f"envoyé{'s' if len(on_time) > 1 else ''} dans le délai fixé par chaque instance "
                f"{context.period.in_words}."
                if total
                else f"Aucune réunion tenue {context.period.in_words}."
            ),
            alert=share is not None and share < minimum,
            threshold=f"au moins {minimum} %",
        )
    ]
    if len(late) > MAX_DETAILED:
        figures[0].sentence += f" Les {MAX_DETAILED} plus récents hors délai sont détaillés ci-dessous."
    for meeting in late[-MAX_DETAILED:]:
        label = governance_logic.AGENDA_STATUS_LABELS[statuses[meeting.pk]]
        deadline = meeting.body.deadline_label()
        figures.append(
            Figure(
                key=f"agenda-{meeting.pk}",
                title=str(meeting),
                value=label,
                sentence=f"{label} pour {_the(meeting.body.name)} du {local_day(meeting.starts_at):%d/%m/%Y} "
                f"(délai : {deadline}).",
                alert=True,
                links=[context.meeting_link(meeting)],
            )
        )
    return Section(
        key="ordres-du-jour",
        title="Ordres du jour envoyés à temps",
        explanation="Le délai est celui de chaque instance (par exemple 48 heures, ou des jours francs : ni le "
        "jour de l'envoi ni celui de la réunion ne comptent). Seules les réunions passées comptent.",
        figures=figures,
    )


# --- attendance and parity -----------------------------------------------------------------------


def attendance_section(context: _Context) -> Section:
    records, thresholds = context.records, context.thresholds
    counts = records.attendances
    expected, present = Counter(counts.expected), Counter(counts.present)
    meetings = {meeting.pk: meeting for meeting in context.past_meetings}
    absent_at = defaultdict(list)
    known = [pair for pair in counts.absences if pair[0] in meetings]
    for meeting_id, partner_id in sorted(known, key=lambda pair: meetings[pair[0]].starts_at):
        absent_at[partner_id].append(meetings[meeting_id])
    figures, rows = [], []
    for partner in records.partners:
        if not expected[partner.pk]:
            continue
        rate = percent(present[partner.pk], expected[partner.pk])
        absences = len(absent_at[partner.pk])
        name = str(partner.organization)
        rows.append([name, str(expected[partner.pk]), str(present[partner.pk]), str(absences), percent_label(rate)])
        alert = rate < thresholds.attendance_min or absences >= thresholds.absences_max
        figures.append(
            Figure(
                key=f"attendance-{partner.pk}",
                title=name,
                value=percent_label(rate),
                sentence=(
                    f"{name} a été présent ou représenté à {present[partner.pk]} réunion"
                    f"{'s' if present[partner.pk] > 1 else ''} sur {expected[partner.pk]}"
                    + (f" ; absent {pluralize_fr(absences, 'fois', 'fois')}." if absences else ".")
                ),
                alert=alert,
                threshold=f"au moins {thresholds.attendance_min} %, moins de {thresholds.absences_max} absences",
                links=[context.meeting_link(m) for m in absent_at[partner.pk][-MAX_DETAILED:]],
            )
        )
    figures.append(_parity_figure(context))
    return Section(
        key="presence",
        title="Présence des partenaires et parité",
        explanation="Un partenaire est compté présent à une réunion quand l'un de ses sièges est présent ou "
        "représenté ; les réunions sans feuille de présence ne comptent pas. La parité regarde qui "
        "convoque les réunions : un seul partenaire porte-t-il la coopération ?",
        figures=figures,
        table={
            "caption": "Présence par partenaire",
            "headers": ["Partenaire", "Réunions attendues", "Présent", "Absences", "Taux de présence"],
            "rows": rows,
        },
    )


def _parity_figure(context: _Context) -> Figure:
    conveners = Counter()
    for meeting in context.past_meetings:
        convener = context.roles[meeting.pk].convener
        if convener is not None:
            conveners[convener.pk] += 1
    total = sum(conveners.values())
    maximum = context.thresholds.host_share_max
    if not total:
        return Figure(
            key="parity",
            title="Réunions convoquées par partenaire",
            value="—",
            sentence=f"Aucune réunion tenue {context.period.in_words} n'a de partenaire qui la convoque.",
        )
    partner_id, count = conveners.most_common(1)[0]
    share = percent(count, total)
    name = context.partner_name(partner_id)
    return Figure(
        key="parity",
        title="Part des réunions convoquées par un même partenaire",
        value=percent_label(share),
        sentence=(
            f"{name} a convoqué {count} des {total} réunions {context.period.in_words} ({share} %)."
            if total > 1
            else f"{name} a convoqué la seule réunion tenue {context.period.in_words}."
        ),
        alert=len(context.partners) > 1 and total > 1 and share > maximum,
        threshold=f"au plus {maximum} %",
        links=[Link(f"Instances de {context.records.cooperation.name}", context.url("governance:bodies"))],
    )


# --- rotation ------------------------------------------------------------------------------------


def rotation_section(context: _Context) -> Section:
    records = context.records
    chaired, convened, secretariats, led = Counter(), Counter(), Counter(), Counter()
    for meeting in context.past_meetings:
        roles = context.roles[meeting.pk]
        if roles.chair is not None:
            chaired[roles.chair.pk] += 1
        if roles.convener is not None:
            convened[roles.convener.pk] += 1
    for body in records.bodies:
        for seat in body.members.all():
            if seat.role == BodyRole.SECRETARY and seat.partner_id:
                secretariats[seat.partner_id] += 1
    for action in records.actions:
        if action.get("lead_id"):
            led[action["lead_id"]] += 1
    figures = [_rotation_figure(context, body) for body in records.bodies]
    rows = [
        [str(p.organization), str(chaired[p.pk]), str(convened[p.pk]), str(secretariats[p.pk]), str(led[p.pk])]
        for p in records.partners
    ]
    return Section(
        key="rotation",
        title="Rotation des rôles",
        explanation="Qui préside, qui convoque (et accueille), qui tient le secrétariat, qui pilote les actions ; "
        "comparé à la règle de rotation de chaque instance. Une dérogation est une réunion dont la "
        "convocation ou la présidence s'écarte de la règle, avec son motif.",
        figures=[figure for figure in figures if figure],
        table={
            "caption": "Rôles tenus par partenaire",
            "headers": ["Partenaire", "Présidences", "Convocations", "Secrétariats d'instance", "Actions pilotées"],
            "rows": rows,
        },
    )


def _rotation_figure(context: _Context, body) -> Figure | None:
    meetings = [m for m in context.past_meetings if m.body_id == body.pk]
    body_url = context.url("governance:body", body.pk)
    if body.rotation == "fixe":
        if not meetings:
            return None
        return Figure(
            key=f"rotation-{body.pk}",
            title=body.name,
            value="Sans rotation",
            sentence=f"{capitalized(_the(body.name))} n'a pas de règle de rotation : ses officiers "
            f"convoquent et président.",
            links=[Link(f"Voir {body.name}", body_url)],
        )
    slots = list(body.rotation_slots.all())
    if not slots:
        return Figure(
            key=f"rotation-{body.pk}",
            title=body.name,
            value="Ordre de rotation vide",
            alert=True,
            sentence=f"{capitalized(_the(body.name))} doit tourner ({body.get_rotation_display().lower()}) "
            f"mais aucun ordre de rotation n'est saisi.",
            links=[Link("Saisir l'ordre de rotation", context.url("governance:body_rotation", body.pk))],
        )
    overridden = [
        m for m in meetings if context.roles[m.pk].convener_overridden or context.roles[m.pk].chair_overridden
    ]
    followed = len(meetings) - len(overridden)
    sentence = (
        f"La rotation {_of_the(body.name)} ({body.get_rotation_display().lower()}) a été suivie pour "
        f"{followed} réunion{'s' if followed > 1 else ''} sur {len(meetings)}"
    )
    sentence += (
        "."
        if not overridden
        else " ; dérogation"
        + ("s" if len(overridden) > 1 else "")
        + " : "
        + "; ".join(f"{local_day(m.starts_at):%d/%m/%Y} ({m.override_reason})" for m in overridden[-MAX_DETAILED:])
        + "."
    )
    return Figure(
        key=f"rotation-{body.pk}",
        title=body.name,
        value=f"{followed} / {len(meetings)}",
        sentence=sentence,
        links=[context.meeting_link(m) for m in overridden[-MAX_DETAILED:]] or [Link(f"Voir {body.name}", body_url)],
    )


# --- decisions followed up -----------------------------------------------------------------------


def followups_section(context: _Context) -> Section:
    records, thresholds, today = context.records, context.thresholds, context.records.today
    counts = records.followups
    states, due_count, done_due_count, kept_count = Counter(), 0, 0, 0
    for status, due_on, n in counts.by_status_and_due:
        states[governance_logic.followup_state(status, due_on, today)] += n
        if status == FollowUpStatus.DROPPED:
            continue
        kept_count += n
        if due_on < today:
            due_count += n
            done_due_count += n if status == FollowUpStatus.DONE else 0
    done_share = percent(done_due_count, due_count)
    late_share = percent(states["en_retard"], kept_count)
    delays = sorted(((closed_on - decided_on).days, n) for closed_on, decided_on, n in counts.done_delays)
    delay_count = sum(n for _days, n in delays)
    median = weighted_median(delays)
    year_query = f"year={context.period.year}&" if context.period.year else ""
    register = context.url("governance:register")
    figures = [
        Figure(
            key="followups-done",
            title="Suites échues réalisées",
            value=percent_label(done_share),
            sentence=(
                f"{done_due_count} des {due_count} suites à donner arrivées à échéance sont réalisées "
                f"(décisions prises {context.period.in_words})."
                if due_count
                else "Aucune suite à donner n'est encore arrivée à échéance "
                f"(décisions prises {context.period.in_words})."
            ),
            alert=done_share is not None and done_share < thresholds.followups_done_min,
            threshold=f"au moins {thresholds.followups_done_min} %",
            links=[Link("Décisions dont les suites sont soldées", f"{register}?{year_query}followups=soldees")],
        ),
        Figure(
            key="followups-late",
            title="Suites en retard",
            value=percent_label(late_share),
            sentence=f"{pluralize_fr(states['en_retard'], 'suite à donner', 'suites à donner')} en retard "
            f"sur {kept_count} ({percent_label(late_share)}).",
            alert=late_share is not None and late_share > thresholds.followups_late_max,
            threshold=f"au plus {thresholds.followups_late_max} %",
            links=[Link("Décisions dont une suite est en retard", f"{register}?{year_query}followups=en_retard")],
        ),
        Figure(
            key="followups-delay",
            title="Délai médian de réalisation",
            value="—" if median is None else pluralize_fr(median, "jour"),
            sentence=(
                f"Une suite réalisée l'a été en {pluralize_fr(median, 'jour')} après la décision, en médiane "
                f"({pluralize_fr(delay_count, 'suite réalisée', 'suites réalisées')})."
                if median is not None
                else "Aucune suite à donner n'est encore réalisée."
            ),
            alert=median is not None and median > thresholds.followup_delay_max_days,
            threshold=f"au plus {thresholds.followup_delay_max_days} jours",
        ),
    ]
    if counts.oldest_open:
        oldest = counts.oldest_open
        age = (today - oldest["decision__decided_on"]).days
        reference = f"D{oldest['decision__decided_on']:%Y}-{oldest['decision__number']:04d}"
        figures.append(
            Figure(
                key="followups-oldest",
                title="Plus ancienne suite ouverte",
                value=pluralize_fr(age, "jour"),
                sentence=f"La plus ancienne suite encore ouverte, « {oldest['title']} », découle de la décision "
                f"{reference} du {oldest['decision__decided_on']:%d/%m/%Y} ({pluralize_fr(age, 'jour')}).",
                alert=oldest["due_on"] < today,
                links=[Link(f"Décision {reference}", context.url("governance:decision", oldest["decision_id"]))],
            )
        )
    rows = [
        [governance_logic.FOLLOWUP_STATE_LABELS[state], str(states[state])]
        for state in governance_logic.FOLLOWUP_STATE_LABELS
    ]
    return Section(
        key="suivi",
        title="Suivi des décisions",
        explanation="Les suites à donner des décisions prises sur la période : part réalisée parmi celles arrivées "
        "à échéance, part en retard, délai médian entre la décision et la réalisation, plus ancienne "
        "suite encore ouverte. Les suites abandonnées ne comptent pas.",
        figures=figures,
        table={"caption": "Suites à donner par état", "headers": ["État", "Nombre"], "rows": rows},
    )


# --- breadth -------------------------------------------------------------------------------------


def breadth_section(context: _Context) -> Section:
    records = context.records
    by_organization = {partner.organization_id: partner.pk for partner in records.partners}
    in_workshops = {w["host_id"] for w in records.workshops if w["host_id"]}
    in_workshops |= {by_organization[org] for _w, org in records.workshop_organizations if org in by_organization}
    in_actions = {a["lead_id"] for a in records.actions if a["lead_id"]}
    in_actions |= {partner_id for _a, partner_id in records.action_participants}
    attended = {partner_id for partner_id, count in records.attendances.present.items() if count}
    rows, idle = [], []
    for partner in records.partners:
        marks = [partner.pk in in_workshops, partner.pk in in_actions, partner.pk in attended]
        rows.append([str(partner.organization), *("oui" if mark else "non" for mark in marks)])
        if not any(marks):
            idle.append(str(partner.organization))
    active = len(records.partners) - len(idle)
    sentence = (
        f"{active} partenaire{'s' if active > 1 else ''} sur {len(records.partners)} "
        f"{'ont' if active > 1 else 'a'} pris part à un atelier, une action ou une réunion "
        f"{context.period.in_words}" + (f" ; sans aucune participation : {', '.join(idle)}." if idle else ".")
    )
    # Without any attendance sheet, "took no part" would be a guess about the meetings: say so instead.
    measured = records.attendances.recorded or not context.past_meetings
    if not measured:
        sentence = (
            f"Aucune feuille de présence n'est saisie {context.period.in_words} : la participation aux "
            f"{len(context.past_meetings)} réunions tenues ne peut pas être mesurée. " + sentence
        )
    figures = [
        Figure(
            key="breadth-partners",
            title="Partenaires actifs",
            value=f"{active} / {len(records.partners)}",
            sentence=sentence,
            alert=bool(idle) and measured,
            links=[Link("Partenaires", reverse("cooperations:partners", args=[context.slug]))],
        )
    ]
    silent = [m for m in records.memberships if m.user_id not in records.active_user_ids]
    names = [m.user.public_name for m in silent]
    figures.append(
        Figure(
            key="breadth-members",
            title="Membres qui n'ont jamais pris part",
            value=str(len(silent)),
            sentence=(
                f"{pluralize_fr(len(silent), 'membre')} de la coopération n'{'ont' if len(silent) > 1 else 'a'} "
                f"jamais assisté à une réunion, rejoint un atelier, été référent d'une action ni porté une suite : "
                f"{', '.join(names)}."
                if silent
                else "Chaque membre de la coopération a pris part au moins une fois."
            ),
            alert=bool(silent),
            links=[Link("Membres", reverse("cooperations:members", args=[context.slug]))],
        )
    )
    return Section(
        key="ampleur",
        title="Ampleur de la participation",
        explanation="Les partenaires présents dans les ateliers (organisateur ou participant), les actions (chef de "
        "file ou participant) et les instances (présent à une réunion) ; les membres, depuis le début, "
        "qui n'ont jamais pris part à rien.",
        figures=figures,
        table={
            "caption": "Participation par partenaire",
            "headers": ["Partenaire", "Ateliers", "Actions", "Instances"],
            "rows": rows,
        },
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
