"""The annual activity report of a cooperation: what happened in one calendar year, read from
that year's records only, with the foreword and conclusion its coordinators wrote.

Partners of the year (joined before its end, not gone before its start), bodies and the meetings
held that year, workshops held, decisions taken and the state of their follow-ups, actions under way
during the year (with their status at the year's end, from their journal) and the cost sharing of
their financing plans by partner, the indicators' values of that year, and the health figures of
that year. A fixed number of queries whatever the size of the cooperation's history.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from entente.cooperations.models import Partnership
from entente.core.formatting import format_integer, format_money, format_short_date
from entente.core.french import plural_form
from entente.governance import decision_states
from entente.governance.body_models import Body
from entente.governance.decision_models import Decision, FollowUp
from entente.governance.meeting_models import Meeting, MeetingStatus
from entente.governance.schedule import paris_today
from entente.portfolio.models import Action, ActionEvent, ActionStatus, EventKind, ExternalFunding, FinancingShare
from entente.workshops.models import Workshop

from . import health, indicator_charts, periods
from .health_figures import local_day
from .indicators import Row, year_blocks
from .report_models import AnnualReport

# A decision's text in the report: its first sentences; the register keeps the whole text.
DECISION_EXCERPT = 240


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    key: str = ""


@dataclass
class Chart:
    """Bars by label drawn by `indicator_charts.bars`, with the table that carries the same numbers."""

    title: str
    table: Table
    rows: list[Row]
    reference: Decimal | None = None
    reference_label: str = ""
    reference_shown: str = ""
    bars: dict | None = None

    def __post_init__(self):
        self.bars = indicator_charts.bars(self)


@dataclass
class Report:
    cooperation: object
    year: int
    texts: AnnualReport
    generated_on: datetime.date
    key_figures: list[tuple[str, str]]
    partners: Table
    bodies: Table
    meetings: Table
    workshops: Table
    decisions: Table
    followups: Chart
    actions: Table
    actions_by_status: Chart
    journal: Table
    money: Chart
    fundings: Table
    indicators: list
    health: object
    notes: dict = field(default_factory=dict)  # a sentence per part when it has nothing to show

    @property
    def title(self) -> str:
        return f"Rapport d'activité {self.year}"


def report_years(cooperation, today: datetime.date) -> list[int]:
    """The years a report can be made for, most recent first: from the cooperation's first year to this one."""
    return list(range(today.year, health.first_year(cooperation, today) - 1, -1))


def texts_of(cooperation, year: int) -> AnnualReport:
    """The saved foreword and conclusion, or empty ones (unsaved) until a coordinator writes them."""
    found = AnnualReport.objects.filter(cooperation=cooperation, year=year).select_related("updated_by").first()
    return found or AnnualReport(cooperation=cooperation, year=year)


def annual_report(cooperation, year: int, *, today: datetime.date | None = None, now=None) -> Report:
    today = today or paris_today()
    now = now or timezone.now()
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    partners = _partners(cooperation, start, end)
    decisions = list(
        Decision.objects.filter(cooperation=cooperation, decided_on__gte=start, decided_on__lt=end)
        .select_related("item__meeting__body")
        .annotate(followup_count=Count("followups"))
        .order_by("decided_on", "number")
    )
    meetings = [
        m
        for m in Meeting.objects.filter(
            body__cooperation=cooperation, starts_at__date__gte=start, starts_at__date__lt=end, starts_at__lte=now
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("starts_at")
    ]
    actions = _actions_of_year(cooperation, start, end)
    states = _followup_states(cooperation, start, end, today)
    report = Report(
        cooperation=cooperation,
        year=year,
        texts=texts_of(cooperation, year),
        generated_on=today,
        key_figures=[],
        partners=_partners_table(partners, year),
        bodies=_bodies_table(cooperation, meetings, year),
        meetings=_meetings_table(meetings, year),
        workshops=_workshops_table(cooperation, start, end, year),
        decisions=_decisions_table(decisions, year),
        followups=_followups_chart(states, year),
        actions=Table(f"Actions menées en {year}", [], []),
        actions_by_status=None,
        journal=Table(f"Changements de statut en {year}", [], []),
        money=None,
        fundings=Table("", [], []),
        indicators=year_blocks(cooperation, year),
        health=health.cooperation_health(cooperation, periods.year_period(year), today=today, now=now),
    )
    _portfolio_parts(report, actions, start, end)
    _money_parts(report, actions, partners)
    counts = [
        (len(partners), "partenaire", "partenaires"),
        (len(meetings), "réunion tenue", "réunions tenues"),
        (len(decisions), "décision prise", "décisions prises"),
        (len(actions), "action menée", "actions menées"),
        (len(report.workshops.rows), "atelier d'idéation tenu", "ateliers d'idéation tenus"),
    ]
    # (label, value): the label agrees with its number (« 1 réunion tenue », « 0 atelier tenu »).
    report.key_figures = [(plural_form(n, one, many), format_integer(n)) for n, one, many in counts]
    return report


# --- partners and bodies ---------------------------------------------------------------------------


def _partners(cooperation, start, end) -> list:
    """Partners that belonged to the cooperation during the year."""
    return list(
        Partnership.objects.filter(cooperation=cooperation)
        .filter(Q(joined_on__isnull=True) | Q(joined_on__lt=end))
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=start))
        .select_related("organization__territory")
        .order_by("organization__name")
    )


def _partners_table(partners, year) -> Table:
    rows = []
    for partner in partners:
        territory = partner.organization.territory
        population = ""
        if territory is not None and territory.population:
            population = format_integer(territory.population)
            population += f" ({territory.population_year})" if territory.population_year else ""
        arrived = f"entré le {format_short_date(partner.joined_on)}" if partner.joined_on else ""
        left = f"sorti le {format_short_date(partner.left_on)}" if partner.left_on else ""
        rows.append(
            [
                str(partner.organization),
                partner.get_role_display(),
                population or "—",
                ", ".join(filter(None, [arrived, left])) or "—",
            ]
        )
    return Table(
        f"Partenaires de la coopération en {year}",
        ["Partenaire", "Rôle", "Population municipale", "Entrée ou sortie"],
        rows,
        "partenaires",
    )


def _bodies_table(cooperation, meetings, year) -> Table:
    held = Counter(m.body_id for m in meetings)
    rows = [
        [body.name, body.get_periodicity_display(), format_integer(held[body.pk])]
        for body in Body.objects.filter(cooperation=cooperation).order_by("name")
        if held[body.pk] or body.created_at.year <= year
    ]
    return Table(
        f"Instances et réunions tenues en {year}", ["Instance", "Périodicité", "Réunions tenues"], rows, "instances"
    )


def _meetings_table(meetings, year) -> Table:
    rows = [
        [format_short_date(local_day(m.starts_at)), m.body.name, m.title or m.theme or "—", m.place or "—"]
        for m in meetings
    ]
    return Table(f"Réunions tenues en {year}", ["Date", "Instance", "Objet", "Lieu"], rows, "reunions")


def _workshops_table(cooperation, start, end, year) -> Table:
    workshops = (
        Workshop.objects.filter(cooperation=cooperation, held_on__gte=start, held_on__lt=end)
        .select_related("host__organization")
        .order_by("held_on", "pk")
    )
    rows = [[format_short_date(w.held_on), w.title, str(w.host.organization) if w.host_id else "—"] for w in workshops]
    return Table(f"Ateliers d'idéation tenus en {year}", ["Date", "Atelier", "Partenaire hôte"], rows, "ateliers")


# --- decisions and their follow-up -----------------------------------------------------------------


def _decisions_table(decisions, year) -> Table:
    rows = []
    for decision in decisions:
        text = decision.text if len(decision.text) <= DECISION_EXCERPT else decision.text[:DECISION_EXCERPT] + "…"
        rows.append(
            [
                decision.reference,
                format_short_date(decision.decided_on),
                decision.item.meeting.body.name,
                text,
                format_integer(decision.followup_count),
            ]
        )
    return Table(
        f"Décisions prises en {year}",
        ["Référence", "Date", "Instance", "Décision", "Suites à donner"],
        rows,
        "decisions",
    )


def _followup_states(cooperation, start, end, today) -> Counter:
    """Follow-ups of the year's decisions by state (as of today), counted in the database."""
    states = Counter()
    rows = (
        FollowUp.objects.filter(cooperation=cooperation, decision__decided_on__gte=start, decision__decided_on__lt=end)
        .order_by()
        .values("status", "due_on")
        .annotate(n=Count("pk"))
        .values_list("status", "due_on", "n")
    )
    for status, due_on, n in rows:
        states[decision_states.followup_state(status, due_on, today)] += n
    return states


def _followups_chart(states: Counter, year) -> Chart:
    labels = decision_states.FOLLOWUP_STATE_LABELS
    rows = [Row(labels[state], Decimal(states[state]), format_integer(states[state])) for state in labels]
    table = Table(
        f"Suites à donner des décisions de {year}, par état",
        ["État", "Nombre"],
        [[row.label, row.shown] for row in rows],
        "suites",
    )
    return Chart(f"Suites à donner des décisions de {year}", table, rows if sum(states.values()) else [])


# --- the portfolio ---------------------------------------------------------------------------------


def _actions_of_year(cooperation, start, end) -> list:
    """Actions under way during the year: dated ones whose dates cross it, undated ones created in it or
    whose journal or milestones have an entry in it."""
    in_year = Q(start_on__isnull=False, start_on__lt=end) & (Q(end_on__isnull=True) | Q(end_on__gte=start))
    undated_events = ActionEvent.objects.filter(
        occurred_at__date__gte=start, occurred_at__date__lt=end, action__cooperation=cooperation
    ).values("action_id")
    undated = Q(start_on__isnull=True) & (
        Q(created_at__date__gte=start, created_at__date__lt=end)
        | Q(pk__in=undated_events)
        | Q(milestones__done_on__gte=start, milestones__done_on__lt=end)
    )
    return list(
        Action.objects.filter(cooperation=cooperation)
        .filter(in_year | undated)
        .exclude(end_on__lt=start)
        .distinct()
        .select_related("workstream__axis", "lead__organization")
        .order_by("workstream__axis__position", "workstream__position", "position", "pk")
    )


def _status_at_year_end(actions, end) -> dict:
    """Each action's status on 31 December, from its journal: the last change made that year or before;
    when the only changes came later, the status the first of them left."""
    before, after = {}, {}
    events = (
        ActionEvent.objects.filter(action__in=[a.pk for a in actions], kind=EventKind.STATUS)
        .order_by("occurred_at", "pk")
        .values_list("action_id", "occurred_at", "from_status", "to_status")
    )
    for action_id, occurred_at, from_status, to_status in events:
        if local_day(occurred_at) < end:
            before[action_id] = to_status
        elif action_id not in after and from_status:
            after[action_id] = from_status
    return {a.pk: before.get(a.pk) or after.get(a.pk) or a.status for a in actions}


def _portfolio_parts(report: Report, actions, start, end) -> None:
    year = report.year
    labels = dict(ActionStatus.choices)
    statuses = _status_at_year_end(actions, end)
    current_year = end.year - 1 == report.generated_on.year
    headers = ["Action", "Axe et chantier", "Chef de file", "Statut au 31 décembre"]
    if current_year:
        headers = [*headers[:3], "Statut", "Avancement"]
    rows = []
    for action in actions:
        where = action.workstream.title
        if action.workstream.axis_id:
            where = f"{action.workstream.axis.title} — {where}"
        row = [
            action.title,
            where,
            str(action.lead.organization) if action.lead_id else "—",
            labels[statuses[action.pk]],
        ]
        if current_year:
            row.append(f"{action.progress} %")
        rows.append(row)
    report.actions = Table(f"Actions menées en {year}", headers, rows, "actions")
    counts = Counter(statuses.values())
    chart_rows = [
        Row(label, Decimal(counts[key]), format_integer(counts[key])) for key, label in labels.items() if counts[key]
    ]
    report.actions_by_status = Chart(
        f"Actions menées en {year}, par statut",
        Table(
            f"Actions menées en {year}, par statut",
            ["Statut", "Actions"],
            [[r.label, r.shown] for r in chart_rows],
            "statuts",
        ),
        chart_rows,
    )
    journal = (
        ActionEvent.objects.filter(
            action__in=[a.pk for a in actions],
            kind=EventKind.STATUS,
            occurred_at__date__gte=start,
            occurred_at__date__lt=end,
        )
        .select_related("action")
        .order_by("occurred_at", "pk")
    )
    report.journal = Table(
        f"Changements de statut des actions en {year}",
        ["Date", "Action", "Avant", "Après"],
        [
            [
                format_short_date(local_day(e.occurred_at)),
                e.action.title,
                labels.get(e.from_status, "—"),
                labels.get(e.to_status, "—"),
            ]
            for e in journal
        ],
        "journal",
    )


def _money_parts(report: Report, actions, partners) -> None:
    """The cost sharing of the financing plans of the year's actions, by partner, and the outside funding."""
    year = report.year
    ids = [a.pk for a in actions]
    by_partner = dict(
        FinancingShare.objects.filter(plan__action_id__in=ids)
        .order_by()
        .values("partnership_id")
        .annotate(total=Sum("amount"))
        .values_list("partnership_id", "total")
    )
    names = {p.pk: str(p.organization) for p in partners}
    missing = [pk for pk in by_partner if pk not in names]
    if missing:  # a partner gone before the year that still holds a share of a running plan
        names.update(
            {
                p.pk: str(p.organization)
                for p in Partnership.objects.filter(pk__in=missing).select_related("organization")
            }
        )
    total = sum(by_partner.values(), Decimal("0"))
    ordered = sorted(by_partner.items(), key=lambda item: (-item[1], names[item[0]]))
    rows = [Row(names[pk], amount, format_money(amount, 0)) for pk, amount in ordered]
    table_rows = [
        [names[pk], format_money(amount), f"{round(100 * amount / total)} %" if total else "—"]
        for pk, amount in ordered
    ]
    if rows:
        table_rows.append(["Total", format_money(total), "100 %"])
    report.money = Chart(
        f"Part de chaque partenaire dans le coût des actions menées en {year}",
        Table(
            f"Répartition des coûts des actions menées en {year}, par partenaire",
            ["Partenaire", "Part (€)", "Part du total"],
            table_rows,
            "repartition",
        ),
        rows,
    )
    fundings = (
        ExternalFunding.objects.filter(plan__action_id__in=ids)
        .order_by()
        .values("source")
        .annotate(total=Sum("amount"))
        .order_by("-total")
    )
    source_labels = dict(ExternalFunding._meta.get_field("source").choices)
    report.fundings = Table(
        f"Financements extérieurs des actions menées en {year}",
        ["Financeur", "Montant"],
        [[source_labels.get(f["source"], f["source"]), format_money(f["total"])] for f in fundings],
        "financements",
    )


def report_url(cooperation, year: int) -> str:
    return reverse("insights:annual_report", args=[cooperation.slug, year])


def by_key(report: Report) -> dict:
    """Every table of the report by its key (API, tests)."""
    tables = [
        report.partners,
        report.bodies,
        report.meetings,
        report.workshops,
        report.decisions,
        report.followups.table,
        report.actions,
        report.actions_by_status.table,
        report.journal,
        report.money.table,
        report.fundings,
    ]
    return {table.key: table for table in tables}
