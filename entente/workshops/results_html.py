"""The three per-piste parts of the results page, rendered in Python.

A workshop can have hundreds of pistes: the ranking table, the matrix's data table and the
scatter plot each repeat a dozen values per piste, and the template engine's per-variable cost
(lookups, filters, autoescape) made them most of the page's time (about 60 % of 900 pistes'
page). Here every value is escaped by `format_html` and numbers are written as the template's
`floatformat` and `widthratio` wrote them for a French page (decimal comma, no grouping: every
figure here is below 1,000). The markup stays the template's: same cells, same order.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

DASH = "—"


def decimal(number: float | None, places: int) -> str:
    """`floatformat:places` on a French page, for numbers below 1,000."""
    if number is None:
        return DASH
    return f"{number:.{places}f}".replace(".", ",")


def percent_point(share: float | None) -> str:
    """`widthratio share 1 100`: a 0–1 share as a rounded 0–100 figure."""
    return DASH if share is None else str(round(share * 100))


def _cell(stats) -> str:
    if stats.mean is None:
        return f"{stats.count} · {DASH}"
    return f"{stats.count} · {decimal(stats.mean, 2)} · {decimal(stats.median, 1)} · {decimal(stats.spread, 2)}"


def _sources(result) -> SafeString:
    if not result.sources:
        return mark_safe("")  # noqa: S308 — a constant
    parts = [
        format_html("« {} » ({})", source.title, source.organization.name)
        if source.organization
        else format_html("« {} »", source.title)
        for source in result.sources
    ]
    return format_html('<br><span class="fr-text--xs">réunit : {}</span>', mark_safe(", ".join(parts)))  # noqa: S308


def ranking_rows(results) -> SafeString:
    """The rows of the ranking table (rank, piste, partner, overall score, criteria, quadrant, arbitration)."""
    rows = []
    for result in results.all_ideas:
        idea = result.idea
        organization = idea.organization.name if idea.organization_id else DASH
        cells = "".join(f"<td>{_cell(stats)}</td>" for stats in result.cells)
        rows.append(
            format_html(
                "<tr><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td>{}<td>{}</td><td>{}</td></tr>",
                result.rank or DASH,
                idea.title,
                _sources(result),
                organization,
                decimal(result.overall, 1),
                mark_safe(cells),  # noqa: S308 — digits and separators only
                result.quadrant_label or DASH,
                idea.get_arbitration_status_display() or DASH,
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 — each row built by format_html


def matrix_rows(results) -> SafeString:
    """The rows of the matrix's data table: the same data as the drawing, for everyone."""
    return mark_safe(  # noqa: S308 — each row built by format_html
        "\n".join(
            format_html(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                result.idea.title,
                percent_point(result.value),
                percent_point(result.feasibility),
                result.quadrant_label or DASH,
            )
            for result in results.ranked
        )
    )


def scatter_points(results) -> SafeString:
    """One circle per placed piste in the matrix drawing, its title as a tooltip."""
    return mark_safe(  # noqa: S308 — each point built by format_html
        "".join(
            format_html(
                '<circle cx="{}" cy="{}" r="1.2" fill="#000091"><title>{}</title></circle>',
                result.x,
                result.y,
                result.idea.title,
            )
            for result in results.ranked
            if result.quadrant
        )
    )


def matrix_background(results) -> SafeString:
    """The four quadrants and the two bound lines of the matrix drawing, placed at the workshop's bounds."""
    x, y = results.bounds.x, results.bounds.y
    rects = [
        ("a_engager", x, 0, 100 - x, y),
        ("structurants", 0, 0, x, y),
        ("gains_rapides", x, y, 100 - x, 100 - y),
        ("a_ecarter", 0, y, x, 100 - y),
    ]
    return mark_safe(  # noqa: S308 — each element built by format_html from numbers
        "".join(
            format_html('<rect class="q-{}" x="{}" y="{}" width="{}" height="{}"/>', code, *(round(n, 2) for n in box))
            for code, *box in rects
        )
        + format_html('<line x1="{}" y1="0" x2="{}" y2="100" class="entente-scatter-axis"/>', x, x)
        + format_html('<line x1="0" y1="{}" x2="100" y2="{}" class="entente-scatter-axis"/>', y, y)
    )
