"""The radar of a maturity campaign: twelve axes, the campaign's polygon and the previous one's.

Geometry only, as the indicator charts (entente/insights/indicator_charts.py): the template draws
it, hidden from screen readers, and the table that follows carries the same numbers.
"""

import math

SIZE = 560
CENTRE = SIZE / 2
RADIUS = 170
RINGS = (25, 50, 75, 100)
CURRENT_COLOUR = "#000091"
PREVIOUS_COLOUR = "#C9191E"


def _point(index: int, count: int, percent: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    distance = RADIUS * percent / 100
    return round(CENTRE + distance * math.cos(angle), 1), round(CENTRE + distance * math.sin(angle), 1)


def _polygon(values: list[float | None], count: int) -> str:
    return " ".join(f"{x},{y}" for x, y in (_point(i, count, v or 0) for i, v in enumerate(values)))


def radar(thresholds) -> dict | None:
    """`thresholds`: ThresholdResult rows; None when no score is shown."""
    if not thresholds or any(t.score is None for t in thresholds):
        return None
    count = len(thresholds)
    axes = []
    for index, threshold in enumerate(thresholds):
        end = _point(index, count, 100)
        label = _point(index, count, 118)
        anchor = "middle" if abs(label[0] - CENTRE) < 20 else ("start" if label[0] > CENTRE else "end")
        axes.append(
            {
                "x": end[0],
                "y": end[1],
                "label_x": label[0],
                "label_y": label[1] + 4,
                "anchor": anchor,
                "label": threshold.short,
            }
        )
    rings = [
        {"points": _polygon([ring] * count, count), "label": ring, "y": round(CENTRE - RADIUS * ring / 100, 1)}
        for ring in RINGS
    ]
    has_previous = all(t.previous is not None for t in thresholds)
    return {
        "size": SIZE,
        "centre": CENTRE,
        "axes": axes,
        "rings": rings,
        "current": _polygon([t.score for t in thresholds], count),
        "dots": [_point(i, count, t.score) for i, t in enumerate(thresholds)],
        "previous": _polygon([t.previous for t in thresholds], count) if has_previous else None,
        "current_colour": CURRENT_COLOUR,
        "previous_colour": PREVIOUS_COLOUR,
    }
