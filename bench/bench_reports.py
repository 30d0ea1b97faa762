"""The annual activity report of the Touraine demo, as the worker makes it.

    .venv/bin/python bench/bench_reports.py

Builds a throwaway database (PostgreSQL when `make bench` gives one, SQLite otherwise), imports the
territories registry shipped with the project and loads the demo, then times the 2026 annual report
of « Touraine — contrats de réciprocité » (its 14 partners, meetings, decisions, ten actions and their
cost sharing, health of the year): reading the year's records and printing the PDF (WeasyPrint), and
the same report as DOCX. Each run reads and renders anew (no stored file). Prints:

    bench: annual-report-pdf: <ms> ms (<ratio>x annual-report-data)
    bench: annual-report-docx: <ms> ms (<ratio>x annual-report-data)

where annual-report-data is reading the year's records alone (what the HTML page also does).
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, median_ms, not_measured, setup_django  # noqa: E402

SLUG = "touraine-contrats-de-reciprocite"
YEAR = 2026


def main():
    database = "postgres" if os.environ.get("BENCH_POSTGRES_URL") else "sqlite"
    suffix = "" if database == "postgres" else "-sqlite"
    try:
        setup_django(database)
    except NotMeasurable as reason:
        not_measured(f"annual-report-pdf{suffix}", str(reason))
        return
    import io
    from contextlib import redirect_stdout

    from django.core.management import call_command

    with redirect_stdout(io.StringIO()):
        call_command("import_territories", verbosity=0)
        call_command("load_demo")

    from entente.cooperations.models import Cooperation
    from entente.insights.annual_report import annual_report
    from entente.insights.report_documents import render_docx, render_pdf

    cooperation = Cooperation.objects.get(slug=SLUG)
    report = annual_report(cooperation, YEAR)
    assert report.meetings.rows and report.money.rows, "le rapport de démonstration est vide"
    data_ms = median_ms(lambda: annual_report(cooperation, YEAR), runs=7)
    pdf_ms = median_ms(lambda: render_pdf(annual_report(cooperation, YEAR)), runs=5)
    docx_ms = median_ms(lambda: render_docx(annual_report(cooperation, YEAR)), runs=5)
    line(f"annual-report-pdf{suffix}", pdf_ms, "ms", pdf_ms / data_ms, "annual-report-data")
    line(f"annual-report-docx{suffix}", docx_ms, "ms", docx_ms / data_ms, "annual-report-data")


if __name__ == "__main__":
    main()
