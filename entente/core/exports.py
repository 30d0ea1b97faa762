"""Spreadsheet-safe exports shared by every app."""

import csv
import io

# A cell starting with one of these is run as a formula by spreadsheet software.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix text that a spreadsheet would evaluate, so that an export cannot carry a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
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
