"""The national view of the public directory: how many public cooperations, of which kind, where,
for what purpose and in which form, and how active they are. Public cooperations only.

One tidy table (`statistiques`) holds every count, one row per (dimension, category), described
by a Table Schema in `schemas/statistiques/schema.json` like the directory's own files. The page,
its charts and both files read the same rows. Six queries, whatever the number of cooperations.
"""

import datetime
import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Count, Q
from django.utils import timezone

from entente.cooperations.models import Cooperation, CooperationKind, Partnership, Visibility
from entente.cooperations.open_data import file_size_label  # noqa: F401 - one home for the DSFR size label
from entente.core.exports import csv_bytes
from entente.governance.decision_models import FollowUp, FollowUpStatus
from entente.governance.meeting_models import Meeting, MeetingStatus
from entente.territories.models import TerritoryKind

SCHEMA_DIR = Path(__file__).parent / "schemas"
TABLE = "statistiques"
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}
ACTIVITY_DAYS = 365
DIMENSIONS = {
    "type": "Type de coopération",
    "region": "Région",
    "departement": "Département",
    "finalite": "Finalité",
    "forme": "Forme de coopération",
}


@functools.cache
def table_schema() -> dict:
    return json.loads((SCHEMA_DIR / TABLE / "schema.json").read_text(encoding="utf-8"))


def field_names() -> list[str]:
    return [field["name"] for field in table_schema()["fields"]]


@dataclass
class Activity:
    """One cooperation's recent activity."""

    meetings: int = 0
    followups_due: int = 0
    followups_done: int = 0


@dataclass
class Row:
    dimension: str
    code: str
    label: str
    cooperations: int = 0
    active: int = 0
    meetings: int = 0
    followups_due: int = 0
    followups_done: int = 0

    @property
    def done_percent(self) -> int | None:
        return round(100 * self.followups_done / self.followups_due) if self.followups_due else None

    def add(self, activity: Activity) -> None:
        self.cooperations += 1
        self.active += 1 if activity.meetings else 0
        self.meetings += activity.meetings
        self.followups_due += activity.followups_due
        self.followups_done += activity.followups_done

    def as_dict(self) -> dict:
        return {
            "dimension": self.dimension,
            "code": self.code,
            "libelle": self.label,
            "cooperations": self.cooperations,
            "cooperations_actives": self.active,
            "reunions_tenues": self.meetings,
            "suites_echues": self.followups_due,
            "suites_realisees": self.followups_done,
            "part_suites_realisees": self.done_percent,
        }


@dataclass
class NationalView:
    total: Row
    rows: list[Row]
    since: datetime.date

    def by_dimension(self, dimension: str) -> list[Row]:
        return [row for row in self.rows if row.dimension == dimension]

    @property
    def dimensions(self) -> list[tuple[str, str, list[Row]]]:
        return [(key, label, self.by_dimension(key)) for key, label in DIMENSIONS.items()]


def _activities(now) -> dict[int, Activity]:
    since = now - datetime.timedelta(days=ACTIVITY_DAYS)
    activities = defaultdict(Activity)
    meetings = (
        Meeting.objects.filter(
            body__cooperation__visibility=Visibility.PUBLIC, starts_at__gte=since, starts_at__lte=now
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .values("body__cooperation_id")
        .annotate(n=Count("pk"))
    )
    for row in meetings:
        activities[row["body__cooperation_id"]].meetings = row["n"]
    today = timezone.localdate(now)
    followups = (
        FollowUp.objects.filter(cooperation__visibility=Visibility.PUBLIC, due_on__lt=today)
        .exclude(status=FollowUpStatus.DROPPED)
        .values("cooperation_id")
        .annotate(due=Count("pk"), done=Count("pk", filter=Q(status=FollowUpStatus.DONE)))
    )
    for row in followups:
        activity = activities[row["cooperation_id"]]
        activity.followups_due, activity.followups_done = row["due"], row["done"]
    return activities


def _places() -> dict[int, dict[str, dict[str, str]]]:
    """For each cooperation, its départements and régions (code → name), from its active partners."""
    places = defaultdict(lambda: {"departement": {}, "region": {}})
    rows = (
        Partnership.objects.active()
        .filter(cooperation__visibility=Visibility.PUBLIC)
        .values_list(
            "cooperation_id",
            "organization__territory__kind",
            "organization__territory__code",
            "organization__territory__name",
            "organization__territory__departement__code",
            "organization__territory__departement__name",
            "organization__territory__region__code",
            "organization__territory__region__name",
        )
    )
    for cooperation_id, kind, code, name, dep_code, dep_name, reg_code, reg_name in rows:
        found = places[cooperation_id]
        if kind == TerritoryKind.DEPARTEMENT:
            found["departement"][code] = name
        elif dep_code:
            found["departement"][dep_code] = dep_name
        if kind == TerritoryKind.REGION:
            found["region"][code] = name
        elif reg_code:
            found["region"][reg_code] = reg_name
    return places


def _labels(through, target: str) -> dict[int, dict[str, str]]:
    """Preset purposes or forms of each cooperation (a cooperation's own additions are not national categories)."""
    found = defaultdict(dict)
    rows = through.objects.filter(cooperation__visibility=Visibility.PUBLIC, **{f"{target}__cooperation__isnull": True})
    for cooperation_id, code, label in rows.values_list("cooperation_id", f"{target}__code", f"{target}__label"):
        found[cooperation_id][code or label] = label
    return found


def national_view(now=None) -> NationalView:
    now = now or timezone.now()
    kinds = dict(Cooperation.objects.filter(visibility=Visibility.PUBLIC).order_by().values_list("pk", "kind"))
    # Every query joins on the visibility rather than listing a thousand ids: one plan, no huge parameter list.
    activities = _activities(now)
    places = _places()
    purposes = _labels(Cooperation.purposes.through, "purpose")
    forms = _labels(Cooperation.forms.through, "cooperationform")
    kind_labels = dict(CooperationKind.choices)
    total = Row("ensemble", "", "Toutes les coopérations publiques")
    rows: dict[tuple[str, str], Row] = {}

    def count(dimension, code, label, activity):
        rows.setdefault((dimension, code), Row(dimension, code, label)).add(activity)

    for pk, kind in kinds.items():
        activity = activities.get(pk, Activity())
        total.add(activity)
        count("type", kind, kind_labels.get(kind, kind), activity)
        for dimension in ("region", "departement"):
            for code, name in places[pk][dimension].items():
                count(dimension, code, name, activity)
        for code, label in purposes[pk].items():
            count("finalite", code, label, activity)
        for code, label in forms[pk].items():
            count("forme", code, label, activity)
    ordered = sorted(
        rows.values(), key=lambda row: (list(DIMENSIONS).index(row.dimension), -row.cooperations, row.label)
    )
    since = timezone.localdate(now) - datetime.timedelta(days=ACTIVITY_DAYS)
    return NationalView(total=total, rows=ordered, since=since)


def table_rows(view: NationalView) -> list[dict]:
    return [view.total.as_dict(), *(row.as_dict() for row in view.rows)]


def render(fmt: str, rows: list[dict]) -> bytes:
    names = field_names()
    if fmt == "csv":
        return csv_bytes(names, ([("" if row[name] is None else row[name]) for name in names] for row in rows))
    return json.dumps([{name: row[name] for name in names} for row in rows], ensure_ascii=False, indent=1).encode()


def bars(rows: list[Row], limit: int = 15) -> dict:
    """Horizontal bars for a server-rendered SVG: the largest categories, widths in percent of the largest."""
    shown = rows[:limit]
    largest = max((row.cooperations for row in shown), default=0) or 1
    return {
        "height": len(shown) * ROW_HEIGHT,
        "count": len(shown),
        "bars": [
            {
                "label": row.label,
                "value": row.cooperations,
                "width": round(BAR_MAX * row.cooperations / largest),
                "y": index * ROW_HEIGHT,
            }
            for index, row in enumerate(shown)
        ],
    }


BAR_MAX = 340  # of a 400-wide view box: room left for the value after the longest bar
ROW_HEIGHT = 44
