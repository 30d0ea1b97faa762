"""Import of indicator values from CSV or XLSX, through a saved column mapping.

All or nothing: every line is checked first (territory code, year, indicator, French number,
duplicates) and the report names each wrong line and column in French; a single wrong line and
nothing is written. Importing the same file again changes nothing: values are keyed by
(indicator, territory, year) and equal ones are left as they are.
"""

import csv
import hashlib
import io
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from fnmatch import fnmatch

from django.db import connection, transaction
from django.utils import timezone

from entente.core.numbers import NumberError, fit_places, parse_number

from .indicators import partner_territories
from .models import MAX_INDICATOR_VALUE, CodeKind, IndicatorImport, IndicatorValue, ValueOrigin

MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_ROWS = 200_000  # a decade of every OFGL aggregate for a few dozen partners, far beyond one cooperation
MAX_REPORTED = 200  # the report lists this many errors and counts the others

# Named mappings for the exports collectivités use. OFGL's finance bases (data.ofgl.fr, CSV export with column
# labels) have one row per territory, year and aggregate; Insee's local statistics (statistiques-locales.insee.fr)
# one row per territory and one column per figure, so the indicator and the year are chosen at import.
PRESET_MAPPINGS = {
    "ofgl": {
        "name": "OFGL — bases des comptes des collectivités (montant par habitant)",
        "code_column": "Code Insee*",
        "code_kind": CodeKind.INSEE,
        "year_column": "Exercice",
        "indicator_column": "Agrégat",
        "value_column": "Montant en € par habitant",
    },
    "insee": {
        "name": "Insee — statistiques locales (une colonne par indicateur)",
        "code_column": "Code",
        "code_kind": CodeKind.INSEE,
        "year_column": "",
        "indicator_column": "",
        "value_column": "",
    },
}


@dataclass
class Mapping:
    code_column: str
    code_kind: str
    value_column: str
    year_column: str = ""
    fixed_year: int | None = None
    indicator_column: str = ""
    fixed_indicator: object = None
    name: str = ""


@dataclass
class ImportResult:
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # line, column, message
    error_count: int = 0
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    record: IndicatorImport | None = None

    def error(self, line: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append((line, column, message))


def _key(text: str) -> str:
    """Column and indicator names compared without case, accents or surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ---------------------------------------------------------------------------------------------------
# Reading


def read_rows(name: str, content: bytes) -> tuple[list[list[str]], tuple[int, str] | None]:
    """The file's rows as text cells (header first), or the line and message of an error for the whole file."""
    if len(content) > MAX_FILE_BYTES:
        return [], (1, f"Fichier trop volumineux : {MAX_FILE_BYTES // (1024 * 1024)} Mo au plus.")
    if name.lower().endswith(".xlsx"):
        return _read_xlsx(content)
    text = _decode(content)
    if text is None:
        return [], (1, "Encodage non reconnu : enregistrez le fichier en « CSV UTF-8 » depuis votre tableur.")
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows = []
    try:
        for row in reader:
            rows.append([cell.strip() for cell in row])
            if len(rows) > MAX_ROWS + 1:
                return [], (1, f"Trop de lignes : {MAX_ROWS} valeurs au plus par import.")
    except csv.Error:
        return [], (reader.line_num, f"Ligne {reader.line_num} illisible : vérifiez les guillemets et le séparateur.")
    return rows, None


def _decode(content: bytes) -> str | None:
    # UTF-8 first; then Windows-1252, what a French Excel writes as « CSV (séparateur : point-virgule) ».
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    unreadable = (1, "Le fichier XLSX est illisible : vérifiez qu'il s'agit bien d'un classeur Excel.")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        return [], unreadable
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a declared size of a million rows would otherwise be padded
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(["" if cell is None else _xlsx_text(cell) for cell in row])
            if len(rows) > MAX_ROWS + 1:
                return [], (1, f"Trop de lignes : {MAX_ROWS} valeurs au plus par import.")
        return rows, None
    except Exception:  # a damaged sheet fails while streaming too
        return [], unreadable
    finally:
        workbook.close()


def _xlsx_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, (float, int)):
        return str(cell)
    return str(cell).strip()


# ---------------------------------------------------------------------------------------------------
# Checking


def _columns(header: list[str], mapping: Mapping, result: ImportResult) -> dict[str, int]:
    """Where each mapped column is in the header; an error on line 1 for each one missing."""
    keys = [_key(cell) for cell in header]
    wanted = {"code": mapping.code_column, "value": mapping.value_column}
    if mapping.year_column:
        wanted["year"] = mapping.year_column
    if mapping.indicator_column:
        wanted["indicator"] = mapping.indicator_column
    found = {}
    for role, label in wanted.items():
        pattern = _key(label)
        index = next((i for i, key in enumerate(keys) if fnmatch(key, pattern)), None)
        if index is None:
            shown = " ; ".join(h for h in header if h) or "aucune"
            result.error(
                1,
                label,
                f"Colonne « {label} » absente de l'en-tête (colonnes lues : {shown}). "
                "Vérifiez la correspondance et le séparateur (point-virgule ou virgule).",
            )
        else:
            found[role] = index
    return found


def _territories(cooperation, code_kind: str) -> dict[str, object]:
    table = {}
    for partner in partner_territories(cooperation):
        territory = partner.territory
        codes = [territory.siren] if code_kind == CodeKind.SIREN else [territory.code, territory.siren]
        for code in filter(None, codes):
            table[code] = territory
            table[code.lstrip("0")] = territory  # « 037 » in some exports is Insee's « 37 »
    return table


def _indicators(cooperation) -> dict[str, object]:
    table = {}
    for indicator in cooperation.indicators.all():
        table[_key(indicator.code)] = indicator
        table[_key(indicator.name)] = indicator
    return table


def check_rows(cooperation, rows: list[list[str]], mapping: Mapping, result: ImportResult) -> list[tuple]:
    """Every line checked; the (indicator, territory, year, value) to write, or errors in `result`."""
    if not rows:
        result.error(1, "", "Le fichier est vide.")
        return []
    columns = _columns(rows[0], mapping, result)
    if result.error_count:
        return []
    territories = _territories(cooperation, mapping.code_kind)
    indicators = _indicators(cooperation)
    seen, parsed = {}, []
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        result.rows += 1
        item = _check_row(line, row, columns, mapping, territories, indicators, result)
        if item is None:
            continue
        key = (item[0].pk, item[1].pk, item[2])
        if key in seen:
            result.error(
                line,
                mapping.value_column,
                f"Même territoire, indicateur et année qu'à la ligne {seen[key]} : une seule valeur par "
                "territoire, indicateur et année.",
            )
            continue
        seen[key] = line
        parsed.append(item)
    return parsed


def _cell(row, columns, role) -> str:
    index = columns[role]
    return row[index] if index < len(row) else ""


def _check_row(line, row, columns, mapping, territories, indicators, result):
    errors_before = result.error_count
    code = _cell(row, columns, "code")
    territory = territories.get(code) or territories.get(code.lstrip("0"))
    if territory is None:
        result.error(
            line,
            mapping.code_column,
            f"Code « {code} » inconnu parmi les territoires partenaires de la coopération."
            if code
            else "Code du territoire manquant.",
        )
    year = mapping.fixed_year
    if "year" in columns:
        raw_year = _cell(row, columns, "year")
        year = int(raw_year) if raw_year.isdigit() and 1900 <= int(raw_year) <= 2100 else None
        if year is None:
            result.error(line, mapping.year_column, f"Année « {raw_year} » invalide : une année sur quatre chiffres.")
    indicator = mapping.fixed_indicator
    if "indicator" in columns:
        label = _cell(row, columns, "indicator")
        indicator = indicators.get(_key(label))
        if indicator is None:
            result.error(
                line, mapping.indicator_column, f"Indicateur « {label} » absent du catalogue (ni son code ni son nom)."
            )
    if indicator is not None and indicator.registry_figure:
        result.error(
            line,
            mapping.indicator_column or mapping.value_column,
            f"« {indicator.name} » est calculé depuis le registre des territoires : il ne s'importe pas.",
        )
    if _other_kind(indicator, territory):
        kind = indicator.get_territory_kind_display()
        message = f"« {indicator.name} » vaut pour les territoires de type « {kind} » : {territory} n'en est pas un."
        result.error(line, mapping.code_column, message)
    value = _value(line, _cell(row, columns, "value"), mapping, result)
    if result.error_count > errors_before:
        return None
    return indicator, territory, year, value


def _other_kind(indicator, territory) -> bool:
    """A territory that is not of the kind the indicator is for (EPCI only, départements only…)."""
    if indicator is None or territory is None or not indicator.territory_kind:
        return False
    return territory.kind != indicator.territory_kind


def _value(line, raw, mapping, result) -> Decimal | None:
    try:
        value = fit_places(parse_number(raw, units=("€", "%")), 4, raw)
    except NumberError as error:
        result.error(line, mapping.value_column, str(error))
        return None
    if abs(value) > MAX_INDICATOR_VALUE:
        result.error(line, mapping.value_column, f"« {raw} » dépasse la plus grande valeur admise.")
        return None
    return value


# ---------------------------------------------------------------------------------------------------
# Writing


def import_values(*, cooperation, file_name: str, content: bytes, mapping: Mapping, by) -> ImportResult:
    """Check the whole file, then write it in one transaction; nothing is written when a line is wrong."""
    result = ImportResult()
    rows, failure = read_rows(file_name, content)
    if failure:
        result.error(failure[0], "", failure[1])
        return result
    parsed = check_rows(cooperation, rows, mapping, result)
    if result.error_count:
        return result
    if not parsed:
        result.error(2, "", "Aucune valeur à importer sous l'en-tête.")
        return result
    with transaction.atomic():
        _write(cooperation, parsed, by, result)
        result.record = IndicatorImport.objects.create(
            cooperation=cooperation,
            file_name=file_name[:255],
            sha256=hashlib.sha256(content).hexdigest(),
            rows=result.rows,
            created=result.created,
            updated=result.updated,
            unchanged=result.unchanged,
            mapping_name=mapping.name[:100],
            imported_by=by,
        )
    return result


def _write(cooperation, parsed, by, result: ImportResult) -> None:
    indicator_ids = {item[0].pk for item in parsed}
    existing = {
        (v.indicator_id, v.territory_id, v.year): v
        for v in IndicatorValue.objects.select_for_update().filter(indicator_id__in=indicator_ids)
    }
    now = timezone.now()
    to_create, to_update = [], []
    for indicator, territory, year, value in parsed:
        current = existing.get((indicator.pk, territory.pk, year))
        if current is None:
            to_create.append(
                IndicatorValue(
                    indicator_id=indicator.pk,
                    territory_id=territory.pk,
                    year=year,
                    value=value,
                    origin=ValueOrigin.IMPORT,
                    updated_by_id=by.pk if by else None,
                    updated_at=now,
                )
            )
        elif current.value != value:
            current.value, current.origin, current.updated_by, current.updated_at = value, ValueOrigin.IMPORT, by, now
            to_update.append(current)
        else:
            result.unchanged += 1
    if to_create:
        IndicatorValue.objects.bulk_create(to_create, batch_size=2000)
        _write_history(to_create, "+", by, now)
    if to_update:
        IndicatorValue.objects.bulk_update(to_update, ["value", "origin", "updated_by", "updated_at"], batch_size=2000)
        _write_history(to_update, "~", by, now)
    result.created, result.updated = len(to_create), len(to_update)


HISTORY_COLUMNS = ["id", "indicator_id", "territory_id", "year", "value", "origin", "updated_by_id", "updated_at"]


def _write_history(values, history_type: str, by, now) -> None:
    """The history rows of imported values, as simple_history would write them, without a model instance each.

    Building a Django instance per history row doubled the cost of an import of 100,000 values; the
    rows are the same: the value's fields, then the date, kind of change and author of the change.
    """
    history = IndicatorValue.history.model
    meta = history._meta
    value_field = meta.get_field("value")
    names = [*HISTORY_COLUMNS, "history_date", "history_type", "history_user_id", "history_change_reason"]
    columns = ", ".join(connection.ops.quote_name(meta.get_field(n.removesuffix("_id")).column) for n in names)
    placeholders = ", ".join(["%s"] * len(names))
    sql = f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    date = connection.ops.adapt_datetimefield_value(now)
    user_id = by.pk if by else None
    rows = [
        (
            v.pk,
            v.indicator_id,
            v.territory_id,
            v.year,
            value_field.get_db_prep_save(v.value, connection),
            v.origin,
            v.updated_by_id,
            date,
            date,
            history_type,
            user_id,
            None,
        )
        for v in values
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(sql, rows[start : start + 2000])
