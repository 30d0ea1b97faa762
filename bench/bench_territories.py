"""Territory search latency on the full registry, against a bare indexed prefix query.

    .venv/bin/python bench/bench_territories.py

Builds a throwaway SQLite database, imports the shipped registry, then times ~300 realistic
queries (name prefixes, full names, "st …" variants, two words, codes, postal codes) through
`search_territories`, warm. The reference runs, for the same queries, the cheapest thing an
index can do: one prefix range on the token table with LIMIT 20. Prints one line:

    bench: territory-search-p95: <ms> ms (<ratio>x raw-indexed-prefix-query)

Each figure is the median over several passes of the 95th percentile over the queries.
"""

import itertools
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSES = 5
QUERY_COUNT = 300
SEED = 20260


def setup_django() -> None:
    directory = tempfile.mkdtemp(prefix="entente-bench-territories-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "entente.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("import_territories", verbosity=0)


def realistic_queries(count: int) -> list[str]:
    """What people type in a territory box, drawn from the registry itself (seeded)."""
    from entente.core.text import fold
    from entente.territories.models import Territory

    rng = random.Random(SEED)
    rows = list(
        Territory.objects.values_list("kind", "code", "name", "postal_codes", "population").order_by("kind", "code")
    )
    # Bigger places are searched more often: communes weighted by the square root of their
    # population; a quarter of the queries aim at EPCI, départements and régions.
    communes = [r for r in rows if r[0] == "commune"]
    weights = list(itertools.accumulate(math.sqrt(r[4]) + 10 for r in communes))
    others = [r for r in rows if r[0] != "commune"]
    makers = [
        lambda name: name,  # the exact name, as written
        lambda name: fold(name)[: rng.randint(3, 6)],  # the first letters, while typing
        lambda name: fold(name),  # without accents
        lambda name: " ".join(word[:4] for word in fold(name).split()[:2]),  # two word prefixes
        lambda name: name.lower().replace("saint", "st").replace("-", " "),  # the "st" habit
        lambda name: fold(name).split()[-1],  # a later word ("gereon")
    ]
    queries = []
    while len(queries) < count:
        if rng.random() < 0.25:
            _kind, code, name, postal_codes, _population = rng.choice(others)
        else:
            _kind, code, name, postal_codes, _population = rng.choices(communes, cum_weights=weights)[0]
        roll = rng.random()
        if roll < 0.07:
            queries.append(code)  # INSEE or SIREN
        elif roll < 0.12 and postal_codes:
            queries.append(postal_codes.split()[0])
        else:
            query = rng.choice(makers)(name).strip()
            if query:
                queries.append(query)
    return queries


def timed_ms(function) -> float:
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def measure(queries: list[str]) -> tuple[float, float]:
    from django.db import connection

    from entente.core.text import search_tokens
    from entente.territories.selectors import prefix_upper_bound, search_territories

    def ours(query):
        return lambda: search_territories(query, limit=20)

    def raw(query):
        tokens = sorted(search_tokens(query), key=len, reverse=True) or [""]
        token = tokens[0]
        upper = prefix_upper_bound(token) or "{"

        def run():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT territory_id FROM territories_territorytoken WHERE token >= %s AND token < %s LIMIT 20",
                    [token, upper],
                )
                cursor.fetchall()

        return run

    ours_calls, raw_calls = [ours(q) for q in queries], [raw(q) for q in queries]
    for call in ours_calls + raw_calls:  # warm caches and SQLite's page cache
        call()
    ours_p95, raw_p95 = [], []
    for _ in range(PASSES):
        ours_p95.append(p95([timed_ms(call) for call in ours_calls]))
        raw_p95.append(p95([timed_ms(call) for call in raw_calls]))
    return statistics.median(ours_p95), statistics.median(raw_p95)


def main() -> None:
    setup_django()
    ours, reference = measure(realistic_queries(QUERY_COUNT))
    print(f"bench: territory-search-p95: {ours:.1f} ms ({ours / reference:.1f}x raw-indexed-prefix-query)")


if __name__ == "__main__":
    main()
