"""Exports of the decision register: CSV and XLSX (formula-safe) and PDF (WeasyPrint)."""

import io

from django.template.loader import render_to_string
from django.utils import timezone

from entente.core.exports import csv_bytes, neutralise

from . import selectors

COLUMNS = ["Référence", "Date", "Instance", "Point de l'ordre du jour", "Nature", "Décision", "État",
           "Suites soldées", "Suites au total", "Suites en retard", "Ratifications obtenues", "Ratifications attendues"]


def register_rows(queryset) -> list[list]:
    rows = []
    for decision in queryset.iterator(chunk_size=500):
        state = selectors.decision_state(decision)
        rows.append([
            decision.reference, decision.decided_on, decision.item.meeting.body.name, decision.item.title,
            decision.get_kind_display(), decision.text, selectors.STATE_LABELS[state], decision.followups_done,
            decision.followups_total, decision.followups_overdue, decision.ratifications_done,
            decision.ratifications_total,
        ])
    return rows


def register_csv(rows) -> bytes:
    return csv_bytes(COLUMNS, ([row[0], row[1].strftime("%d/%m/%Y"), *row[2:]] for row in rows))


def register_xlsx(rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Décisions"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "DD/MM/YYYY"
    widths = [13, 12, 30, 40, 14, 80, 26, 10, 10, 10, 12, 12]
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for row in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def register_pdf(cooperation, rows) -> bytes:
    from weasyprint import HTML

    html = render_to_string("governance/register_pdf.html", {
        "cooperation": cooperation, "rows": rows, "columns": COLUMNS, "generated": timezone.localtime(),
    })
    return HTML(string=html).write_pdf()
