"""The one PDF renderer, XLSX writer and DOCX toolkit (core.documents)."""

import datetime
import io
import zipfile
from decimal import Decimal

from docx import Document
from openpyxl import load_workbook

from entente.core.documents import (
    Sheet,
    add_page_footer,
    add_table,
    add_toc,
    docx_bytes,
    new_docx,
    render_pdf,
    xlsx_bytes,
)


def test_an_xlsx_sheet_neutralises_formulas_and_keeps_its_formats():
    content = xlsx_bytes(
        Sheet(
            title="Décisions",
            header=["Référence", "=Date"],
            rows=[['=HYPERLINK("x")', datetime.date(2026, 3, 1)], ["D-2", None]],
            formats={2: "DD/MM/YYYY"},
            widths=[13, 12],
            wrap=[1],
        ),
        Sheet(title="Montants", header=["Part"], rows=[[Decimal("12.50")]], freeze=None, bold_header=False),
    )
    workbook = load_workbook(io.BytesIO(content))
    first, second = workbook.worksheets
    assert first.title == "Décisions" and second.title == "Montants"
    assert first["A1"].font.b and not second["A1"].font.b
    assert first["B1"].value == "'=Date"
    assert first["A2"].value == '\'=HYPERLINK("x")'
    assert first["A2"].alignment.wrap_text
    assert first["B2"].number_format == "DD/MM/YYYY"
    assert first["B2"].value == datetime.datetime(2026, 3, 1)
    assert first.freeze_panes == "A2" and second.freeze_panes is None
    assert first.column_dimensions["A"].width == 13
    assert second["A2"].value == 12.5


def test_a_pdf_is_printed_from_html():
    content = render_pdf("<html><body><h1>Procès-verbal</h1></body></html>")
    assert content.startswith(b"%PDF-")


def test_a_docx_is_french_with_a_summary_a_table_and_numbered_pages():
    document = new_docx()
    document.add_heading("Rapport", level=0)
    add_toc(document, [(1, "Constats"), (2, "Réunions")])
    add_table(document, ("Instance", "Réunions"), [("Comité", 4)])
    add_page_footer(document, "Rapport d'observation")
    content = docx_bytes(document)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        xml = archive.read("word/document.xml").decode()
        styles = archive.read("word/styles.xml").decode()
        settings = archive.read("word/settings.xml").decode()
        footer = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
    assert 'w:val="fr-FR"' in styles
    assert "updateFields" in settings
    assert 'TOC \\o "1-2"' in xml and "Constats" in xml and "Réunions" in xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Rapport d'observation — page" in footer
    reopened = Document(io.BytesIO(content))
    assert [c.text for c in reopened.tables[0].rows[1].cells] == ["Comité", "4"]
