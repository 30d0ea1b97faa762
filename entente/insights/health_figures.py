"""The shapes of a health page (figures, sections, links) and what every section reads: the
records, the period, the roles of each meeting, and the French words for a body's name."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from entente.governance import selectors as governance
from entente.governance.meeting_models import MeetingStatus

from . import periods
from .health_records import Records

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


class HealthContext:
    """What every section reads: the records, the period and the URLs of the cooperation's pages."""

    def __init__(self, records: Records, period: periods.Period, thresholds, contributed=()):
        self.records, self.period, self.thresholds = records, period, thresholds
        # (HealthContribution, Contributed) pairs from the apps above insights (`health_hooks`).
        self.contributed = list(contributed)
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


FEMININE_HEADS = ("conférence", "commission", "assemblée", "instance", "réunion", "cellule", "équipe", "cohorte")


# Singular heads that end like a plural ("le Congrès des maires").
SINGULAR_HEADS_IN_S = ("congrès", "corps", "concours")


def _head(name: str) -> str:
    return name.split(" ")[0].lower().removeprefix("l'").removeprefix("les ")


def _is_feminine(name: str) -> bool:
    return _head(name).rstrip("sx") in FEMININE_HEADS or _head(name) in FEMININE_HEADS


def _is_plural(name: str) -> bool:
    """ "Ateliers thématiques", "Bureaux des maires": a body named in the plural takes a plural verb."""
    head = name.split(" ")[0].lower()
    if head == "les":
        return True
    return head.endswith(("s", "x")) and head not in SINGULAR_HEADS_IN_S and len(head) > 3 and head.isalpha()


def conjugated(name: str, singular: str, plural: str) -> str:
    """The verb (or possessive) agreeing with a body's name: "doit" / "doivent", "ses" / "leurs"."""
    return plural if _is_plural(name) else singular


def reflexive_be(name: str) -> str:
    return conjugated(name, "s'est", "se sont")


def has_not(name: str) -> str:
    return conjugated(name, "n'a", "n'ont")


def met_word(name: str) -> str:
    word = "réunie" if _is_feminine(name) else "réuni"
    return word + "s" if _is_plural(name) else word


def pronoun_of(name: str) -> str:
    pronoun = "elle" if _is_feminine(name) else "il"
    return pronoun + "s" if _is_plural(name) else pronoun


def the_name(name: str) -> str:
    """ "le comité de suivi" from "Comité de suivi"; a name with its own article stays as it is."""
    # "CoDir", "CODIRI": a capital inside the first word is part of the name, not a sentence's capital.
    inner_capital = any(letter.isupper() for letter in name.split(" ")[0][1:])
    lowered = name if inner_capital else name[:1].lower() + name[1:]
    first = lowered.split(" ")[0]
    if first in ("le", "la", "les", "l'") or lowered.startswith("l'"):
        return lowered
    if _is_plural(name):
        return "les " + lowered
    feminine = first in FEMININE_HEADS
    if first[:1] in "aeiouyéèêh":
        return "l'" + lowered
    return ("la " if feminine else "le ") + lowered


def of_the_name(name: str) -> str:
    """ "du comité de suivi", "de la conférence", "de l'atelier"."""
    the = the_name(name)
    if the.startswith("le "):
        return "du " + the[3:]
    if the.startswith("les "):
        return "des " + the[4:]
    return "de " + the
