"""Reads of the territory registry: search, and what a territory or organisation page shows."""

import re

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from entente.core.text import search_key, search_tokens

from .models import Organization, Territory, TerritoryKind, TerritoryToken

# Ranking by kind: the wider territory first, since a région or an EPCI named like a
# commune is the rarer and likelier target ("Tours Métropole" before the commune of Tours
# only when the query is not exactly "tours").
KIND_ORDER = [TerritoryKind.REGION, TerritoryKind.DEPARTEMENT, TerritoryKind.EPCI, TerritoryKind.COMMUNE]
ALL_KINDS = [kind.value for kind in KIND_ORDER]

# INSEE codes (01, 2A, 971, 44109, 2A004), SIREN (9 digits). A postal code is found through
# the tokens, like a word.
_CODE_PATTERN = re.compile(r"^(?:\d[\dab]\d{0,3}|\d{9})$", re.IGNORECASE)

# Tokens are made of [a-z0-9] only (see core.text.fold). The upper bound of a prefix range is
# the prefix with its last character incremented in that alphabet, so the bound itself stays
# in [a-z0-9] and sorts the same in SQLite's binary order and in any PostgreSQL collation.
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_NEXT = {char: _ALPHABET[index + 1] for index, char in enumerate(_ALPHABET[:-1])}

# Whatever the user types, the SQL stays small: at most this many words are matched.
MAX_QUERY_TOKENS = 6


def prefix_upper_bound(prefix: str) -> str | None:
    """Smallest [a-z0-9] string greater than every string starting with prefix (None if none)."""
    while prefix:
        last = prefix[-1]
        if last in _NEXT:
            return prefix[:-1] + _NEXT[last]
        prefix = prefix[:-1]  # "z" has no successor: carry to the previous character.
    return None


def as_code(query: str) -> str | None:
    """The query as a territory code, if it looks like one ("2a" → "2A")."""
    candidate = (query or "").strip()
    return candidate.upper() if _CODE_PATTERN.match(candidate) else None


# The search is built from small SQL fragments rather than Case/When and subquery objects:
# the ORM spent ~4 ms compiling those for a query the database answers in well under 1 ms.
# Columns are qualified because select_related joins the territory table to itself.
_TERRITORY = Territory._meta.db_table
_TOKEN = TerritoryToken._meta.db_table
_KIND_RANK_SQL = (
    f"CASE {_TERRITORY}.kind "
    + " ".join(f"WHEN '{kind.value}' THEN {rank}" for rank, kind in enumerate(KIND_ORDER))
    + f" ELSE {len(KIND_ORDER)} END"
)


def _is_saint_prefix(token: str) -> bool:
    # Names store "saint" as "st": someone typing "sai", "sain"… is on their way to a Saint-.
    return len(token) >= 3 and "saintes".startswith(token)


def _token_prefix_ids(prefix: str) -> RawSQL:
    """Ids of territories with a word starting with prefix: range scans on (token, territory)."""
    ranges = [_range_sql(prefix)]
    if _is_saint_prefix(prefix):
        ranges.append(_range_sql("st"))
    sql = " OR ".join(f"({condition})" for condition, _params in ranges)
    params = [param for _condition, range_params in ranges for param in range_params]
    return RawSQL(f"SELECT territory_id FROM {_TOKEN} WHERE {sql}", params)  # noqa: S608, S611


def _range_sql(prefix: str) -> tuple[str, list[str]]:
    upper = prefix_upper_bound(prefix)
    if upper is None:
        return "token >= %s", [prefix]
    return "token >= %s AND token < %s", [prefix, upper]


def _name_prefixes(tokens: list[str]) -> list[str]:
    """LIKE patterns for "the name starts with the query", "sain eti" also meaning "st eti…"."""
    patterns = [" ".join(tokens) + "%"]
    if _is_saint_prefix(tokens[0]):
        rest = " ".join(tokens[1:])
        patterns += [f"st {rest}%", f"ste {rest}%"]
    return patterns


def _match_rank(tokens: list[str], code: str | None) -> RawSQL:
    # Tokens are folded to [a-z0-9], so patterns need no LIKE escaping; LIKE is
    # case-insensitive on SQLite and case-sensitive on PostgreSQL, which agree on lower case.
    code_cases = (
        f"WHEN {_TERRITORY}.code = %s AND {_TERRITORY}.kind <> 'region' THEN 0 WHEN {_TERRITORY}.code = %s THEN 1 "
        if code else ""
    )
    patterns = _name_prefixes(tokens)
    starts_with = " OR ".join([f"{_TERRITORY}.search_name LIKE %s"] * len(patterns))
    sql = f"CASE {code_cases}WHEN {_TERRITORY}.search_name = %s THEN 2 WHEN {starts_with} THEN 3 ELSE 4 END"
    params = [*([code, code] if code else []), " ".join(tokens), *patterns]
    return RawSQL(sql, params, output_field=IntegerField())  # noqa: S611


def territory_search_queryset(query: str, kind: str | None = None) -> QuerySet:
    """Current territories matching every word of the query as a word prefix, best first.

    Order: a territory whose code is the query (a département before a région with the same
    number), then the exact name, then names starting with the query, then the others; within
    each group région, département, EPCI, commune, then larger population first, then code —
    a total order on integers and ASCII codes, so SQLite and PostgreSQL agree.
    """
    territories = Territory.objects.filter(is_current=True)
    if kind:
        territories = territories.filter(kind=kind)
    kind_rank = RawSQL(_KIND_RANK_SQL, [], output_field=IntegerField())  # noqa: S611
    tokens = search_tokens(query)[:MAX_QUERY_TOKENS]
    if not tokens:
        return territories.annotate(kind_rank=kind_rank).order_by("kind_rank", "-population", "code")
    # The longest word is usually the most selective one: let it drive the intersection.
    words_match = Q()
    for token in sorted(set(tokens), key=lambda token: (-len(token), token)):
        words_match &= Q(pk__in=_token_prefix_ids(token))
    code = as_code(query)
    if code:
        # `kind__in` with the unique (kind, code) index: one index probe per kind.
        words_match |= Q(kind__in=ALL_KINDS, code=code)
    return (
        territories.filter(words_match)
        .annotate(match_rank=_match_rank(tokens, code), kind_rank=kind_rank)
        .order_by("match_rank", "kind_rank", "-population", "code")
    )


def search_territories(query: str, kind: str | None = None, limit: int = 20) -> list[Territory]:
    """The best `limit` current territories for a free-text query or a code."""
    return list(territory_search_queryset(query, kind).select_related("departement")[:limit])


def organization_search_queryset(query: str, *, without_territory: bool = False) -> QuerySet:
    """Organisations whose name has a word starting with each word of the query.

    Organisations number in the thousands at most, so a LIKE on search_name is enough.
    """
    organizations = Organization.objects.select_related("territory")
    if without_territory:
        organizations = organizations.filter(territory__isnull=True)
    tokens = list(dict.fromkeys(search_tokens(query)))[:MAX_QUERY_TOKENS]
    for token in tokens:
        organizations = organizations.filter(
            Q(search_name__startswith=token) | Q(search_name__contains=f" {token}")
        )
    key = search_key(query)
    return organizations.annotate(
        match_rank=Case(
            When(search_name=key, then=Value(0)),
            When(search_name__startswith=key, then=Value(1)),
            default=Value(2), output_field=IntegerField(),
        ) if tokens else Value(0),
    ).order_by("match_rank", "search_name", "pk")


def search_organizations(query: str, limit: int = 20, *, without_territory: bool = False) -> list[Organization]:
    """Partners matching the query: collectivités (linked to a territory) and other organisations."""
    return list(organization_search_queryset(query, without_territory=without_territory)[:limit])


def kind_label(territory: Territory) -> str:
    """What the partner picker shows after the name: "Métropole", "Commune, 44"…"""
    label = territory.kind_label
    if territory.kind == TerritoryKind.COMMUNE and territory.departement_id:
        label = f"{label}, {territory.departement.code}"
    return label


def legal_populations_label(territories, *, total: bool = False) -> str:
    """Which legal populations a set of territories counts, for a split or a weighted vote.

    "population municipale, populations légales 2023"; "…, millésime non précisé" when one of
    them has no year (a registry without it), never a year we do not know.
    """
    territories = [territory for territory in territories if territory is not None]
    if total:
        years = {t.population_total_year if t.population_total is not None else t.population_year for t in territories}
        kind = "population totale"
    else:
        years = {t.population_year for t in territories}
        kind = "population municipale"
    if not years or None in years:
        return f"{kind}, millésime non précisé"
    return f"{kind}, populations légales {' et '.join(str(year) for year in sorted(years))}"
