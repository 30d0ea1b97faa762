"""Meetings held against each body's periodicity, and agendas sent within each body's deadline."""

import datetime
from collections import defaultdict

from entente.core.french import pluralize_fr
from entente.governance import schedule
from entente.governance import selectors as governance
from entente.governance.body_models import Periodicity
from entente.governance.meeting_models import MeetingStatus

from . import periods
from .health_figures import (
    MAX_DETAILED,
    Figure,
    HealthContext,
    Link,
    Section,
    capitalized,
    conjugated,
    local_day,
    met_word,
    percent,
    percent_label,
    pronoun_of,
    reflexive_be,
    the_name,
)

# --- meetings against periodicity ----------------------------------------------------------------


def body_start(body, meetings) -> datetime.date:
    """When a body began: its creation, or its first meeting when records were entered afterwards."""
    days = [local_day(body.created_at), *(local_day(m.starts_at) for m in meetings)]
    return min(days)


def meetings_section(context: HealthContext) -> Section:
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
            every = periods.EVERY[schedule.INTERVAL_MONTHS[body.periodicity]]
            # The most recent missed windows each get their sentence; the table lists them all.
            for window in missed[-MAX_DETAILED:]:
                figures.append(
                    Figure(
                        key=f"meetings-{body.pk}-{window.start:%Y%m}",
                        title=body.name,
                        # The window in the value: over several years, a bare "Aucune réunion" reads as never.
                        value=f"Aucune réunion {window.in_words}",
                        sentence=f"{capitalized(the_name(body.name))} ne {reflexive_be(body.name)} pas "
                        f"{met_word(body.name)} {window.in_words} alors qu'{pronoun_of(body.name)} "
                        f"{conjugated(body.name, 'doit', 'doivent')} se réunir {every}.",
                        alert=True,
                        links=[Link(f"Voir {the_name(body.name)}", body_url)],
                    )
                )
        else:
            figures.append(
                Figure(
                    key=f"meetings-{body.pk}",
                    title=body.name,
                    value=pluralize_fr(len(held), "réunion tenue", "réunions tenues"),
                    sentence=_meetings_sentence(body, held, period),
                    links=[context.meeting_link(m) for m in held[-5:]]
                    or [Link(f"Voir {the_name(body.name)}", body_url)],
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


def _meetings_sentence(body, held, period) -> str:
    count = pluralize_fr(len(held), "fois", "fois")
    has_met = f"{reflexive_be(body.name)} {met_word(body.name)}"
    if body.periodicity == Periodicity.NONE:
        how = "(sans périodicité fixe)"
        return f"{capitalized(the_name(body.name))} {has_met} {count} {period.in_words} {how}."
    return (
        f"{capitalized(the_name(body.name))} {has_met} {count} {period.in_words} "
        f"({body.get_periodicity_display().lower()})."
    )


def _missed_windows(body, meetings, context: HealthContext) -> list[periods.Window]:
    months = schedule.INTERVAL_MONTHS.get(body.periodicity)
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


def agendas_section(context: HealthContext) -> Section:
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
        label = schedule.AGENDA_STATUS_LABELS[statuses[meeting.pk]]
        deadline = meeting.body.deadline_label()
        figures.append(
            Figure(
                key=f"agenda-{meeting.pk}",
                title=str(meeting),
                value=label,
                sentence=f"{label} pour {the_name(meeting.body.name)} du {local_day(meeting.starts_at):%d/%m/%Y} "
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
