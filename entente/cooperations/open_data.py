"""The directory's open data: two tidy tables, each described by a Table Schema.

One file lists the public cooperations, one row each; the other lists their partners, one row per
partner, so that a partner without an official code cannot shift the codes of the others. The
schemas (schema.data.gouv.fr convention) live in `schemas/<table>/schema.json`; they are the
published contract and give the column order of both formats.
"""

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from entente.core.exports import csv_bytes
from entente.territories.models import TerritoryKind

SCHEMA_DIR = Path(__file__).parent / "schemas"
TABLES = {
    "cooperations": "Coopérations",
    "partenariats": "Partenariats",
}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
# The CSV already uses ";" between columns; "|" between the values of one cell never needs quoting.
LIST_SEPARATOR = "|"


@functools.cache
def table_schema(table: str) -> dict:
    return json.loads((SCHEMA_DIR / table / "schema.json").read_text(encoding="utf-8"))


def field_names(table: str) -> list[str]:
    return [field["name"] for field in table_schema(table)["fields"]]


def _territory_codes(partnerships, kind: str) -> str:
    codes = set()
    for partnership in partnerships:
        territory = partnership.organization.territory
        if territory is None:
            continue
        if territory.kind == kind:
            codes.add(territory.code)
        elif getattr(territory, f"{kind}_id"):
            codes.add(getattr(territory, kind).code)
    return LIST_SEPARATOR.join(sorted(codes))


def cooperation_row(cooperation, base_url: str) -> dict:
    partnerships = cooperation.active_partnerships
    return {
        "identifiant": cooperation.slug,
        "nom": cooperation.name,
        "type": cooperation.get_kind_display(),
        "description": cooperation.description,
        "date_lancement": cooperation.started_on.isoformat() if cooperation.started_on else None,
        "nombre_partenaires": len(partnerships),
        "departements": _territory_codes(partnerships, TerritoryKind.DEPARTEMENT) or None,
        "regions": _territory_codes(partnerships, TerritoryKind.REGION) or None,
        "finalites": LIST_SEPARATOR.join(p.label for p in cooperation.purposes.all()) or None,
        "formes": LIST_SEPARATOR.join(f.label for f in cooperation.forms.all()) or None,
        "url": base_url.rstrip("/") + cooperation.get_absolute_url(),
    }


def _official_code(organization) -> tuple[str | None, str | None]:
    """A commune, département or région is known by its Insee code, an EPCI or another body by its SIREN."""
    territory = organization.territory
    if territory is not None:
        return territory.code, "SIREN" if territory.kind == TerritoryKind.EPCI else "INSEE"
    if organization.siren:
        return organization.siren, "SIREN"
    return None, None


def partnership_row(cooperation, partnership) -> dict:
    organization = partnership.organization
    code, code_type = _official_code(organization)
    territory = organization.territory
    return {
        "cooperation": cooperation.slug,
        "partenaire": organization.name,
        "nature": territory.get_kind_display() if territory else organization.get_kind_display(),
        "code": code,
        "type_code": code_type,
        "role": partnership.get_role_display(),
        "date_entree": partnership.joined_on.isoformat() if partnership.joined_on else None,
    }


def table_rows(table: str, cooperations, base_url: str) -> list[dict]:
    """Rows of one table for cooperations loaded by `selectors.directory` (partners prefetched)."""
    if table == "cooperations":
        return [cooperation_row(cooperation, base_url) for cooperation in cooperations]
    return [
        partnership_row(cooperation, partnership)
        for cooperation in cooperations
        for partnership in cooperation.active_partnerships
    ]


def render(table: str, fmt: str, rows: list[dict]) -> bytes:
    names = field_names(table)
    if fmt == "csv":
        return csv_bytes(names, ([_csv_cell(row[name]) for name in names] for row in rows))
    return json.dumps([{name: row[name] for name in names} for row in rows], ensure_ascii=False, indent=1).encode()


def _csv_cell(value):
    return "" if value is None else value


def file_size_label(size: int) -> str:
    """Size as the DSFR writes it on a download link: "850 octets", "12 ko", "1,4 Mo"."""
    if size < 1000:
        return f"{size} octet{'s' if size > 1 else ''}"
    if size < 1_000_000:
        return f"{round(size / 1000)} ko"
    return f"{size / 1_000_000:.1f} Mo".replace(".", ",")


@dataclass(frozen=True)
class Download:
    table: str
    fmt: str
    size: int

    @property
    def label(self) -> str:
        return f"Fichier des {TABLES[self.table].lower()}"

    @property
    def detail(self) -> str:
        return f"{self.fmt.upper()} – {file_size_label(self.size)}"


def downloads(cooperations, base_url: str) -> list[Download]:
    """Every open-data file for these cooperations, with its size, as the download links show them."""
    result = []
    for table in TABLES:
        rows = table_rows(table, cooperations, base_url)
        result.extend(Download(table, fmt, len(render(table, fmt, rows))) for fmt in FORMATS)
    return result
