"""Import of pistes from CSV/XLSX: all or nothing, errors by line and column."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.db import transaction

from entente.core.text import fold, search_key

from .idea_services import propose_idea
from .models import Domain, Idea, IdeaOrigin
from .participation_selectors import partner_organizations
from .rules import require_phase

# Headers met in spreadsheets and in the CSV exports of whiteboard tools (accents and case folded).
COLUMN_ALIASES = {
    "title": {
        "intitule",
        "titre",
        "piste",
        "intitule de la piste",
        "nom",
        "idee",
        "contenu",
        "texte",
        "title",
        "content",
    },
    "description": {"description", "detail", "details", "commentaire", "commentaires", "precisions", "notes"},
    "domain": {"domaine", "theme", "thematique", "categorie", "category", "rubrique"},
    "organization": {
        "organisation",
        "organisation proposante",
        "partenaire",
        "collectivite",
        "porteur",
        "structure",
        "organization",
    },
}
COLUMN_LABELS = {"title": "intitulé", "description": "description", "domain": "domaine", "organization": "organisation"}
MAX_ROWS = 2000


@dataclass
class ImportReport:
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # line, column, message
    rows: list[dict] = field(default_factory=list)
    imported: int = 0
    skipped_blank: int = 0

    def error(self, line: int, column: str, message: str) -> None:
        self.errors.append((line, column, message))


# Reading stops once the cap is passed: a 5 MB file may hold hundreds of thousands of rows, and
# reading them all before refusing would hold a worker for tens of seconds. Blank rows do not
# count towards the cap but are bounded too (a sheet may declare a million empty rows).
ROWS_READ_LIMIT = MAX_ROWS + 1  # the header and one row too many: enough to say « too many »
BLANK_ROWS_LIMIT = MAX_ROWS  # blank rows tolerated between or after the filled ones
TOO_MANY_ROWS = f"Trop de lignes : {MAX_ROWS} pistes au plus par import."


def read_table(upload) -> tuple[list[tuple[int, list[str]]], tuple[int, str] | None]:
    """The file's rows (line number, text cells), or the line and message of an error for the whole file.

    Past the cap (MAX_ROWS pistes under a header, or too many blank rows) it stops reading and
    reports « too many » for the whole file.
    """
    name = upload.name.lower()
    content = upload.read()
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        return [], (
            line,
            f"Encodage non reconnu à la ligne {line} : enregistrez le fichier en « CSV UTF-8 » depuis votre tableur.",
        )
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([";", ",", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows, line = _Rows(), 1
    try:
        for row in reader:
            # A quoted cell may span several lines: a row is reported at the line where it starts.
            rows.add(line, [cell.strip() for cell in row])
            line = reader.line_num + 1
            if rows.full:
                return [], (1, TOO_MANY_ROWS)
    except csv.Error:
        return [], (line, f"Ligne {line} illisible : vérifiez les guillemets et le séparateur.")
    return list(rows), None


class _Rows(list):
    """The rows read so far; `full` once the cap is passed (filled rows counted, blank ones bounded)."""

    filled = 0

    def add(self, line: int, cells: list[str]) -> None:
        self.append((line, cells))
        self.filled += any(cells)

    @property
    def full(self) -> bool:
        return self.filled > ROWS_READ_LIMIT or len(self) >= ROWS_READ_LIMIT + BLANK_ROWS_LIMIT


def _read_xlsx(content: bytes):
    from openpyxl import load_workbook

    unreadable = (1, "Le fichier XLSX est illisible : vérifiez qu'il s'agit bien d'un classeur Excel.")
    try:
        oversized = _oversized_sheet(content)
    except (zipfile.BadZipFile, SyntaxError, OSError, EOFError, RuntimeError, ValueError):
        return [], unreadable
    if oversized:
        return [], (1, oversized)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        return [], unreadable
    try:
        sheet = workbook.worksheets[0]
        # Without its declared size, openpyxl would pad the rows up to it; the loop below bounds them.
        sheet.reset_dimensions()
        rows = _Rows()
        for line, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.add(line, ["" if cell is None else _xlsx_text(cell) for cell in row])
            if rows.full:
                return [], (1, TOO_MANY_ROWS)
        return list(rows), None
    except Exception:  # a damaged sheet fails while streaming too
        return [], unreadable
    finally:
        workbook.close()


def _oversized_sheet(content: bytes) -> str | None:
    """Why a sheet of the workbook is too big to open, or None.

    openpyxl, even read-only, parses every sheet to the end when it opens a workbook whose sheets
    do not declare their size: 300,000 rows cost 8 s before the first one is read. So each sheet is
    streamed here first, its declared size checked, and its rows counted only up to the limit.
    """
    from openpyxl.xml.functions import iterparse

    most = ROWS_READ_LIMIT + BLANK_ROWS_LIMIT
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/") and name.endswith(".xml")]
        for name in sheets:
            rows = 0
            with archive.open(name) as source:
                for _event, element in iterparse(source, events=("start",)):
                    tag = element.tag.rsplit("}", 1)[-1]
                    if tag == "dimension":
                        declared = _declared_rows(element.get("ref", ""))
                        if declared > most:
                            return f"{TOO_MANY_ROWS} Le classeur déclare {declared} lignes."
                    elif tag == "row":
                        rows += 1
                        if rows > most:
                            return TOO_MANY_ROWS
    return None


def _declared_rows(reference: str) -> int:
    """« A1:D300000 » declares 300,000 rows."""
    last = reference.rsplit(":", 1)[-1]
    digits = "".join(character for character in last if character.isdigit())
    return int(digits) if digits else 0


def _xlsx_text(cell) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # 2026.0 typed as a number is 2026
    return str(cell).strip()


def _map_header(line: int, header: list[str], report: ImportReport) -> dict[str, int]:
    columns = {}
    for index, cell in enumerate(header):
        key = fold(cell)
        match = next((name for name, aliases in COLUMN_ALIASES.items() if key in aliases), None)
        if match is None:
            if key:
                report.error(
                    line,
                    cell,
                    "Colonne inconnue. Colonnes attendues : intitulé, description, domaine, "
                    "organisation (séparateur « ; »).",
                )
        elif match in columns:
            report.error(line, cell, f"Colonne « {COLUMN_LABELS[match]} » en double.")
        else:
            columns[match] = index
    if "title" not in columns:
        report.error(line, "intitulé", "Colonne obligatoire absente : « intitulé ». Vérifiez aussi le séparateur.")
    return columns


def parse_ideas(workshop, upload) -> ImportReport:
    report = ImportReport()
    table, fatal = read_table(upload)
    if fatal:
        report.error(fatal[0], "", fatal[1])
        return report
    while table and not any(table[0][1]):
        table.pop(0)
    if not table:
        report.error(1, "", "Le fichier est vide.")
        return report
    header_line, header = table[0]
    columns = _map_header(header_line, header, report)
    if report.errors:
        return report
    if sum(1 for _line, cells in table[1:] if any(cells)) > MAX_ROWS:
        report.error(header_line, "", TOO_MANY_ROWS)
        return report
    organizations = organization_keys(partner_organizations(workshop).select_related("territory"))
    domains = {search_key(d.label): d for d in Domain.objects.filter(cooperation_id=workshop.cooperation_id)}
    existing = {
        (search_key(title), organization_id): True
        for title, organization_id in Idea.objects.filter(workshop=workshop).values_list("title", "organization_id")
    }
    seen = {}
    for line, row in table[1:]:
        if not any(row):
            report.skipped_blank += 1
            continue
        _parse_row(line, row, columns, organizations, domains, report)
        _check_duplicate(line, report, existing, seen)
    if not report.rows and not report.errors:
        report.error(
            header_line + 1, "intitulé", "Aucune piste dans le fichier : seule la ligne des colonnes est remplie."
        )
    return report


def _check_duplicate(line, report, existing, seen):
    """The same piste twice (a file imported again, a line copied) would be scored twice."""
    if not report.rows or report.rows[-1].get("line") != line:
        return
    row = report.rows[-1]
    key = (search_key(row["title"]), row["organization"].pk if row["organization"] else None)
    if not row["title"]:
        return
    if key in existing:
        report.error(line, "intitulé", f"Cette piste est déjà dans l'atelier : « {row['title']} ».")
    elif key in seen:
        report.error(line, "intitulé", f"Même piste qu'à la ligne {seen[key]} : « {row['title']} ».")
    else:
        seen[key] = line


# How spreadsheets name a partner besides its registry name: « Département d'Indre-et-Loire »,
# « CD37 », « Conseil départemental 37 », « 37 », its SIREN.
_PREFIXES = ["departement", "conseil departemental", "cd", "ville de", "commune de", "communaute de communes"]
_LINKS = ["", "de", "d", "du", "des", "de la", "de l"]


def organization_keys(organizations) -> dict:
    keys = {}
    for organization in organizations:
        names = {search_key(organization.name)}
        if organization.siren:
            names.add(organization.siren)
        code = organization.territory.code if organization.territory_id else ""
        if code:
            names.add(code.lower())
        for prefix in _PREFIXES:
            for link in _LINKS:
                names.add(search_key(f"{prefix} {link} {organization.name}"))
            if code:
                names.add(search_key(f"{prefix} {code}"))
                names.add(search_key(f"{prefix}{code}"))
        for name in names:
            keys.setdefault(name, organization)
    return keys


def _cell(row, columns, name):
    index = columns.get(name)
    return row[index].strip() if index is not None and index < len(row) else ""


def _parse_row(line, row, columns, organizations, domains, report):
    if len(row) > len(columns) and any(row[len(columns) :]):
        report.error(
            line, "", f"{len(row)} cellules pour {len(columns)} colonnes : vérifiez le séparateur et les guillemets."
        )
        return
    title = _cell(row, columns, "title")
    if not title:
        report.error(line, "intitulé", "L'intitulé est vide.")
    elif len(title) > 255:
        report.error(line, "intitulé", f"L'intitulé dépasse 255 caractères ({len(title)}).")
    domain_name, organization_name = _cell(row, columns, "domain"), _cell(row, columns, "organization")
    domain = domains.get(search_key(domain_name)) if domain_name else None
    if domain_name and domain is None:
        report.error(line, "domaine", f"Domaine inconnu : « {domain_name} ».")
    organization = organizations.get(search_key(organization_name)) if organization_name else None
    if organization_name and organization is None:
        report.error(line, "organisation", f"Organisation inconnue ou non partenaire : « {organization_name} ».")
    report.rows.append(
        {
            "line": line,
            "title": title,
            "description": _cell(row, columns, "description"),
            "domain": domain,
            "organization": organization,
        }
    )


def import_ideas(workshop, upload) -> ImportReport:
    """Nothing is imported when any line is wrong."""
    require_phase(workshop, "import")
    report = parse_ideas(workshop, upload)
    if report.errors:
        report.rows = []
        return report
    with transaction.atomic():
        for row in report.rows:
            row = {key: value for key, value in row.items() if key != "line"}
            propose_idea(
                workshop=workshop,
                participant=None,
                origin=IdeaOrigin.IMPORT,
                origin_label=f"Import « {upload.name} »"[:255],
                check_phase=False,
                **row,
            )
    report.imported = len(report.rows)
    return report


# Exports --------------------------------------------------------------------------------------
