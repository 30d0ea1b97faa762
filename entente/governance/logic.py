"""The rules of governance, without the database: periodicity, rotation, deadlines, quorum,
votes and ratification. Services and selectors feed them plain values; tests call them directly.
"""

import calendar
import datetime
import math
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from entente.core.text import fold

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

INTERVAL_MONTHS = {"annuelle": 12, "semestrielle": 6, "trimestrielle": 3, "mensuelle": 1}


# --- periodicity ---------------------------------------------------------------------------

def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due_date(periodicity: str, *, meeting_dates: Sequence[datetime.date], today: datetime.date,
                  council_dates: Sequence[datetime.date] = (), lead_days: int = 7) -> datetime.date | None:
    """When the body's next meeting is due (it may lie in the past: the meeting is then overdue).

    Interval rules count from the last meeting held or planned; a body that never met is due
    today. "Before each council" looks for the first council from today whose preceding
    period holds no meeting and places the meeting `lead_days` before it.
    """
    if periodicity in INTERVAL_MONTHS:
        if not meeting_dates:
            return today
        return add_months(max(meeting_dates), INTERVAL_MONTHS[periodicity])
    if periodicity == "avant_conseil":
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
    if rotation == "par_reunion":
        return ordinal % slot_count
    if rotation == "par_annee":
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


def meeting_roles(*, rotation: str, rotates_convener: bool, rotates_chair: bool, slot_partners: Sequence,
                  slot_themes: Sequence[str] = (), ordinal: int, year: int, first_year: int, theme: str = "",
                  fixed_convener=None, fixed_chair=None, convener_override=None, chair_override=None) -> Roles:
    """Who convenes and who chairs a meeting: the rotation's partner, the body's officers, or an override."""
    convener, chair = fixed_convener, fixed_chair
    if rotation == "par_theme":
        index = theme_position(slot_themes, theme)
        if index is not None:
            chair = slot_partners[index]
    else:
        index = rotation_position(rotation, slot_count=len(slot_partners), ordinal=ordinal, year=year,
                                  first_year=first_year)
        if index is not None:
            convener = slot_partners[index] if rotates_convener else convener
            chair = slot_partners[index] if rotates_chair else chair
    return Roles(
        convener=convener_override or convener, chair=chair_override or chair,
        convener_overridden=convener_override is not None, chair_overridden=chair_override is not None,
    )


# --- agenda deadline -----------------------------------------------------------------------

def agenda_deadline(starts_at: datetime.datetime, amount: int, unit: str) -> datetime.datetime:
    """Latest moment the agenda may be sent.

    Hours: `amount` hours before the start. Clear days (jours francs): neither the day of
    sending nor the day of the meeting counts, so `amount` whole days must separate them; the
    agenda must leave before midnight (Paris time) opening the first of those days.
    """
    if unit == "jours_francs":
        meeting_day = starts_at.astimezone(PARIS).date()
        first_clear_day = meeting_day - datetime.timedelta(days=amount)
        return datetime.datetime.combine(first_clear_day, datetime.time(0, 0), tzinfo=PARIS)
    # Real elapsed hours: subtract in UTC, since aware arithmetic in one zone is wall-clock arithmetic.
    return (starts_at.astimezone(datetime.UTC) - datetime.timedelta(hours=amount)).astimezone(PARIS)


AGENDA_STATUS_LABELS = {
    "a_temps": "Ordre du jour envoyé dans les délais",
    "en_retard": "Ordre du jour envoyé en retard",
    "a_envoyer": "Ordre du jour à envoyer",
    "hors_delai": "Délai dépassé : ordre du jour non envoyé",
}


def agenda_status(*, deadline: datetime.datetime, sent_at: datetime.datetime | None,
                  now: datetime.datetime) -> str:
    if sent_at is not None:
        return "a_temps" if sent_at < deadline or sent_at == deadline else "en_retard"
    return "a_envoyer" if now <= deadline else "hors_delai"


# --- quorum --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Seat:
    key: object
    partner: object
    role: str
    status: str = "absent"  # attendance status at the meeting


@dataclass(frozen=True)
class Quorum:
    basis: str
    required: int
    counted: int
    total: int

    @property
    def reached(self) -> bool:
        return self.basis == "aucun" or self.counted >= self.required

    @property
    def label(self) -> str:
        if self.basis == "aucun":
            return "Pas de quorum requis"
        unit = "membre" if self.basis == "membres" else "partenaire"
        unit += "s" if self.counted > 1 else ""
        state = "atteint" if self.reached else "non atteint"
        return f"Quorum {state} : {self.counted} {unit} sur {self.total} (au moins {self.required} requis)"


VOTING = ("president", "secretaire", "membre")


def quorum(basis: str, percent: int, seats: Iterable[Seat], *, proxies_count: bool = False) -> Quorum:
    """Quorum of members (titular seats) or of partners (represented by at least one seat).

    A substitute present stands in for an absent titular of the same partner; a represented
    member counts only when the body's rules let proxies count.
    """
    seats = list(seats)
    counts = ("present", "represente") if proxies_count else ("present",)
    titulars = [seat for seat in seats if seat.role in VOTING]
    if basis == "membres":
        total = len(titulars)
        counted = sum(1 for seat in titulars if seat.status in counts)
        counted += _substitutes_standing_in(seats, titulars, counts)
        counted = min(counted, total)
    elif basis == "partenaires":
        partners = {seat.partner for seat in titulars if seat.partner is not None}
        total = len(partners)
        counted = len({
            seat.partner for seat in seats
            if seat.partner in partners and seat.status in counts and seat.role in (*VOTING, "suppleant")
        })
    else:
        return Quorum(basis="aucun", required=0, counted=0, total=0)
    return Quorum(basis=basis, required=math.ceil(total * percent / 100), counted=counted, total=total)


def _substitutes_standing_in(seats, titulars, counts) -> int:
    standing_in = 0
    for partner in {seat.partner for seat in seats if seat.role == "suppleant" and seat.partner is not None}:
        absent = sum(1 for seat in titulars if seat.partner == partner and seat.status not in counts)
        present = sum(1 for seat in seats if seat.role == "suppleant" and seat.partner == partner
                      and seat.status == "present")
        standing_in += min(absent, present)
    return standing_in


# --- votes ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    votes_for: Decimal
    against: Decimal
    abstentions: Decimal
    voters: int

    @property
    def adopted(self) -> bool:
        """Majority of the votes cast (suffrages exprimés): abstentions do not count."""
        return self.votes_for > self.against

    @property
    def label(self) -> str:
        def number(value):
            return f"{value.normalize():f}" if value != value.to_integral() else f"{int(value)}"

        return (f"Pour : {number(self.votes_for)} — contre : {number(self.against)} — "
                f"abstentions : {number(self.abstentions)}")


def tally(votes: Iterable[tuple[str, Decimal | int]]) -> Tally:
    totals = {"pour": Decimal(0), "contre": Decimal(0), "abstention": Decimal(0)}
    count = 0
    for choice, weight in votes:
        totals[choice] += Decimal(weight)
        count += 1
    return Tally(votes_for=totals["pour"], against=totals["contre"], abstentions=totals["abstention"], voters=count)


def partner_weight(weighting: str, *, population: int | None, custom: Decimal | None) -> Decimal:
    if weighting == "population":
        return Decimal(population or 0) or Decimal(1)
    if weighting == "personnalisee":
        return custom if custom is not None else Decimal(1)
    return Decimal(1)


# --- ratification and follow-up ------------------------------------------------------------

RATIFICATION_LABELS = {
    "sans_objet": "Sans ratification",
    "en_vigueur": "En vigueur",
    "en_attente": "En attente de ratification",
    "refusee": "Ratification refusée",
}


def ratification_state(statuses: Sequence[str], *, required: bool = True) -> str:
    """A decision needing ratification is in force only once every partner has ratified it."""
    if not required:
        return "sans_objet"
    if any(status == "refusee" for status in statuses):
        return "refusee"
    if statuses and all(status == "ratifiee" for status in statuses):
        return "en_vigueur"
    return "en_attente"


def ratification_state_from_counts(*, required: bool, total: int, ratified: int, refused: int) -> str:
    if not required:
        return "sans_objet"
    if refused:
        return "refusee"
    return "en_vigueur" if total and ratified == total else "en_attente"


FOLLOWUP_STATE_LABELS = {
    "faite": "Faite",
    "abandonnee": "Abandonnée",
    "en_retard": "En retard",
    "echeance_proche": "Échéance proche",
    "dans_les_temps": "Dans les temps",
}
SOON_DAYS = 14

# The filter of « Mes suites à donner »: a state computed from status and deadline, or a status.
MY_FOLLOWUP_FILTERS = {
    "ouvertes": "Ouvertes (à faire ou en cours)",
    "en_retard": "En retard",
    "echeance_proche": f"Échéance dans les {SOON_DAYS} jours",
    "dans_les_temps": "Dans les temps",
    "a_faire": "À faire",
    "en_cours": "En cours",
    "faite": "Faites",
    "abandonnee": "Abandonnées",
    "toutes": "Toutes",
}


def followup_state(status: str, due_on: datetime.date, today: datetime.date, soon_days: int = SOON_DAYS) -> str:
    if status in ("faite", "abandonnee"):
        return status
    if due_on < today:
        return "en_retard"
    if due_on <= today + datetime.timedelta(days=soon_days):
        return "echeance_proche"
    return "dans_les_temps"


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
