"""The balance of a cooperation's meetings between the six formats of seed 004, and between the four
functions of a collective, per semester or per year: does the CoDir only inform top-down?"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from entente.governance.body_models import CodirFunction
from entente.governance.meeting_models import AgendaItem, Meeting, MeetingFormat, MeetingStatus

# DSFR illustrative colours, one per format, in the order of MeetingFormat.
FORMAT_COLOURS = ["#000091", "#417DC4", "#009081", "#B34000", "#6E445A", "#C9191E"]
LABEL_SIZE = 14  # px, the label above each bar
BAR_HEIGHT = 24
ROW_HEIGHT = LABEL_SIZE + 6 + BAR_HEIGHT + 14
# A format that takes this share of a year's meetings or more is pointed out.
DOMINANT_SHARE = 0.75


@dataclass
class Period:
    key: tuple
    label: str
    counts: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _period_of(moment, by: str) -> tuple[tuple, str]:
    local = timezone.localtime(moment)
    if by == "annee":
        return (local.year,), str(local.year)
    half = 1 if local.month <= 6 else 2
    return (local.year, half), f"{'1er' if half == 1 else '2e'} sem. {local.year}"


def meeting_periods(cooperation, by: str = "semestre") -> list[Period]:
    rows = (
        Meeting.objects.filter(body__cooperation=cooperation)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("starts_at", "format")
    )
    periods: dict = {}
    for starts_at, meeting_format in rows:
        key, label = _period_of(starts_at, by)
        periods.setdefault(key, Period(key, label)).counts[meeting_format] += 1
    return [periods[key] for key in sorted(periods)]


def function_periods(cooperation, by: str = "semestre") -> list[Period]:
    """Per period, how many meetings served each function, by their own tags or one of their points'."""
    meetings = (
        Meeting.objects.filter(body__cooperation=cooperation)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("pk", "starts_at", "functions")
    )
    from_items: dict = {}
    items = AgendaItem.objects.filter(meeting__body__cooperation=cooperation).exclude(functions=[])
    for meeting_id, functions in items.values_list("meeting_id", "functions"):
        from_items.setdefault(meeting_id, set()).update(functions or [])
    periods: dict = {}
    for pk, starts_at, functions in meetings:
        key, label = _period_of(starts_at, by)
        period = periods.setdefault(key, Period(key, label))
        for function in set(functions or []) | from_items.get(pk, set()):
            if function in CodirFunction.values:
                period.counts[function] += 1
    return [periods[key] for key in sorted(periods) if periods[key].total]


def stacked_bars(periods: list[Period], categories) -> dict | None:
    """One bar per period under its label, its segments the share of each category in percent of the
    width: drawn in CSS pixels, so the labels keep their size on a phone instead of shrinking with a
    viewBox."""
    if not periods:
        return None
    bars = []
    for index, period in enumerate(periods):
        label_y = LABEL_SIZE + index * ROW_HEIGHT
        x = 0.0
        segments = []
        for colour, (value, label) in zip(FORMAT_COLOURS, categories, strict=False):
            count = period.counts.get(value, 0)
            if not count:
                continue
            width = round(100 * count / period.total, 2)
            segments.append({"x": round(x, 2), "width": width, "colour": colour, "label": label, "count": count})
            x += width
        bars.append(
            {"label": period.label, "label_y": label_y, "y": label_y + 6, "segments": segments, "total": period.total}
        )
    return {
        "height": len(periods) * ROW_HEIGHT,
        "bars": bars,
        "bar_height": BAR_HEIGHT,
        "label_size": LABEL_SIZE,
    }


def legend(categories) -> list[dict]:
    return [
        {"label": label, "colour": colour} for colour, (_value, label) in zip(FORMAT_COLOURS, categories, strict=False)
    ]


def dominant_format_warning(cooperation, today=None) -> str:
    """A sentence when one format made most of the last twelve months' meetings."""
    now = timezone.now()
    since = now - timezone.timedelta(days=365)
    formats = Counter(
        Meeting.objects.filter(body__cooperation=cooperation, starts_at__gte=since, starts_at__lte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("format", flat=True)
    )
    total = sum(formats.values())
    if total < 4:
        return ""
    value, count = formats.most_common(1)[0]
    if count / total < DOMINANT_SHARE:
        return ""
    label = MeetingFormat(value).label.lower()
    return (
        f"Sur les douze derniers mois, {count} réunions sur {total} ont pris le format « {label} ». "
        "Le séminaire des CoDir de territoire invite à varier les formats : réunion de travail, exploration "
        "stratégique, co-développement, temps miroir."
    )
