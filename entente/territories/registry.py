"""The territory registry as shipped in the repository, and its conversion from Etalab's package.

Etalab publishes the official geographic code as the npm package
`@etalab/decoupage-administratif` (~13 MB of JSON). We ship only what Entente uses, as one
gzipped JSON file of positional rows (~0.7 MB), so that a fresh checkout imports offline.

`load_registry(path)` accepts that file, an npm package directory (or its `data/` directory)
or an npm `.tgz`, and always returns a validated `Registry`: the import never sees raw
Etalab data, so a newer release only has to go through `convert_decoupage`.

Every problem is raised as `RegistryError` with a French message, before any database write.
"""

import gzip
import io
import json
import tarfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

FORMAT_NAME = "entente-territories"
FORMAT_VERSION = 2
SOURCE_PACKAGE = "@etalab/decoupage-administratif"
SHIPPED_VERSION = "6.0.0"
DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_SOURCE = DATA_DIR / f"decoupage-administratif-{SHIPPED_VERSION}.json.gz"
NPM_FILES = ("communes", "epci", "departements", "regions")

# Column names of the positional rows, per kind. Stored in the file too, so that a file
# written by another version of this module is refused instead of misread.
# `tncc` is Insee's "type de nom en clair" (0–8), Etalab's `typeLiaison`: it says which
# article and which "de" form a name takes (see entente.core.french).
# An EPCI's `population` is the sum of its member communes' (same year as theirs); the
# source's own figures, from the DGCL/BANATIC list of an older year, are kept apart.
FIELDS = {
    "regions": ["code", "name", "tncc", "seat_code", "population", "population_total"],
    "departements": ["code", "name", "tncc", "region", "seat_code", "population", "population_total"],
    "epci": [
        "code", "name", "epci_kind", "departement", "region", "population", "population_total",
        "source_population", "source_population_total",
    ],
    "communes": [
        "code", "name", "tncc", "departement", "region", "epci", "siren",
        "population", "population_total", "postal_codes",
    ],
}
# Expected type of each column: str, int, or None-able variants.
_STR, _INT, _OPT_STR, _OPT_INT = "str", "int", "str?", "int?"
_COLUMN_TYPES = {
    "code": _STR, "name": _STR, "seat_code": _STR, "region": _OPT_STR, "departement": _OPT_STR,
    "epci": _OPT_STR, "epci_kind": _STR, "siren": _STR, "postal_codes": _STR,
    "population": _INT, "population_total": _OPT_INT, "tncc": _OPT_INT,
    "source_population": _OPT_INT, "source_population_total": _OPT_INT,
}

# The millésime of the legal populations in each release, which the JSON does not say.
# 6.0.0: communes carry Insee's "populations légales 2023" (in force on 1 January 2026;
# upstream commit f50febe "Update pop 2023", Insee page 8680726); total populations and the
# EPCI figures come from the DGCL list epcicom2025 (columns ptot_2025/pmun_2025: the
# populations in force in 2025, i.e. millésime 2022). Checked on Tours (37261): 139,259 in
# communes.json, 138,668 in its EPCI's member list.
POPULATION_YEARS = {
    "6.0.0": {"population_year": 2023, "population_total_year": 2022},
}
# Insee's TNCC codes run from 0 to 8; anything else is a corrupt file.
MAX_TNCC = 8

# Etalab's EPCI "type" → our EpciKind. The Métropole de Lyon is a collectivité à statut
# particulier (MET69) but cooperates as a métropole.
EPCI_KINDS = {"CC": "CC", "CA": "CA", "CU": "CU", "METRO": "METRO", "MET69": "METRO"}


class RegistryError(Exception):
    """A source that cannot be imported; the message is French and names the problem."""


@dataclass
class Registry:
    """Validated rows, one dict per territory, keyed by the names in FIELDS."""

    version: str
    regions: list[dict]
    departements: list[dict]
    epci: list[dict]
    communes: list[dict]
    # Millésime of `population` and of `population_total` (and of the EPCI source figures).
    population_year: int | None = None
    population_total_year: int | None = None

    def counts(self) -> dict[str, int]:
        return {kind: len(getattr(self, kind)) for kind in FIELDS}


# --- Conversion from Etalab's package -------------------------------------------------------


def convert_decoupage(raw: dict[str, list], version: str) -> dict:
    """Turn Etalab's four JSON lists into our compact document (see FIELDS).

    Keeps current communes only (no communes déléguées/associées, no arrondissements
    municipaux) and every EPCI; EPT are not EPCI à fiscalité propre and are left out.
    """
    communes = [c for c in _list_of_dicts(raw, "communes") if c.get("type") == "commune-actuelle"]
    epcis = _list_of_dicts(raw, "epci")
    departements = _list_of_dicts(raw, "departements")
    regions = _list_of_dicts(raw, "regions")

    # Etalab gives the total population of a commune only inside its EPCI's member list.
    epci_of_commune, total_of_commune = {}, {}
    for epci in epcis:
        for member in _require(epci, "membres", list, "epci"):
            code = _require(member, "code", str, "epci.membres")
            epci_of_commune[code] = _require(epci, "code", str, "epci")
            if isinstance(member.get("populationTotale"), int):
                total_of_commune[code] = member["populationTotale"]

    commune_rows = [_commune_row(c, epci_of_commune, total_of_commune) for c in communes]
    sums = _population_sums(commune_rows)
    departement_of_commune = {row[0]: row[3] for row in commune_rows}
    population_of_commune = {row[0]: row[7] for row in commune_rows}
    total_of_commune = {row[0]: row[8] for row in commune_rows}
    region_of_departement = {}
    departement_rows = []
    for dep in departements:
        code = _require(dep, "code", str, "departements")
        region_of_departement[code] = _optional(dep, "region", str, "departements")
        departement_rows.append([
            code, _require(dep, "nom", str, "departements"), _tncc(dep, "departements"), region_of_departement[code],
            _optional(dep, "chefLieu", str, "departements") or "",
            *sums[("departement", code)],
        ])
    region_rows = [
        [
            _require(reg, "code", str, "regions"), _require(reg, "nom", str, "regions"), _tncc(reg, "regions"),
            _optional(reg, "chefLieu", str, "regions") or "", *sums[("region", reg["code"])],
        ]
        for reg in regions
    ]
    epci_rows = [
        _epci_row(epci, departement_of_commune, population_of_commune, total_of_commune, region_of_departement)
        for epci in epcis
    ]
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "source": f"{SOURCE_PACKAGE} {version}",
        "version": version,
        **POPULATION_YEARS.get(version, {"population_year": None, "population_total_year": None}),
        "fields": FIELDS,
        "regions": region_rows,
        "departements": departement_rows,
        "epci": epci_rows,
        "communes": commune_rows,
    }


def _epci_row(epci, departement_of_commune, population_of_commune, total_of_commune, region_of_departement):
    """An EPCI with the sums of its current members' populations, and the source's own figures.

    The source's figures (DGCL/BANATIC) are of an older millésime than the communes': adding
    the members keeps one year throughout, so that a split by inhabitants between an EPCI and
    a commune compares like with like.
    """
    main_departement = _main_departement(epci["membres"], departement_of_commune, population_of_commune)
    members = [member["code"] for member in epci["membres"] if member["code"] in population_of_commune]
    totals = [total_of_commune[code] for code in members if total_of_commune[code] is not None]
    return [
        epci["code"], _require(epci, "nom", str, "epci"), _epci_kind(epci),
        main_departement, region_of_departement.get(main_departement),
        sum(population_of_commune[code] for code in members),
        sum(totals) if totals else None,
        _require(epci, "populationMunicipale", int, "epci"),
        _optional(epci, "populationTotale", int, "epci"),
    ]


def _commune_row(commune, epci_of_commune, total_of_commune) -> list:
    code = _require(commune, "code", str, "communes")
    postal_codes = _optional(commune, "codesPostaux", list, "communes") or []
    return [
        code,
        _require(commune, "nom", str, "communes"),
        _tncc(commune, "communes"),
        _optional(commune, "departement", str, "communes"),
        _optional(commune, "region", str, "communes"),
        epci_of_commune.get(code),
        _optional(commune, "siren", str, "communes") or "",
        # A few uninhabited communes (TAAF, Clipperton) have no population at all.
        _optional(commune, "population", int, "communes") or 0,
        total_of_commune.get(code),
        " ".join(str(p) for p in postal_codes),
    ]


def _population_sums(commune_rows) -> dict:
    """(kind, code) → [municipale, totale] summed over communes.

    Communes outside any EPCI (islands, collectivités d'outre-mer) have no total population
    in the source: their municipal population stands in, the closest figure we have. A
    territory none of whose communes has a total gets None rather than a made-up figure.
    """
    sums = defaultdict(lambda: [0, None])
    for _code, _name, _tncc, departement, region, _epci, _siren, population, total, _postal in commune_rows:
        for key in (("departement", departement), ("region", region)):
            entry = sums[key]
            entry[0] += population
            if total is not None or entry[1] is not None:
                entry[1] = (entry[1] or 0) + (population if total is None else total)
    return sums


def _main_departement(members, departement_of_commune, population_of_commune) -> str | None:
    """The département holding most of the EPCI's population (the source has no seat)."""
    weights = Counter()
    for member in members:
        departement = departement_of_commune.get(member["code"])
        if departement:
            weights[departement] += population_of_commune.get(member["code"], 0) + 1
    if not weights:
        return None
    # Ties broken by code so that two conversions of the same data agree.
    return min(weights, key=lambda dep: (-weights[dep], dep))


def _tncc(item, where) -> int | None:
    """Insee's TNCC (Etalab's typeLiaison); None where the source has none (some COM communes)."""
    tncc = _optional(item, "typeLiaison", int, where)
    if tncc is not None and not 0 <= tncc <= MAX_TNCC:
        raise RegistryError(f"{where}.json : typeLiaison {tncc} hors de 0–{MAX_TNCC} ({_describe(item)}).")
    return tncc


def _epci_kind(epci) -> str:
    kind = _require(epci, "type", str, "epci")
    if kind not in EPCI_KINDS:
        raise RegistryError(f"EPCI {epci.get('code')} : nature « {kind} » inconnue dans epci.json.")
    return EPCI_KINDS[kind]


def _list_of_dicts(raw, name) -> list[dict]:
    items = raw.get(name)
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise RegistryError(f"{name}.json : une liste d'objets JSON est attendue.")
    if not items:
        raise RegistryError(f"{name}.json est vide.")
    return items


def _require(item, key, kind, where):
    value = item.get(key)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise RegistryError(f"{where}.json : champ « {key} » manquant ou invalide ({_describe(item)}).")
    return value


def _optional(item, key, kind, where):
    if item.get(key) is None:
        return None
    return _require(item, key, kind, where)


def _describe(item) -> str:
    return f"code {item['code']}" if isinstance(item.get("code"), str) else "élément sans code"


# --- Reading sources -----------------------------------------------------------------------


def load_registry(path: str | Path | None = None) -> Registry:
    """Read and validate any supported source; raises RegistryError on any problem."""
    path = Path(path) if path else DEFAULT_SOURCE
    if not path.exists():
        raise RegistryError("fichier introuvable.")
    if path.is_dir():
        document = convert_decoupage(*_read_npm_directory(path))
    elif path.name.endswith((".tgz", ".tar.gz")):
        document = convert_decoupage(*_read_npm_tarball(path))
    else:
        document = _read_json(path)
    return parse_document(document)


def write_registry(document: dict, path: str | Path) -> None:
    """Write our compact document; mtime=0 keeps the committed file byte-identical on re-runs."""
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    with open(path, "wb") as raw_file, gzip.GzipFile(fileobj=raw_file, mode="wb", mtime=0, filename="") as gz:
        gz.write(payload)


def _read_json(path: Path):
    try:
        with open(path, "rb") as handle:
            head = handle.read(2)
            handle.seek(0)
            data = gzip.decompress(handle.read()) if head == b"\x1f\x8b" else handle.read()
        return json.loads(data)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise RegistryError(f"archive gzip illisible ou tronquée ({error}).") from error
    except UnicodeDecodeError as error:
        raise RegistryError("le fichier n'est pas du texte UTF-8.") from error
    except json.JSONDecodeError as error:
        raise RegistryError(f"JSON invalide ou tronqué (ligne {error.lineno}, colonne {error.colno}).") from error
    except OSError as error:
        raise RegistryError(f"lecture impossible ({error.strerror or error}).") from error


def _read_npm_directory(path: Path) -> tuple[dict, str]:
    data_dir = path / "data" if (path / "data").is_dir() else path
    raw = {}
    for name in NPM_FILES:
        file_path = data_dir / f"{name}.json"
        if not file_path.exists():
            raise RegistryError(f"{name}.json absent du dossier {data_dir}.")
        try:
            raw[name] = _read_json(file_path)
        except RegistryError as error:
            raise RegistryError(f"{name}.json : {error}") from error
    version = _package_version(data_dir.parent / "package.json") or _package_version(data_dir / "package.json")
    return raw, version or "inconnue"


def _read_npm_tarball(path: Path) -> tuple[dict, str]:
    try:
        with tarfile.open(path, "r:gz") as archive:
            members = {member.name: member for member in archive.getmembers() if member.isfile()}
            raw = {name: _json_member(archive, members, f"package/data/{name}.json") for name in NPM_FILES}
            package = _json_member(archive, members, "package/package.json")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise RegistryError(f"archive npm illisible ou tronquée ({error}).") from error
    version = package.get("version") if isinstance(package, dict) else None
    return raw, str(version or "inconnue")


def _json_member(archive, members, name):
    if name not in members:
        raise RegistryError(f"{name} absent de l'archive npm.")
    try:
        return json.load(io.TextIOWrapper(archive.extractfile(members[name]), encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise RegistryError(f"{name} : JSON invalide dans l'archive npm.") from error


def _package_version(path: Path) -> str | None:
    try:
        version = json.loads(path.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError, AttributeError):
        return None
    return version if isinstance(version, str) else None


# --- Validating our compact document -------------------------------------------------------


def parse_document(document) -> Registry:
    """Check the compact document's shape row by row and turn rows into dicts."""
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise RegistryError(
            f"ce n'est pas un référentiel « {FORMAT_NAME} » (ni un paquet npm {SOURCE_PACKAGE})."
        )
    if document.get("format_version") != FORMAT_VERSION or document.get("fields") != FIELDS:
        raise RegistryError(
            f"version de format {document.get('format_version')!r} non prise en charge "
            f"(attendue : {FORMAT_VERSION})."
        )
    parsed = {kind: _parse_rows(document.get(kind), kind) for kind in FIELDS}
    for kind, rows in parsed.items():
        if not rows:
            raise RegistryError(f"aucune ligne dans « {kind} ».")
        duplicates = [code for code, count in Counter(row["code"] for row in rows).items() if count > 1]
        if duplicates:
            raise RegistryError(f"code en double dans « {kind} » : {duplicates[0]}.")
    _check_references(parsed)
    years = {key: document.get(key) for key in ("population_year", "population_total_year")}
    for key, year in years.items():
        if year is not None and not (isinstance(year, int) and 1900 < year < 2200):
            raise RegistryError(f"millésime « {key} » invalide : {year!r}.")
    return Registry(version=str(document.get("version", "inconnue")), **parsed, **years)


# Which column points to which section; a dangling code means a corrupt or partial file.
_REFERENCES = [
    ("departements", "region", "regions"),
    ("epci", "departement", "departements"),
    ("epci", "region", "regions"),
    ("communes", "departement", "departements"),
    ("communes", "region", "regions"),
    ("communes", "epci", "epci"),
]


def _check_references(parsed) -> None:
    codes = {kind: {row["code"] for row in rows} for kind, rows in parsed.items()}
    for kind, column, target in _REFERENCES:
        for row in parsed[kind]:
            if row[column] is not None and row[column] not in codes[target]:
                raise RegistryError(
                    f"« {kind} » {row['code']} : {column} {row[column]} absent de « {target} »."
                )


def _parse_rows(rows, kind) -> list[dict]:
    if not isinstance(rows, list):
        raise RegistryError(f"la section « {kind} » manque ou n'est pas une liste.")
    names = FIELDS[kind]
    parsed = []
    for index, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(names):
            raise RegistryError(f"« {kind} », ligne {index + 1} : {len(names)} colonnes attendues.")
        for name, value in zip(names, row, strict=True):
            if not _has_type(value, _COLUMN_TYPES[name]) or (name == "tncc" and (value or 0) > MAX_TNCC):
                raise RegistryError(f"« {kind} », ligne {index + 1} : valeur invalide pour « {name} ».")
        parsed.append(dict(zip(names, row, strict=True)))
    return parsed


def _has_type(value, expected) -> bool:
    if value is None:
        return expected.endswith("?")
    if expected.startswith("int"):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return isinstance(value, str)


if __name__ == "__main__":
    # Regenerates the shipped file: python -m entente.territories.registry <npm dir or .tgz> [dest]
    import sys

    source = Path(sys.argv[1])
    raw, version = _read_npm_tarball(source) if source.is_file() else _read_npm_directory(source)
    document = convert_decoupage(raw, version)
    parse_document(document)
    write_registry(document, sys.argv[2] if len(sys.argv) > 2 else DEFAULT_SOURCE)
