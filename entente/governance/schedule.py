"""When bodies meet, without the database: periodicity, rotation of convener and chair, the agenda's
deadline and sending status, and French working days. Selectors and services feed them plain values.
"""

import calendar
import datetime
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models

from entente.core.text import fold

from .body_models import DeadlineUnit, Periodicity, Rotation

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

INTERVAL_MONTHS = {
    Periodicity.YEARLY: 12,
    Periodicity.TWICE_YEARLY: 6,
    Periodicity.QUARTERLY: 3,
    Periodicity.MONTHLY: 1,
}


# --- periodicity ---------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due_date(
    periodicity: str,
    *,
    meeting_dates: Sequence[datetime.date],
    today: datetime.date,
    council_dates: Sequence[datetime.date] = (),
    lead_days: int = 7,
) -> datetime.date | None:
    """When the body's next meeting is due (it may lie in the past: the meeting is then overdue).

    Interval rules count from the last meeting held or planned; a body that never met is due
    today. "Before each council" looks for the first council from today whose preceding
    period holds no meeting and places the meeting `lead_days` before it.
    """
    if periodicity in INTERVAL_MONTHS:
        if not meeting_dates:
            return today
        return add_months(max(meeting_dates), INTERVAL_MONTHS[periodicity])
    if periodicity == Periodicity.BEFORE_COUNCIL:
        return _next_before_council(sorted(meeting_dates), sorted(council_dates), today, lead_days)
    return None


def _next_before_council(meetings, councils, today, lead_days):
    previous = None
    for council in councils:
        window_start = previous or council - datetime.timedelta(days=max(lead_days * 4, 28))
        previous = council
        if council < today:
            continue
        if not any(window_start < day <= council for day in meetings):
            return council - datetime.timedelta(days=lead_days)
    return None


# --- rotation ------------------------------------------------------------------------------


def rotation_position(rotation: str, *, slot_count: int, ordinal: int, year: int, first_year: int) -> int | None:
    """Index in the rotation order for the meeting: by meeting rank or by calendar year."""
    if slot_count == 0:
        return None
    if rotation == Rotation.EACH_MEETING:
        return ordinal % slot_count
    if rotation == Rotation.EACH_YEAR:
        return (year - first_year) % slot_count
    return None


def theme_position(themes: Sequence[str], theme: str) -> int | None:
    wanted = fold(theme)
    if not wanted:
        return None
    for index, candidate in enumerate(themes):
        if fold(candidate) == wanted:
            return index
    return None


@dataclass(frozen=True)
class Roles:
    convener: object
    chair: object
    convener_overridden: bool = False
    chair_overridden: bool = False


def meeting_roles(
    *,
    rotation: str,
    rotates_convener: bool,
    rotates_chair: bool,
    slot_partners: Sequence,
    slot_themes: Sequence[str] = (),
    ordinal: int,
    year: int,
    first_year: int,
    theme: str = "",
    fixed_convener=None,
    fixed_chair=None,
    convener_override=None,
    chair_override=None,
) -> Roles:
    """Who convenes and who chairs a meeting: the rotation's partner, the body's officers, or an override."""
    convener, chair = fixed_convener, fixed_chair
    if rotation == Rotation.PER_THEME:
        index = theme_position(slot_themes, theme)
        if index is not None:
            chair = slot_partners[index]
    else:
        index = rotation_position(
            rotation, slot_count=len(slot_partners), ordinal=ordinal, year=year, first_year=first_year
        )
        if index is not None:
            convener = slot_partners[index] if rotates_convener else convener
            chair = slot_partners[index] if rotates_chair else chair
    return Roles(
        convener=convener_override or convener,
        chair=chair_override or chair,
        convener_overridden=convener_override is not None,
        chair_overridden=chair_override is not None,
    )


# --- agenda deadline -----------------------------------------------------------------------


def agenda_deadline(starts_at: datetime.datetime, amount: int, unit: str) -> datetime.datetime:
    """Latest moment the agenda may be sent.

    Hours: `amount` hours before the start. Clear days (jours francs): neither the day of
    sending nor the day of the meeting counts, so `amount` whole days must separate them; the
    agenda must leave before midnight (Paris time) opening the first of those days.
    """
    if unit == DeadlineUnit.CLEAR_DAYS:
        meeting_day = starts_at.astimezone(PARIS).date()
        first_clear_day = meeting_day - datetime.timedelta(days=amount)
        return datetime.datetime.combine(first_clear_day, datetime.time(0, 0), tzinfo=PARIS)
    # Real elapsed hours: subtract in UTC, since aware arithmetic in one zone is wall-clock arithmetic.
    return (starts_at.astimezone(datetime.UTC) - datetime.timedelta(hours=amount)).astimezone(PARIS)


class AgendaStatus(models.TextChoices):
    ON_TIME = "a_temps", "Ordre du jour envoyé dans les délais"
    LATE = "en_retard", "Ordre du jour envoyé en retard"
    TO_SEND = "a_envoyer", "Ordre du jour à envoyer"
    OVERDUE = "hors_delai", "Délai dépassé : ordre du jour non envoyé"


AGENDA_STATUS_LABELS = dict(AgendaStatus.choices)


def agenda_status(*, deadline: datetime.datetime, sent_at: datetime.datetime | None, now: datetime.datetime) -> str:
    if sent_at is not None:
        return AgendaStatus.ON_TIME if sent_at <= deadline else AgendaStatus.LATE
    return AgendaStatus.TO_SEND if now <= deadline else AgendaStatus.OVERDUE


def paris_today() -> datetime.date:
    from django.utils import timezone

    return timezone.now().astimezone(PARIS).date()


def easter_sunday(year: int) -> datetime.date:
    """Gregorian Easter (anonymous algorithm, Meeus/Jones/Butcher): Easter Monday, Ascension and
    Whit Monday, French public holidays, follow from it."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday_shift) // 433
    month = (h + weekday_shift - 7 * m + 90) // 25
    day = (h + weekday_shift - 7 * m + 33 * month + 19) % 32
    return datetime.date(year, month, day)


def french_public_holidays(year: int) -> set[datetime.date]:
    """The eleven public holidays of mainland France (Code du travail, art. L3133-1)."""
    easter = easter_sunday(year)
    fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]
    moving = [easter + datetime.timedelta(days=offset) for offset in (1, 39, 50)]
    return {datetime.date(year, month, day) for month, day in fixed} | set(moving)


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in french_public_holidays(day.year)


def working_day_on_or_after(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def working_day_on_or_before(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day
