"""Exports of a workshop (pistes, scores, ranking) as CSV or XLSX; anonymity respected."""

from collections import defaultdict

from entente.core.documents import XLSX_CONTENT_TYPE, Sheet, xlsx_bytes
from entente.core.exports import csv_bytes, neutralise

from .models import Idea, Score
from .selectors import K_ANONYMITY, workshop_results


def _fmt(number, digits=2):
    return "" if number is None else round(number, digits)


def ideas_table(workshop):
    header = [
        "n°",
        "intitulé",
        "description",
        "domaine",
        "organisation proposante",
        "auteur·rices",
        "origine",
        "fusionnée dans (n°)",
        "arbitrage",
        "motif",
    ]
    ideas = (
        Idea.objects.filter(workshop=workshop)
        .select_related("domain", "organization")
        .prefetch_related("authors")
        .order_by("pk")
    )
    rows = [
        [
            idea.pk,
            idea.title,
            idea.description,
            idea.domain.label if idea.domain_id else "",
            idea.organization.name if idea.organization_id else "",
            ", ".join(a.display_name for a in idea.authors.all()),
            idea.origin_label or idea.get_origin_display(),
            idea.merged_into_id or "",
            idea.get_arbitration_status_display() if idea.arbitration_status else "",
            idea.arbitration_reason,
        ]
        for idea in ideas
    ]
    return header, rows


def scores_table(workshop):
    """Per-person scores; anonymous workshops get no participant column and a neutral order."""
    queryset = Score.objects.filter(workshop=workshop).order_by()
    if workshop.anonymous:
        header = ["n° piste", "piste", "critère", "note"]
        if queryset.values("participant_id").distinct().count() < K_ANONYMITY:
            return header, []
        rows = sorted(queryset.values_list("idea_id", "idea__title", "criterion__label", "value"))
        # Like the results: a piste and criterion scored by one or two people is left out.
        sizes = defaultdict(int)
        for idea_id, _title, label, _value in rows:
            sizes[(idea_id, label)] += 1
        return header, [list(row) for row in rows if sizes[(row[0], row[2])] >= K_ANONYMITY]
    header = ["participant·e", "organisation", "n° piste", "piste", "critère", "note"]
    rows = queryset.values_list(
        "participant__display_name",
        "participant__organization__name",
        "idea_id",
        "idea__title",
        "criterion__label",
        "value",
    ).order_by("participant__display_name", "idea_id", "criterion_id")
    return header, [[name, organization or "", *rest] for name, organization, *rest in rows]


def ranking_table(workshop):
    results = workshop_results(workshop)
    header = ["rang", "n°", "piste", "organisation", "score global (0-100)"]
    for criterion in results.criteria:
        header += [f"{criterion.label} — {label}" for label in ("nombre", "moyenne", "médiane", "écart-type")]
    header += ["quadrant", "arbitrage"]
    rows = []
    for result in results.all_ideas:
        row = [
            result.rank or "",
            result.idea.pk,
            result.idea.title,
            result.idea.organization.name if result.idea.organization_id else "",
            _fmt(result.overall, 1),
        ]
        for stats in result.stats_list(results.criteria):
            row += [stats.count, _fmt(stats.mean), _fmt(stats.median), _fmt(stats.spread)]
        row += [
            result.quadrant_label,
            result.idea.get_arbitration_status_display() if result.idea.arbitration_status else "",
        ]
        rows.append(row)
    return header, rows


EXPORTS = {"pistes": ideas_table, "notes": scores_table, "classement": ranking_table}


def export_bytes(workshop, kind: str, fmt: str) -> tuple[bytes, str]:
    header, rows = EXPORTS[kind](workshop)
    # Headers carry criterion labels typed by users: neutralised like every other cell.
    header = [neutralise(cell) for cell in header]
    if fmt == "xlsx":
        sheet = Sheet(title=kind, header=header, rows=rows, freeze=None, bold_header=False)
        return xlsx_bytes(sheet), XLSX_CONTENT_TYPE
    return csv_bytes(header, rows), "text/csv; charset=utf-8"
