"""Benchmarks of reflexivity: the results of a maturity campaign.

maturity-results-300: results of an anonymous campaign with 300 answers × 12 thresholds (per threshold,
per partner with small groups pooled, comments, the change since the previous campaign of 300 answers),
in ms, with its ratio to the same results over 30 answers; and the query counts of both (they must match).

    .venv/bin/python bench/bench_reflexivity.py            # SQLite, then PostgreSQL if BENCH_POSTGRES_URL
    .venv/bin/python bench/bench_reflexivity.py postgres   # PostgreSQL only
"""

import datetime
import os
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, median_ms, not_measured, setup_django  # noqa: E402

PARTNERS = 25


def build_campaign(cooperation, partners, title, answers, days_ago, seed):
    from django.utils import timezone

    from entente.reflexivity.keys import respondent_key
    from entente.reflexivity.maturity_models import MaturityCampaign, MaturityResponse
    from entente.reflexivity.maturity_thresholds import THRESHOLD_CODES, MaturityLevel

    # Closed a day after opening: an anonymous campaign publishes its results only once closed.
    opened_at = timezone.now() - datetime.timedelta(days=days_ago)
    campaign = MaturityCampaign.objects.create(
        cooperation=cooperation, title=title, opened_at=opened_at, closed_at=opened_at + datetime.timedelta(days=1)
    )
    rng = random.Random(seed)
    levels = MaturityLevel.values
    MaturityResponse.objects.bulk_create(
        [
            MaturityResponse(
                campaign=campaign,
                respondent_key=respondent_key(campaign.salt, f"bench:{index}"),
                partner=partners[index % len(partners)] if index % 7 else partners[0],
                ratings={code: rng.choice(levels) for code in THRESHOLD_CODES},
                comments={"parite": f"Commentaire {index}"} if index % 10 == 0 else {},
            )
            for index in range(answers)
        ]
    )
    return campaign


def measure(campaign):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from entente.reflexivity.maturity_results import campaign_results

    with CaptureQueriesContext(connection) as queries:
        results = campaign_results(campaign)
    assert results.shown and results.answers > 0 and results.previous is not None
    return median_ms(lambda: campaign_results(campaign), runs=9), len(queries)


def run(database):
    suffix = "" if database == "sqlite" else "-postgres"
    try:
        setup_django(database)
    except NotMeasurable as reason:
        not_measured(f"maturity-results-300{suffix}", str(reason))
        return
    from entente.cooperations.factories import CooperationFactory, PartnershipFactory

    big, small = CooperationFactory(name="Trois cents"), CooperationFactory(name="Trente")
    for cooperation, answers, name in ((big, 300, "big"), (small, 30, "small")):
        partners = [PartnershipFactory(cooperation=cooperation) for _ in range(PARTNERS)]
        build_campaign(cooperation, partners, "Précédente", answers, 400, seed=1)
        campaign = build_campaign(cooperation, partners, "Actuelle", answers, 10, seed=2)
        if name == "big":
            big_campaign = campaign
        else:
            small_campaign = campaign
    big_ms, big_queries = measure(big_campaign)
    small_ms, small_queries = measure(small_campaign)
    line(f"maturity-results-300{suffix}", big_ms, "ms", big_ms / small_ms, "maturity-results-30")
    line(
        f"maturity-results-300-queries{suffix}",
        big_queries,
        "requêtes",
        big_queries / small_queries,
        "maturity-results-30-queries",
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
        not_measured("maturity-results-300-postgres", "pas de PostgreSQL de test (BENCH_POSTGRES_URL absent)")


if __name__ == "__main__":
    main()
