"""Changes to the territory registry: the import, and the organisation of a collectivité."""

from dataclasses import dataclass, field

from django.db import connection, transaction

from entente.core.text import search_key, search_tokens

from .models import Organization, OrganizationKind, Territory, TerritoryKind, TerritoryToken
from .registry import Registry

# Parents first, so that each level can point to the ids of the level above it.
IMPORT_ORDER = [
    ("regions", TerritoryKind.REGION),
    ("departements", TerritoryKind.DEPARTEMENT),
    ("epci", TerritoryKind.EPCI),
    ("communes", TerritoryKind.COMMUNE),
]
# The columns the import owns; anything else on Territory is left as it is.
SYNCED_FIELDS = [
    "name", "search_name", "tncc", "population", "population_total", "population_year", "population_total_year",
    "source_population", "source_population_total", "epci_kind", "siren",
    "departement_id", "region_id", "epci_id", "seat_code", "postal_codes", "is_current",
]
CHUNK = 2000


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    retired: int = 0
    tokens_added: int = 0
    tokens_removed: int = 0


# A new release of the registry retires a few hundred communes at most (communes nouvelles); a
# truncated or wrong file would retire most of them. Above this share of one level, the import
# stops unless the operator confirms (--force): retiring is undone only by importing again.
MAX_RETIRED_SHARE = 0.05
MIN_RETIRED_TO_CHECK = 3  # a handful of territories is never « a large share »
RETIRED_LABELS = {
    TerritoryKind.REGION: "régions",
    TerritoryKind.DEPARTEMENT: "départements",
    TerritoryKind.EPCI: "EPCI",
    TerritoryKind.COMMUNE: "communes",
}


class MassRetirement(Exception):
    """The source would retire a large share of a level; the message is French and gives the counts."""


def check_retirements(registry: Registry) -> None:
    """Refuse a source that would retire more than MAX_RETIRED_SHARE of the current territories of a level."""
    problems = []
    for section, kind in IMPORT_ORDER:
        current = set(Territory.objects.filter(kind=kind, is_current=True).values_list("code", flat=True))
        retired = len(current - {row["code"] for row in getattr(registry, section)})
        if retired >= MIN_RETIRED_TO_CHECK and retired > MAX_RETIRED_SHARE * len(current):
            problems.append(f"{retired} {RETIRED_LABELS[kind]} sur {len(current)}")
    if problems:
        raise MassRetirement(
            "cette source retirerait du référentiel en vigueur " + ", ".join(problems)
            + ". Un fichier tronqué ou d'une autre nature ? Vérifiez la source ; si ce retrait est voulu, "
            "relancez avec --force."
        )


class _NoProgress:
    def update(self, _count):
        pass


def import_registry(registry: Registry, progress=None, index_progress=None, *, force: bool = False) -> ImportReport:
    """Make the database match the registry, in one transaction.

    Only rows that differ are written, so a second run with the same source writes nothing.
    Territories the source no longer lists are marked `is_current=False`, not deleted:
    organisations and cooperations may still point to a merged commune or a dissolved EPCI.
    `progress` is anything with `update(n)` (a tqdm bar); it advances once per territory
    written or checked. `index_progress` advances once per territory while rebuilding the
    search tokens (the same bar when not given, which then counts each territory twice).
    """
    progress = progress or _NoProgress()
    index_progress = index_progress or progress
    report = ImportReport(counts=registry.counts())
    with transaction.atomic():
        if not force:
            check_retirements(registry)  # before any write
        existing = _existing_rows()
        ids: dict[tuple[str, str], int] = {}
        for section, kind in IMPORT_ORDER:
            rows = getattr(registry, section)
            wanted = [_territory_from_row(kind, row, ids, registry) for row in rows]
            report.created += sum(1 for t in wanted if (kind, t.code) not in existing)
            changed = [t for t in wanted if existing.get((kind, t.code), (None, None))[1] != _values(t)]
            report.updated += sum(1 for t in changed if (kind, t.code) in existing)
            _upsert(changed, progress, skipped=len(wanted) - len(changed))
            # Only the source's codes: `ids` doubles as the set of territories still current.
            wanted_codes = {t.code for t in wanted}
            ids.update(
                ((kind, code), pk)
                for code, pk in Territory.objects.filter(kind=kind).values_list("code", "pk")
                if code in wanted_codes
            )
        report.retired = _retire_missing(existing, ids)
        report.tokens_added, report.tokens_removed = _sync_tokens(registry, ids, index_progress)
        _refresh_planner_statistics()
    return report


def _refresh_planner_statistics() -> None:
    """Tell the query planner how the tables look after tens of thousands of rows changed.

    Without it PostgreSQL plans the search with the statistics of the empty tables (autovacuum
    comes later) and may pick a nested loop over every token: minutes instead of milliseconds.
    """
    tables = [Territory._meta.db_table, TerritoryToken._meta.db_table]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {', '.join(connection.ops.quote_name(t) for t in tables)}")
        else:
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _existing_rows() -> dict[tuple[str, str], tuple[int, tuple]]:
    rows = Territory.objects.values_list("pk", "kind", "code", *SYNCED_FIELDS)
    return {(kind, code): (pk, tuple(values)) for pk, kind, code, *values in rows.iterator(chunk_size=5000)}


def _territory_from_row(kind, row, ids, registry) -> Territory:
    """An unsaved Territory holding the row's values, with parent codes resolved to ids."""
    is_epci = kind == TerritoryKind.EPCI
    return Territory(
        kind=kind,
        code=row["code"],
        name=row["name"],
        search_name=search_key(row["name"]),
        tncc=row.get("tncc"),
        population=row["population"],
        population_total=row["population_total"],
        population_year=registry.population_year,
        population_total_year=registry.population_total_year,
        source_population=row.get("source_population"),
        source_population_total=row.get("source_population_total"),
        epci_kind=row["epci_kind"] if is_epci else "",
        # An EPCI's SIREN is its code; communes carry theirs; départements and régions have none here.
        siren=row["code"] if is_epci else row.get("siren", ""),
        departement_id=ids.get((TerritoryKind.DEPARTEMENT, row.get("departement"))),
        region_id=ids.get((TerritoryKind.REGION, row.get("region"))),
        epci_id=ids.get((TerritoryKind.EPCI, row.get("epci"))),
        seat_code=row.get("seat_code", ""),
        postal_codes=row.get("postal_codes", ""),
        is_current=True,
    )


def _values(territory: Territory) -> tuple:
    return tuple(getattr(territory, name) for name in SYNCED_FIELDS)


def _upsert(territories, progress, skipped):
    # INSERT … ON CONFLICT (kind, code) DO UPDATE: one statement per batch for new and changed
    # rows alike, on SQLite and PostgreSQL; bulk_update's CASE WHEN would be far slower.
    progress.update(skipped)
    for start in range(0, len(territories), CHUNK):
        chunk = territories[start:start + CHUNK]
        Territory.objects.bulk_create(
            chunk, update_conflicts=True, unique_fields=["kind", "code"], update_fields=SYNCED_FIELDS,
        )
        progress.update(len(chunk))


def _retire_missing(existing, ids) -> int:
    stale = [pk for key, (pk, values) in existing.items() if key not in ids and values[-1]]
    for start in range(0, len(stale), CHUNK):
        Territory.objects.filter(pk__in=stale[start:start + CHUNK]).update(is_current=False)
    return len(stale)


def territory_tokens(name: str, postal_codes: str = "") -> set[str]:
    """The words a territory is found by: its folded name words and its postal codes."""
    return {token[:80] for token in search_tokens(name)} | set(postal_codes.split())


def _sync_tokens(registry, ids, progress) -> tuple[int, int]:
    """Make TerritoryToken hold exactly the tokens of current territories; returns (added, removed)."""
    wanted = set()
    for section, kind in IMPORT_ORDER:
        for row in getattr(registry, section):
            pk = ids[(kind, row["code"])]
            wanted.update((pk, token) for token in territory_tokens(row["name"], row.get("postal_codes", "")))
            progress.update(1)
    existing = {
        (territory_id, token): pk
        for pk, territory_id, token in TerritoryToken.objects.values_list("pk", "territory_id", "token").iterator(
            chunk_size=10000
        )
    }
    stale = [pk for key, pk in existing.items() if key not in wanted]
    for start in range(0, len(stale), CHUNK * 5):
        TerritoryToken.objects.filter(pk__in=stale[start:start + CHUNK * 5]).delete()
    missing = sorted(wanted - existing.keys())
    _insert_tokens(missing)
    return len(missing), len(stale)


def _insert_tokens(rows: list[tuple[int, str]]) -> None:
    # ~100,000 two-column rows. Model instances would cost more than the inserts themselves,
    # and psycopg's executemany is slower than multi-row VALUES, so: multi-row VALUES, sized
    # to the backend's parameter limit (999 on SQLite for Django).
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(TerritoryToken._meta.db_table)
    columns = ", ".join(quote(TerritoryToken._meta.get_field(name).column) for name in ("territory", "token"))
    per_statement = min(1000, (connection.features.max_query_params or 2000) // 2)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start:start + per_statement]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            sql = f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608 — names from _meta
            cursor.execute(sql, [value for row in chunk for value in row])


def organization_for_territory(territory: Territory) -> Organization:
    """The collectivité of a territory, created on first use (the partner picker relies on it)."""
    organization, _created = Organization.objects.get_or_create(
        territory=territory,
        defaults={"name": territory.name, "kind": OrganizationKind.LOCAL_AUTHORITY, "siren": territory.siren},
    )
    return organization
