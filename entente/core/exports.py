"""Spreadsheet-safe exports shared by every app."""

import csv
import io
import re

# A cell starting with one of these is run as a formula by spreadsheet software.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Control characters (other than tab and line breaks) that an XLSX file cannot hold: openpyxl refuses the
# whole workbook for one of them, so a single pasted character would make every export answer 500.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value):
    """Prefix text that a spreadsheet would evaluate, so that an export cannot carry a formula; drop the
    control characters no spreadsheet cell may hold."""
    if not isinstance(value, str):
        return value
    value = CONTROL_CHARACTERS.sub("", value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(header: list[str], rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    # The BOM lets Excel open UTF-8 accents correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
