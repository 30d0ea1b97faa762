"""Server-rendered SVG charts of the indicators: geometry only, the template draws it.

Two shapes and no more: horizontal bars by partner (long names stay readable on a phone) with the
reference drawn as a line, and lines over the years. Each chart is hidden from screen readers and
followed by its table, which carries the same numbers.
"""

from dataclasses import dataclass
from decimal import Decimal

# DSFR illustrative colours, distinguishable side by side.
COLOURS = ["#000091", "#C9191E", "#009081", "#B34000", "#6E445A", "#417DC4", "#68A532", "#A558A0"]
WIDTH = 640
LABEL_WIDTH = 190
BAR_HEIGHT = 22
BAR_GAP = 12


@dataclass
class Bar:
    label: str
    shown: str
    x: float
    y: float
    width: float
    text_x: float
    illustrative: bool


def _scale(values: list[Decimal]) -> tuple[Decimal, Decimal]:
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    return low, (high - low) or Decimal(1)


def bars(block) -> dict | None:
    values = [row.value for row in block.rows if row.value is not None]
    if not values:
        return None
    extra = [block.reference] if block.reference is not None else []
    low, span = _scale(values + extra)
    plot = WIDTH - LABEL_WIDTH - 150  # room on the right for the value written after the bar

    def x_of(value: Decimal) -> float:
        return round(LABEL_WIDTH + float((value - low) / span) * plot, 1)

    zero = x_of(Decimal(0))
    items = []
    for index, row in enumerate(block.rows):
        y = 10 + index * (BAR_HEIGHT + BAR_GAP)
        if row.value is None:
            items.append(Bar(row.label, row.shown, zero, y, 0, zero + 6, False))
            continue
        end = x_of(row.value)
        left, width = min(zero, end), abs(end - zero)
        items.append(Bar(row.label, row.shown, left, y, round(width, 1), max(zero, end) + 6, row.illustrative))
    height = 10 + len(block.rows) * (BAR_HEIGHT + BAR_GAP) + 24
    reference = None
    if block.reference is not None:
        reference = {"x": x_of(block.reference), "label": f"{block.reference_label} : {block.reference_shown}"}
    return {
        "width": WIDTH,
        "height": height,
        "bars": items,
        "zero": zero,
        "reference": reference,
        "bottom": height - 20,
        "bar_height": BAR_HEIGHT,
    }


def lines(block) -> dict | None:
    if len(block.years) < 2:
        return None
    values = [v for _, series in block.series for v in series if v is not None]
    if block.reference is not None:
        values.append(block.reference)
    low, span = _scale(values)
    height, left, right, top, bottom = 240, 60, WIDTH - 20, 16, 200
    step = (right - left) / (len(block.years) - 1)

    def y_of(value: Decimal) -> float:
        return round(bottom - float((value - low) / span) * (bottom - top), 1)

    series = []
    for index, (label, points) in enumerate(block.series):
        coords = [(round(left + i * step, 1), y_of(v)) for i, v in enumerate(points) if v is not None]
        if coords:
            series.append(
                {
                    "label": label,
                    "colour": COLOURS[index % len(COLOURS)],
                    "points": " ".join(f"{x},{y}" for x, y in coords),
                    "dots": coords,
                }
            )
    ticks = [{"x": round(left + i * step, 1), "year": year} for i, year in enumerate(block.years)]
    reference = None
    if block.reference is not None:
        reference = {"y": y_of(block.reference), "label": f"{block.reference_label} : {block.reference_shown}"}
    return {
        "width": WIDTH,
        "height": height,
        "series": series,
        "ticks": ticks,
        "left": left,
        "right": right,
        "bottom": bottom,
        "reference": reference,
    }
