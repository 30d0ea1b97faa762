"""Shared set-up for benchmark scripts: a fresh throwaway database, migrated.

    from _django import setup_django, median_ms, line
    setup_django("sqlite")   # or "postgres" (needs BENCH_POSTGRES_URL, set by `make bench`)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class NotMeasurable(Exception):
    """Raised when a figure cannot be measured here; its message says why, in French."""


def setup_django(database: str = "sqlite", *, migrate: bool = True) -> str:
    if database == "postgres":
        url = os.environ.get("BENCH_POSTGRES_URL")
        if not url:
            raise NotMeasurable("pas de PostgreSQL de test (BENCH_POSTGRES_URL absent ; lancez `make bench`)")
        url = _fresh_postgres_database(url)
    else:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='entente-bench-')}/bench.sqlite3"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "entente.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
    return url


def _fresh_postgres_database(url: str) -> str:
    import uuid

    import psycopg

    name = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


def median_ms(function, runs: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def line(name: str, value: float, unit: str, ratio: float | None = None, reference: str = "") -> str:
    text = f"bench: {name}: {value:.1f} {unit}" if isinstance(value, float) else f"bench: {name}: {value} {unit}"
    if ratio is not None:
        text += f" ({ratio:.2f}x {reference})"
    print(text, flush=True)
    return text


def not_measured(name: str, reason: str) -> None:
    print(f"bench: {name}: non mesuré ({reason})", flush=True)
