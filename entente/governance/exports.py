"""Exports of the decision register: CSV and XLSX (formula-safe) and PDF (WeasyPrint)."""

from django.utils import timezone

from entente.core.documents import Sheet, render_pdf_template, xlsx_bytes
from entente.core.exports import csv_bytes
from entente.core.formatting import format_short_date

from . import decision_states, selectors

COLUMNS = ["Référence", "Date", "Instance", "Point de l'ordre du jour", "Nature", "Décision", "État",
           "Suites soldées", "Suites au total", "Suites en retard", "Ratifications obtenues", "Ratifications attendues"]


def register_rows(queryset) -> list[list]:
    rows = []
    for decision in queryset.iterator(chunk_size=500):
        state = selectors.decision_state(decision)
        rows.append([
            decision.reference, decision.decided_on, decision.item.meeting.body.name, decision.item.title,
            decision.get_kind_display(), decision.text, decision_states.REGISTER_STATES[state], decision.followups_done,
            decision.followups_total, decision.followups_overdue, decision.ratifications_done,
            decision.ratifications_total,
        ])
    return rows


def register_csv(rows) -> bytes:
    return csv_bytes(COLUMNS, ([row[0], format_short_date(row[1]), *row[2:]] for row in rows))


def register_xlsx(rows) -> bytes:
    return xlsx_bytes(
        Sheet(
            title="Décisions",
            header=COLUMNS,
            rows=rows,
            formats={2: "DD/MM/YYYY"},
            widths=[13, 12, 30, 40, 14, 80, 26, 10, 10, 10, 12, 12],
            wrap=[6],
        )
    )


def register_pdf(cooperation, rows) -> bytes:
    context = {"cooperation": cooperation, "rows": rows, "columns": COLUMNS, "generated": timezone.localtime()}
    return render_pdf_template("governance/register_pdf.html", context)
