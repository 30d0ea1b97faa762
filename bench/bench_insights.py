"""Benchmarks of observation: a cooperation's health page over ten years, and the national view of
the directory over 1,000 public cooperations.

health-10-years: 200 meetings, 2,000 decisions, 5,000 follow-ups, 20 partners, ms on PostgreSQL, with
its ratio to the same page for one year of records, and both query counts (they must match).
directory-stats-1000: the national view over 1,000 public cooperations, ms, with its query count
against 100 cooperations.

    .venv/bin/python bench/bench_insights.py            # SQLite, then PostgreSQL if BENCH_POSTGRES_URL
    .venv/bin/python bench/bench_insights.py postgres   # PostgreSQL only
"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, median_ms, not_measured, setup_django  # noqa: E402

PARTNERS = 20


def build_cooperation(name, years, owner):
    """`years` of records: 20 meetings, 200 decisions and 500 follow-ups a year, 20 partners with a seat each."""
    from django.utils import timezone

    from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
    from entente.governance.body_models import Body, BodyMember, RotationSlot
    from entente.governance.decision_models import Decision, FollowUp
    from entente.governance.meeting_models import AgendaItem, Attendance, Meeting

    cooperation = CooperationFactory(name=name)
    partners = [PartnershipFactory(cooperation=cooperation) for _ in range(PARTNERS)]
    MembershipFactory(cooperation=cooperation, user=owner, role="coordinateur", partner=partners[0])
    now = timezone.now()
    start = now - datetime.timedelta(days=365 * years)
    bodies = [
        Body.objects.create(
            cooperation=cooperation,
            name="Conférence",
            kind="conference_entente",
            periodicity="annuelle",
            created_at=start,
        ),
        Body.objects.create(
            cooperation=cooperation,
            name="CODIRI",
            kind="codiri",
            periodicity="trimestrielle",
            rotation="par_reunion",
            created_at=start,
        ),
    ]
    RotationSlot.objects.bulk_create(
        [RotationSlot(body=bodies[1], position=i, partner=p) for i, p in enumerate(partners)]
    )
    seats = {
        body.pk: BodyMember.objects.bulk_create([BodyMember(body=body, partner=p, role="membre") for p in partners])
        for body in bodies
    }
    count = 20 * years
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                body=bodies[i % 2],
                starts_at=start + datetime.timedelta(days=18 * i + 1),
                ends_at=start + datetime.timedelta(days=18 * i + 1, hours=2),
                status="tenue",
                uid=f"{cooperation.slug}-{i}",
                agenda_sent_at=start + datetime.timedelta(days=18 * i - (0 if i % 7 == 0 else 5)),
            )
            for i in range(count)
        ]
    )
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, seat=seat, status="absent" if (i + j) % 9 == 0 else "present")
            for i, meeting in enumerate(meetings)
            for j, seat in enumerate(seats[meeting.body_id])
        ],
        batch_size=2000,
    )
    items = AgendaItem.objects.bulk_create(
        [
            AgendaItem(meeting=meetings[i % count], position=i, title=f"Point {i}", kind="decision")
            for i in range(10 * count)
        ]
    )
    decisions = Decision.objects.bulk_create(
        [
            Decision(
                cooperation=cooperation,
                item=item,
                number=i + 1,
                text=f"Décision {i}",
                kind="validation",
                decided_on=timezone.localtime(item.meeting.starts_at).date(),
            )
            for i, item in enumerate(items)
        ]
    )
    today = timezone.localdate()
    followups = []
    for i, decision in enumerate(decisions):
        for j in range(2 if i % 2 else 3):
            done = (i + j) % 3 == 0
            followups.append(
                FollowUp(
                    decision=decision,
                    cooperation=cooperation,
                    title=f"Suite {i}-{j}",
                    owner_partner=partners[j],
                    due_on=decision.decided_on + datetime.timedelta(days=60),
                    status="faite" if done else "a_faire",
                    evidence="fait" if done else "",
                    closed_on=min(today, decision.decided_on + datetime.timedelta(days=40)) if done else None,
                )
            )
    FollowUp.objects.bulk_create(followups, batch_size=2000)
    return cooperation, len(meetings), len(decisions), len(followups)


def build_directory(count):
    from django.utils import timezone

    from entente.cooperations.models import Cooperation, Partnership, Purpose
    from entente.governance.body_models import Body
    from entente.governance.meeting_models import Meeting
    from entente.territories.models import Organization, OrganizationKind, Territory

    batch = Territory.objects.count()
    region = Territory.objects.create(kind="region", code=f"R{batch}", name="Région témoin")
    departements = [
        Territory.objects.create(kind="departement", code=f"{batch}-{n:02d}", name=f"Département {n}", region=region)
        for n in range(1, 31)
    ]
    organizations = [
        Organization.objects.create(name=t.name, kind=OrganizationKind.LOCAL_AUTHORITY, territory=t)
        for t in departements
    ]
    existing = Cooperation.objects.count()
    cooperations = Cooperation.objects.bulk_create(
        [
            Cooperation(
                name=f"Coopération publique {existing + i}",
                slug=f"publique-{existing + i}",
                search_name=f"cooperation publique {existing + i}",
                kind="entente",
                visibility="public",
            )
            for i in range(count)
        ]
    )
    Partnership.objects.bulk_create(
        [
            Partnership(cooperation=c, organization=organizations[(i + k) % len(organizations)])
            for i, c in enumerate(cooperations)
            for k in (0, 1)
        ]
    )
    purposes = list(Purpose.objects.filter(cooperation__isnull=True))
    Cooperation.purposes.through.objects.bulk_create(
        [
            Cooperation.purposes.through(cooperation=c, purpose=purposes[i % len(purposes)])
            for i, c in enumerate(cooperations)
        ]
    )
    bodies = Body.objects.bulk_create([Body(cooperation=c, name="Comité", kind="comite_suivi") for c in cooperations])
    now = timezone.now()
    Meeting.objects.bulk_create(
        [
            Meeting(
                body=b,
                starts_at=now - datetime.timedelta(days=30 * k + 1),
                ends_at=now - datetime.timedelta(days=30 * k),
                status="tenue",
                uid=f"dir-{b.pk}-{k}",
            )
            for b in bodies
            for k in range(3)
        ],
        batch_size=2000,
    )


def queries_of(function) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries.captured_queries)


def measure(client, url, compute):
    """The page's median time, and the number of queries of what it computes."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return median_ms(lambda: client.get(url), runs=7), queries_of(compute)


def health_of(cooperation):
    from entente.governance.schedule import paris_today
    from entente.insights import health, periods

    return lambda: health.cooperation_health(cooperation, periods.whole_life(paris_today()))


def run(database):
    suffix = "" if database == "postgres" else "-sqlite"
    try:
        setup_django(database)
    except NotMeasurable as reason:
        not_measured(f"health-10-years{suffix}", str(reason))
        not_measured(f"directory-stats-1000{suffix}", str(reason))
        return
    from django.core import signals
    from django.db import close_old_connections
    from django.test import Client

    from entente.accounts.factories import UserFactory

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    owner = UserFactory()
    big, meetings, decisions, followups = build_cooperation("Dix ans", 10, owner)
    assert (meetings, decisions, followups) == (200, 2000, 5000), (meetings, decisions, followups)
    small, *_ = build_cooperation("Un an", 1, owner)
    client = Client()
    client.force_login(owner)
    big_ms, big_queries = measure(client, f"/cooperations/{big.slug}/sante/", health_of(big))
    small_ms, small_queries = measure(client, f"/cooperations/{small.slug}/sante/", health_of(small))
    line(f"health-10-years{suffix}", big_ms, "ms", big_ms / small_ms, "health-1-year")
    line(
        f"health-10-years-queries{suffix}",
        big_queries,
        "requêtes",
        big_queries / small_queries,
        "health-1-year-queries",
    )

    url = "/cooperations/donnees-ouvertes/vue-nationale/"
    build_directory(100)
    from entente.insights.national import national_view

    _, hundred_queries = measure(client, url, national_view)
    build_directory(900)
    thousand_ms, thousand_queries = measure(client, url, national_view)
    line(f"directory-stats-1000{suffix}", thousand_ms, "ms")
    line(
        f"directory-stats-1000-queries{suffix}",
        thousand_queries,
        "requêtes",
        thousand_queries / hundred_queries,
        "directory-stats-100-queries",
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
        not_measured("health-10-years", "pas de PostgreSQL de test (BENCH_POSTGRES_URL absent)")
        not_measured("directory-stats-1000", "pas de PostgreSQL de test (BENCH_POSTGRES_URL absent)")


if __name__ == "__main__":
    main()
