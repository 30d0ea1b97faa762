"""Server-rendered SVG charts of the indicators: geometry only, the template draws it.

Two shapes and no more: horizontal bars by partner, each label written above its bar, with the
reference drawn as a line, and lines over the years. Each chart is hidden from screen readers and
followed by its table, which carries the same numbers.

The charts are not scaled as pictures: heights and font sizes are CSS pixels and horizontal positions
percentages of the width, so the labels keep their size on a 375 px phone as on a laptop (a scaled
640-unit drawing wrote them at 7 px on a phone). The lines, drawn in a stretched inner drawing, keep
their stroke width with `vector-effect: non-scaling-stroke`.
"""

from dataclasses import dataclass
from decimal import Decimal

from entente.core.formatting import format_measure

# DSFR illustrative colours, distinguishable side by side.
COLOURS = ["#000091", "#C9191E", "#009081", "#B34000", "#6E445A", "#417DC4", "#68A532", "#A558A0"]
FONT_SIZE = 14  # CSS pixels, whatever the screen's width
TICK_FONT_SIZE = 13
LABEL_HEIGHT = 20  # the partner's name, above its bar
BAR_HEIGHT = 18
BAR_GAP = 14
PLOT_SHARE = 66  # % of the width the bars may take: the rest holds the value written after the bar
LINES_HEIGHT, LINES_TOP, LINES_BOTTOM = 240, 28, 200
LINES_LEFT, LINES_RIGHT = 6, 96  # % of the width: room for the first and last years' labels
INNER_WIDTH = 1000  # units of the stretched inner drawing of the lines, 10 per % of the width


@dataclass
class Bar:
    label: str
    shown: str
    x: float  # % of the width
    y: int  # px, top of the bar
    label_y: int  # px, baseline of the label
    width: float  # % of the width
    text_x: float  # % of the width
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

    def x_of(value: Decimal) -> float:
        return round(float((value - low) / span) * PLOT_SHARE, 2)

    zero = x_of(Decimal(0))
    items = []
    step = LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP
    for index, row in enumerate(block.rows):
        label_y = 4 + index * step + LABEL_HEIGHT - 6
        y = 4 + index * step + LABEL_HEIGHT
        if row.value is None:
            items.append(Bar(row.label, row.shown, zero, y, label_y, 0, zero + 1, False))
            continue
        end = x_of(row.value)
        left, width = min(zero, end), abs(end - zero)
        items.append(Bar(row.label, row.shown, left, y, label_y, round(width, 2), max(zero, end) + 1, row.illustrative))
    bottom = 4 + len(block.rows) * step
    reference = None
    if block.reference is not None:
        reference = {"x": x_of(block.reference), "label": f"{block.reference_label} : {block.reference_shown}"}
    return {
        "height": bottom + (26 if reference else 4),
        "bars": items,
        "zero": zero,
        "reference": reference,
        "top": 4 + LABEL_HEIGHT,
        "bottom": bottom,
        "bar_height": BAR_HEIGHT,
        "font_size": FONT_SIZE,
    }


def lines(block) -> dict | None:
    if len(block.years) < 2:
        return None
    values = [v for _, series in block.series for v in series if v is not None]
    if block.reference is not None:
        values.append(block.reference)
    # Over time, what matters is how values move: the scale runs from the lowest to the highest value, not from
    # zero (a population of 600 000 moving by 2 % was a flat line at the top of the chart).
    low, span = min(values), (max(values) - min(values)) or Decimal(1)
    step = (LINES_RIGHT - LINES_LEFT) / (len(block.years) - 1)

    def y_of(value: Decimal) -> float:
        return round(LINES_BOTTOM - float((value - low) / span) * (LINES_BOTTOM - LINES_TOP), 1)

    series = []
    for index, (label, points) in enumerate(block.series):
        coords = [(round(LINES_LEFT + i * step, 2), y_of(v)) for i, v in enumerate(points) if v is not None]
        if coords:
            series.append(
                {
                    "label": label,
                    "colour": COLOURS[index % len(COLOURS)],
                    "points": " ".join(f"{round(x * INNER_WIDTH / 100, 1)},{y}" for x, y in coords),
                    "dots": coords,
                }
            )
    ticks = [{"x": round(LINES_LEFT + i * step, 2), "year": year} for i, year in enumerate(block.years)]
    reference = None
    if block.reference is not None:
        reference = {"y": y_of(block.reference), "label": f"{block.reference_label} : {block.reference_shown}"}

    unit = block.indicator.unit if getattr(block, "indicator", None) else ""
    return {
        "height": LINES_HEIGHT,
        "inner_width": INNER_WIDTH,
        # Without a zero baseline the reader needs the scale: the lowest and highest values, written on their lines.
        "scale": [
            {"y": LINES_TOP, "label": format_measure(max(values), unit)},
            {"y": LINES_BOTTOM, "label": format_measure(low, unit)},
        ],
        "series": series,
        "ticks": ticks,
        "left": LINES_LEFT,
        "right": LINES_RIGHT,
        "bottom": LINES_BOTTOM,
        "reference": reference,
        "font_size": TICK_FONT_SIZE,
    }
