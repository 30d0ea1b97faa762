"""The periods a health page reads: the whole life of the cooperation, a calendar year, a semester."""

import datetime
import re
from dataclasses import dataclass

_KEY = re.compile(r"^(?P<year>\d{4})(-S(?P<half>[12]))?$")


@dataclass(frozen=True)
class Period:
    key: str  # "" for the whole life, "2026", "2026-S1"
    label: str
    start: datetime.date | None  # None: since the beginning
    end: datetime.date  # exclusive

    @property
    def year(self) -> int | None:
        return self.start.year if self.start else None

    def contains(self, day: datetime.date) -> bool:
        return (self.start is None or day >= self.start) and day < self.end

    @property
    def in_words(self) -> str:
        """ "en 2026", "au 1er semestre 2026", "depuis le début de la coopération"."""
        if not self.key:
            return "depuis le début de la coopération"
        return "en " + self.key if "-" not in self.key else "au " + self.label.lower()


def whole_life(today: datetime.date) -> Period:
    return Period(key="", label="Depuis le début", start=None, end=today + datetime.timedelta(days=1))


def year_period(year: int) -> Period:
    return Period(
        key=str(year), label=f"Année {year}", start=datetime.date(year, 1, 1), end=datetime.date(year + 1, 1, 1)
    )


def semester_period(year: int, half: int) -> Period:
    start = datetime.date(year, 1 if half == 1 else 7, 1)
    end = datetime.date(year, 7, 1) if half == 1 else datetime.date(year + 1, 1, 1)
    ordinal = "1er" if half == 1 else "2e"
    return Period(key=f"{year}-S{half}", label=f"{ordinal} semestre {year}", start=start, end=end)


def parse_period(key: str, today: datetime.date, first_year: int) -> Period:
    """The period named in the address; anything unknown or outside the cooperation's life is its whole life."""
    match = _KEY.match(key or "")
    if not match:
        return whole_life(today)
    year = int(match["year"])
    if not first_year <= year <= today.year:
        return whole_life(today)
    return semester_period(year, int(match["half"])) if match["half"] else year_period(year)


def period_choices(first_year: int, today: datetime.date) -> list[Period]:
    choices = [whole_life(today)]
    for year in range(today.year, first_year - 1, -1):
        choices.append(year_period(year))
        halves = (2, 1) if year < today.year or today.month >= 7 else (1,)
        choices.extend(semester_period(year, half) for half in halves)
    return choices


# --- a body's own windows: the calendar slices its periodicity asks one meeting for ---------------

_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
EVERY = {12: "chaque année", 6: "chaque semestre", 3: "chaque trimestre", 1: "chaque mois"}


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date  # exclusive
    in_words: str


def _window_words(start: datetime.date, months: int) -> str:
    if months == 12:
        return f"en {start.year}"
    if months == 6:
        return f"au {'1er' if start.month == 1 else '2e'} semestre {start.year}"
    if months == 3:
        rank = (start.month - 1) // 3 + 1
        return f"au {'1er' if rank == 1 else f'{rank}e'} trimestre {start.year}"
    return f"en {_MONTHS[start.month - 1]} {start.year}"


def windows(months: int, start: datetime.date, end: datetime.date, today: datetime.date) -> list[Window]:
    """Calendar-aligned windows of `months` months starting in [start, end) and begun by today.

    A window must lie inside the period, except the current one when the period reaches today:
    a yearly body that has not met by December shows in the current year.
    """
    result = []
    first_month = (start.month - 1) // months * months + 1
    cursor = datetime.date(start.year, first_month, 1)
    if cursor < start:
        cursor = _add(cursor, months)
    while cursor < end and cursor <= today:
        following = _add(cursor, months)
        if following <= end or (end > today and today < following):
            result.append(Window(cursor, following, _window_words(cursor, months)))
        cursor = following
    return result


def _add(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    return datetime.date(day.year + index // 12, index % 12 + 1, 1)
