"""The links of a cooperation's actions as a matrix and as an SVG graph (circular layout, one
colour per chantier), always with a table alternative in the page."""

import math
from html import escape

from .models import LinkKind

PALETTE = ["#000091", "#c9191e", "#18753c", "#b34000", "#695240", "#6a6af4", "#009081", "#a558a0",
           "#0078f3", "#716043", "#ce614a", "#417dc4"]
DASHES = {LinkKind.DEPENDS_ON: "", LinkKind.FEEDS: "6 3", LinkKind.RELATES_TO: "2 3"}


def matrix(actions, links) -> dict:
    """Rows and columns are the linked actions; a cell holds the kinds of link row → column."""
    cells = {}
    for link in links:
        cells.setdefault((link.source_id, link.target_id), []).append(link.get_kind_display())
    return {
        "actions": actions,
        "rows": [(a, [", ".join(cells.get((a.pk, b.pk), [])) for b in actions]) for a in actions],
    }


def svg(actions, links, size: int = 640) -> str:
    if not actions:
        return ""
    colours, legend = {}, []
    for action in actions:
        if action.workstream_id not in colours:
            colours[action.workstream_id] = PALETTE[len(colours) % len(PALETTE)]
            legend.append((action.workstream.title, colours[action.workstream_id]))
    centre, radius = size / 2, size / 2 - 60
    positions = {}
    for index, action in enumerate(actions):
        angle = 2 * math.pi * index / len(actions) - math.pi / 2
        positions[action.pk] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + 24 * len(legend)}" role="img" '
        # Its natural width as an attribute, shrunk by the stylesheet on a narrow screen: the CSP
        # forbids a style attribute.
        f'aria-labelledby="graphe-titre" class="entente-links-graph" width="{size}">',
        '<title id="graphe-titre">Graphe des liens entre actions (le tableau ci-dessous donne les mêmes '
        'informations)</title>',
        '<defs><marker id="fleche" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#3a3a3a"/></marker></defs>',
    ]
    for link in links:
        if link.source_id not in positions or link.target_id not in positions:
            continue
        (x1, y1), (x2, y2) = positions[link.source_id], positions[link.target_id]
        dash = DASHES.get(link.kind, "")
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        marker = "" if link.kind == LinkKind.RELATES_TO else ' marker-end="url(#fleche)"'
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#3a3a3a" '
            f'stroke-width="1.5"{dash_attr}{marker}><title>{escape(str(link))}</title></line>'
        )
    for number, action in enumerate(actions, start=1):
        x, y = positions[action.pk]
        parts.append(
            f'<g><circle cx="{x:.1f}" cy="{y:.1f}" r="12" fill="{colours[action.workstream_id]}">'
            f'<title>{escape(action.title)}</title></circle>'
            f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" fill="#fff">{number}</text></g>'
        )
    for index, (title, colour) in enumerate(legend):
        y = size + 12 + 24 * index
        parts.append(f'<circle cx="20" cy="{y}" r="7" fill="{colour}"/>'
                     f'<text x="34" y="{y + 4}" font-size="13">{escape(title)}</text>')
    parts.append("</svg>")
    return "".join(parts)
