"""Importing 100,000 indicator values from a CSV file.

indicators-import-100k: 50 indicators × 100 partner communes × 20 years, one row each, French
numbers, through the same function as the import job (reading, checking every line, writing the
values and their history in one transaction). Printed in values per second, with its ratio to a bare
`bulk_create` of the same 100,000 rows (no reading, no check, no history). Goal: a ratio of at least 0.3.

    .venv/bin/python bench/bench_indicators.py            # SQLite, then PostgreSQL if BENCH_POSTGRES_URL
    .venv/bin/python bench/bench_indicators.py postgres   # PostgreSQL only
"""

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, not_measured, setup_django  # noqa: E402

INDICATORS, PARTNERS, YEARS = 50, 100, 20


def build():
    from entente.accounts.factories import UserFactory
    from entente.cooperations.factories import CooperationFactory, PartnershipFactory
    from entente.insights.models import Indicator
    from entente.territories.factories import OrganizationFactory, TerritoryFactory

    user = UserFactory()
    cooperation = CooperationFactory(name="Banc d'essai des indicateurs")
    territories = []
    for index in range(PARTNERS):
        territory = TerritoryFactory(code=f"B{index:04d}", name=f"Commune {index}")
        PartnershipFactory(
            cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
        )
        territories.append(territory)
    indicators = [
        Indicator.objects.create(cooperation=cooperation, code=f"indicateur-{i}", name=f"Indicateur {i}")
        for i in range(INDICATORS)
    ]
    return user, cooperation, territories, indicators


def csv_content(territories, indicators) -> bytes:
    lines = ["Code;Année;Indicateur;Valeur"]
    for indicator in indicators:
        for territory in territories:
            for year in range(2006, 2006 + YEARS):
                lines.append(
                    f"{territory.code};{year};{indicator.code};{1 + year % 97} {year % 1000:03d},{year % 7}"
                )
    return ("\n".join(lines) + "\n").encode("utf-8")


def run(database: str) -> None:
    suffix = "" if database == "sqlite" else "-postgres"
    try:
        setup_django(database)
    except NotMeasurable as reason:
        not_measured(f"indicators-import-100k{suffix}", str(reason))
        return
    from decimal import Decimal

    from entente.insights.indicator_imports import Mapping, import_values
    from entente.insights.models import IndicatorValue, ValueOrigin

    user, cooperation, territories, indicators = build()
    content = csv_content(territories, indicators)
    mapping = Mapping(
        code_column="Code", code_kind="insee", year_column="Année", indicator_column="Indicateur", value_column="Valeur"
    )
    start = time.perf_counter()
    result = import_values(cooperation=cooperation, file_name="bench.csv", content=content, mapping=mapping, by=user)
    imported = time.perf_counter() - start
    assert result.error_count == 0 and result.created == INDICATORS * PARTNERS * YEARS, result.errors[:3]
    rows = [(v.indicator_id, v.territory_id, v.year, v.value) for v in IndicatorValue.objects.all()]
    IndicatorValue.history.all().delete()
    IndicatorValue.objects.all().delete()
    start = time.perf_counter()
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                indicator_id=i, territory_id=t, year=y, value=Decimal(v), origin=ValueOrigin.IMPORT, updated_by=user
            )
            for i, t, y, v in rows
        ],
        batch_size=2000,
    )
    bare = time.perf_counter() - start
    count = len(rows)
    line(
        f"indicators-import-100k{suffix}",
        float(count / imported),
        "values/s",
        (count / imported) / (count / bare),
        "bare bulk insert",
    )


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else ""
    if target:
        run(target)
        return
    run("sqlite")
    if os.environ.get("BENCH_POSTGRES_URL"):
        subprocess.run([sys.executable, __file__, "postgres"], check=False)
    else:
        not_measured("indicators-import-100k-postgres", "pas de PostgreSQL de test (BENCH_POSTGRES_URL absent)")


if __name__ == "__main__":
    main()
