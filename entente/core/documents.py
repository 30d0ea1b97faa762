"""Documents people download: one PDF renderer, one XLSX writer, one DOCX toolkit.

Each app decides what a document says (its template, its rows, its headings); how the bytes are
made is decided here, once:

- PDF: `render_pdf(html)` or `render_pdf_template(name, context)`, WeasyPrint with one font
  configuration per thread (building one costs ~13 ms and documents use no web fonts) and the
  project directory as base URL, so templates may link the static stylesheets they print with.
- XLSX: `xlsx_bytes(Sheet(...), ...)`, openpyxl in write-only mode (memory stays flat on large
  exports); every text cell goes through `core.exports.neutralise`, so no export carries a formula;
  the header row is bold, columns may take a width, a number format and wrapping.
- DOCX: `new_docx()` (Normal style in Arial 11, language fr-FR, fields refreshed on opening),
  `add_toc`, `add_table`, `add_page_footer`, `add_page_break` and `docx_bytes`, python-docx
  underneath. Agreements build their conventions with it; observation reports are meant to as well.

The libraries are imported inside the functions: they are heavy, and most requests never print.
"""

import io
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string

from .exports import neutralise

PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# ---------------------------------------------------------------- PDF

_WEASYPRINT = threading.local()


def _font_config():
    """One WeasyPrint font configuration per thread, reused from document to document."""
    config = getattr(_WEASYPRINT, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _WEASYPRINT.font_config = FontConfiguration()
    return config


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of an HTML page (its CSS included), as WeasyPrint prints it."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf(font_config=_font_config())


def render_pdf_template(template_name: str, context: dict) -> bytes:
    return render_pdf(render_to_string(template_name, context))


# ---------------------------------------------------------------- XLSX


@dataclass
class Sheet:
    """One worksheet: a header row, then rows of plain values (str, numbers, dates, None).

    `formats` maps a 1-based column to an Excel number format ("DD/MM/YYYY", a euro format...);
    `widths` gives column widths from column A; `wrap` lists 1-based columns whose text wraps at the
    top of the cell; `freeze` is the first scrolling cell ("A2" keeps the header in view; None: nothing).
    """

    title: str
    header: Sequence
    rows: Iterable[Sequence]
    formats: dict[int, str] = field(default_factory=dict)
    widths: Sequence[float] = ()
    wrap: Sequence[int] = ()
    freeze: str | None = "A2"
    bold_header: bool = True


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _write_sheet(workbook, sheet: Sheet) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    worksheet = workbook.create_sheet(title=neutralise(sheet.title)[:31])
    # Write-only sheets take their panes and widths before the first row.
    if sheet.freeze:
        worksheet.freeze_panes = sheet.freeze
    for index, width in enumerate(sheet.widths, start=1):
        worksheet.column_dimensions[_column_letter(index)].width = width
    header = [neutralise(value) for value in sheet.header]
    if sheet.bold_header:
        bold = Font(bold=True)
        header = [WriteOnlyCell(worksheet, value=value) for value in header]
        for cell in header:
            cell.font = bold
    worksheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    styled = set(sheet.formats) | set(sheet.wrap)
    for row in sheet.rows:
        values = [neutralise(value) for value in row]
        if styled:
            values = [_styled(worksheet, column, value, sheet, wrap) for column, value in enumerate(values, start=1)]
        worksheet.append(values)


def _styled(worksheet, column: int, value, sheet: Sheet, wrap):
    if column not in sheet.formats and column not in sheet.wrap:
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(worksheet, value=value)
    if column in sheet.formats:
        cell.number_format = sheet.formats[column]
    if column in sheet.wrap:
        cell.alignment = wrap
    return cell


def xlsx_bytes(*sheets: Sheet) -> bytes:
    """An XLSX workbook holding `sheets` in order."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------- DOCX


def new_docx(*, font: str = "Arial", size: int = 11):
    """A python-docx Document in French (spell-checking, hyphenation), its fields refreshed on opening."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    run_properties = normal.element.get_or_add_rPr()
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(language)
    language.set(qn("w:val"), "fr-FR")
    # Ask Word and LibreOffice to refresh the table of contents and page fields on opening.
    settings_element = document.settings.element
    settings_element.append(settings_element.makeelement(qn("w:updateFields"), {qn("w:val"): "true"}))
    return document


def _field_char(kind: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _instruction(text: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


def add_field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES...) showing `placeholder` until the reader's software updates it."""
    paragraph.add_run()._r.append(_field_char("begin"))
    paragraph.add_run()._r.append(_instruction(instruction))
    paragraph.add_run()._r.append(_field_char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(_field_char("end"))


def add_toc(document, entries: Sequence[tuple[int, str]], *, levels: str = "1-2") -> None:
    """A table of contents whose stored result already lists `entries` ((level, heading), level 1 or 2).

    Word and LibreOffice show the stored entries as they are and add page numbers when the field is
    updated (asked on opening), so the summary reads even where fields never update.
    """
    from docx.shared import Cm

    paragraphs = []
    for level, text in entries:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        paragraph.paragraph_format.space_after = 0
        paragraphs.append((paragraph, text))
    first = paragraphs[0][0]
    first.add_run()._r.append(_field_char("begin"))
    first.add_run()._r.append(_instruction(f'TOC \\o "{levels}" \\h \\z \\u'))
    first.add_run()._r.append(_field_char("separate"))
    for paragraph, text in paragraphs:
        paragraph.add_run(text)
    paragraphs[-1][0].add_run()._r.append(_field_char("end"))


def add_table(document, header: Sequence[str], rows: Iterable[Sequence], *, style: str = "Table Grid"):
    """A bordered table with a bold header row; cells hold text."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = style
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(str(label)).bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = "" if value is None else str(value)
    return table


def add_page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def add_page_footer(document, text: str) -> None:
    """ "<text> — page 3 sur 12" at the foot of every page."""
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run(text + " — page ")
    add_field(footer, "PAGE", "1")
    footer.add_run(" sur ")
    add_field(footer, "NUMPAGES", "1")


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
