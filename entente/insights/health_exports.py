"""The health page's tables as files: every figure of the period, and the table of each section
(meetings by body, attendance by partner, roles held, follow-ups by state, participation).

CSV gives one table per file (a spreadsheet opens one table); XLSX gives one table or all of them,
one sheet each. Counts and percentages are written as numbers so that a spreadsheet can add them;
every text cell goes through `core.exports.neutralise` like every other export.
"""

import re
from dataclasses import dataclass

from django.utils.text import slugify

from entente.core.documents import XLSX_CONTENT_TYPE, Sheet, xlsx_bytes
from entente.core.exports import csv_bytes, neutralise

from .health_figures import Health

CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_CONTENT_TYPE}
ALL = "tout"  # every table, XLSX only
FIGURES = "chiffres"

_COUNT = re.compile(r"^\d+$")
_PERCENT = re.compile(r"^(\d+) %$")


@dataclass
class ExportTable:
    key: str
    title: str  # the sheet's name (31 characters at most in XLSX)
    header: list[str]
    rows: list[list]


def figures_table(report: Health) -> ExportTable:
    rows = [
        [section.title, figure.title, figure.value, figure.threshold, "oui" if figure.alert else "non", figure.sentence]
        for section in report.sections
        for figure in section.figures
    ]
    return ExportTable(
        FIGURES,
        "Chiffres",
        ["Rubrique", "Chiffre", "Valeur", "Seuil de la coopération", "À regarder", "Explication"],
        rows,
    )


def _typed(header: list[str], rows: list[list]) -> tuple[list[str], list[list]]:
    """Counts as integers, « 40 % » as 40 under a header that says « (%) », « — » as an empty cell."""
    percent_columns = {
        i for row in rows for i, cell in enumerate(row) if isinstance(cell, str) and _PERCENT.match(cell)
    }
    header = [f"{title} (%)" if i in percent_columns else title for i, title in enumerate(header)]
    typed = []
    for row in rows:
        cells = []
        for cell in row:
            percent = _PERCENT.match(cell) if isinstance(cell, str) else None
            if percent:
                cells.append(int(percent[1]))
            elif isinstance(cell, str) and _COUNT.match(cell):
                cells.append(int(cell))
            elif cell == "—":
                cells.append("")
            else:
                cells.append(cell)
        typed.append(cells)
    return header, typed


def section_tables(report: Health) -> list[ExportTable]:
    tables = []
    for section in report.sections:
        if not section.table:
            continue
        header, rows = _typed(section.table["headers"], section.table["rows"])
        tables.append(ExportTable(section.key, section.table["caption"][:31], header, rows))
    return tables


def health_tables(report: Health) -> list[ExportTable]:
    return [figures_table(report), *section_tables(report)]


def table_choices(report: Health) -> list[tuple[str, str]]:
    """(key, caption) of every table one can download, for the page's links."""
    return [(FIGURES, "Tous les chiffres et leurs explications")] + [
        (section.key, section.table["caption"]) for section in report.sections if section.table
    ]


def _sheet(table: ExportTable) -> Sheet:
    # The figures' sentences are long: their column wraps.
    wrap = [len(table.header)] if table.key == FIGURES else []
    widths = [28] + [18] * (len(table.header) - 2) + [80 if wrap else 18]
    return Sheet(table.title, table.header, table.rows, widths=widths, wrap=wrap)


def export(report: Health, cooperation, table_key: str, fmt: str) -> tuple[bytes, str, str] | None:
    """(content, content type, file name) of one table or of all of them; None for an unknown table or format."""
    if fmt not in FORMATS:
        return None
    tables = health_tables(report)
    if table_key == ALL:
        if fmt != "xlsx":
            return None
        chosen = tables
    else:
        chosen = [table for table in tables if table.key == table_key]
        if not chosen:
            return None
    period = report.period.key or "depuis-le-debut"
    stem = f"sante-{cooperation.slug}-{period}" + ("" if table_key == ALL else f"-{slugify(table_key)}")
    if fmt == "csv":
        table = chosen[0]
        return csv_bytes([neutralise(cell) for cell in table.header], table.rows), CSV_TYPE, f"{stem}.csv"
    return xlsx_bytes(*(_sheet(table) for table in chosen)), XLSX_CONTENT_TYPE, f"{stem}.xlsx"
