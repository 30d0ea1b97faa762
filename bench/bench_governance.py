"""Benchmark of the decision register: a cooperation with 2,000 decisions and 5,000 follow-ups.

Prints the median time of the register page (and of "Mes suites à donner") and its ratio to the
same page for a cooperation with 20 decisions, plus the SQL query counts of both (they must match).

    .venv/bin/python bench/bench_governance.py            # SQLite, then PostgreSQL if BENCH_POSTGRES_URL
    .venv/bin/python bench/bench_governance.py postgres   # PostgreSQL only
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, median_ms, not_measured, setup_django  # noqa: E402


def build(cooperation_name, decisions, followups_per_decision_pattern, owner):
    from django.utils import timezone

    from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
    from entente.core.text import search_key
    from entente.governance.body_models import Body
    from entente.governance.decision_models import Decision, FollowUp
    from entente.governance.meeting_models import AgendaItem, Meeting

    cooperation = CooperationFactory(name=cooperation_name)
    partners = [PartnershipFactory(cooperation=cooperation) for _ in range(4)]
    MembershipFactory(cooperation=cooperation, user=owner, role="coordinateur", partner=partners[0])
    body = Body.objects.create(cooperation=cooperation, name="Conférence", kind="conference_entente")
    start = timezone.now() - datetime.timedelta(days=3000)
    meetings = Meeting.objects.bulk_create([
        Meeting(body=body, starts_at=start + datetime.timedelta(days=30 * i),
                ends_at=start + datetime.timedelta(days=30 * i, hours=2), uid=f"{cooperation.slug}-{i}")
        for i in range(max(1, decisions // 20))
    ])
    items = AgendaItem.objects.bulk_create([
        AgendaItem(meeting=meetings[i % len(meetings)], position=i, title=f"Point {i}", kind="decision")
        for i in range(decisions)
    ])
    today = timezone.localdate()
    rows = []
    for i, item in enumerate(items):
        decided_on = today - datetime.timedelta(days=decisions - i)
        text = f"Décision {i} sur la mutualisation des achats et la mobilité des agents"
        rows.append(Decision(cooperation=cooperation, item=item, number=i + 1, text=text, kind="validation",
                             decided_on=decided_on, search_text=search_key(f"D{decided_on:%Y}-{i + 1:04d} {text}")))
    decisions_made = Decision.objects.bulk_create(rows)
    followups = []
    for i, decision in enumerate(decisions_made):
        for j in range(followups_per_decision_pattern[i % len(followups_per_decision_pattern)]):
            status = "faite" if (i + j) % 3 == 0 else "a_faire"
            followups.append(FollowUp(
                decision=decision, cooperation=cooperation, title=f"Suite {i}-{j}",
                owner=owner if j % 2 == 0 else None, owner_partner=partners[j % 4] if j % 2 else None,
                due_on=today + datetime.timedelta(days=(i % 40) - 20), status=status,
                evidence="fait" if status == "faite" else "", closed_on=today if status == "faite" else None))
    FollowUp.objects.bulk_create(followups, batch_size=1000)
    return cooperation, len(followups)


def measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()  # a full log (9,000 entries after the build) would hide new queries
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    count = len(queries.captured_queries)
    return median_ms(lambda: client.get(url), runs=7), count


def run(database):
    suffix = "" if database == "sqlite" else "-postgres"
    try:
        setup_django(database)
    except NotMeasurable as reason:
        not_measured(f"decision-register-2000{suffix}", str(reason))
        return
    from django.core import signals
    from django.db import close_old_connections
    from django.test import Client

    from entente.accounts.factories import UserFactory

    # Keep one connection for the whole run (as a server with persistent connections would), so that
    # query counts are captured and timings do not include reconnecting to the database.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)

    owner = UserFactory()
    big, big_followups = build("Grande coopération", 2000, [2, 3], owner)  # 2.5 per decision: 5,000 follow-ups
    small, _ = build("Petite coopération", 20, [2, 3], owner)
    assert big_followups == 5000
    client = Client()
    client.force_login(owner)
    big_ms, big_queries = measure(client, f"/cooperations/{big.slug}/gouvernance/decisions/")
    small_ms, small_queries = measure(client, f"/cooperations/{small.slug}/gouvernance/decisions/")
    line(f"decision-register-2000{suffix}", big_ms, "ms", big_ms / small_ms, "decision-register-20")
    line(f"decision-register-2000-queries{suffix}", big_queries, "requêtes", big_queries / small_queries,
         "decision-register-20-queries")
    search_ms, _ = measure(client, f"/cooperations/{big.slug}/gouvernance/decisions/?q=mobilite+achats&followups="
                                   "en_retard")
    line(f"decision-register-2000-search{suffix}", search_ms, "ms", search_ms / small_ms, "decision-register-20")
    mine_ms, _ = measure(client, "/mes-suites-a-donner/")
    line(f"my-followups-2500-owned{suffix}", mine_ms, "ms", mine_ms / small_ms, "decision-register-20")


def main():
    target = sys.argv[1] if len(sys.argv) > 1 else ""
    if target:
        run(target)
        return
    run("sqlite")
    if os.environ.get("BENCH_POSTGRES_URL"):
        subprocess.run([sys.executable, __file__, "postgres"], check=False)
    else:
        not_measured("decision-register-2000-postgres", "pas de PostgreSQL de test (BENCH_POSTGRES_URL absent)")


if __name__ == "__main__":
    main()
