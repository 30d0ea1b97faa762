"""Workshops benchmarks.

- ranking-180k-scores-sqlite / -postgres: every aggregate of the results page (count, mean,
  median, spread, weighted overall score, ranking, matrix, home bias, participation) for 300
  pistes x 300 evaluators x 2 criteria, against one raw SQL GROUP BY over the same score table.
- score-submit-throughput: requests per second of the real scoring endpoint (participant token,
  permission and phase checks, rate limit, upsert) served by gunicorn on PostgreSQL under 200
  concurrent simulated participants, against a bare Django view on the same server that upserts
  one row into the same table; score-submit-p99 is the real endpoint's 99th percentile latency.
- score-integrity: after that run, scores lost or duplicated compared with what the participants
  sent and got acknowledged (one stored value per participant, piste and criterion, the last).

Each part runs in its own process (Django is configured once per process).
"""

import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, median_ms, not_measured, setup_django  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PISTES, EVALUATORS = 300, 300
CONCURRENCY, REQUESTS_PER_PARTICIPANT, RUNS = 200, 25, 3


# Data -----------------------------------------------------------------------------------------


def make_workshop(ideas: int, participants: int, suffix: str = ""):
    from entente.cooperations.models import Cooperation, Partnership
    from entente.territories.models import Organization
    from entente.workshops import services
    from entente.workshops.models import Idea, Participant

    cooperation = Cooperation.objects.create(name=f"Banc d'essai{suffix}", slug=f"banc-essai{suffix}", kind="entente")
    organizations = [Organization.objects.create(name=f"Partenaire {i}{suffix}", kind="association") for i in range(2)]
    for organization in organizations:
        Partnership.objects.create(cooperation=cooperation, organization=organization)
    workshop = services.create_workshop(cooperation=cooperation, user=None, title="Évaluation croisée", kind="commun")
    Idea.objects.bulk_create(
        [Idea(workshop=workshop, title=f"Piste {i}", organization=organizations[i % 2]) for i in range(ideas)]
    )
    Participant.objects.bulk_create(
        [
            Participant(
                workshop=workshop,
                display_name=f"Évaluateur {i}",
                organization=organizations[i % 2],
                token=f"jeton-{suffix}-{i:04d}-{random.getrandbits(64):x}",
            )
            for i in range(participants)
        ]
    )
    services.set_phase(workshop, "evaluation")
    return workshop


def fill_scores(workshop):
    from entente.workshops.models import Idea, Participant, Score

    rng = random.Random(180)
    criteria = list(workshop.grid.criteria.values_list("pk", flat=True))
    ideas = list(Idea.objects.filter(workshop=workshop).values_list("pk", flat=True))
    participants = list(Participant.objects.filter(workshop=workshop).values_list("pk", "organization_id"))
    batch = []
    for participant, organization in participants:
        for idea in ideas:
            for criterion in criteria:
                batch.append(
                    Score(
                        workshop_id=workshop.pk,
                        participant_id=participant,
                        idea_id=idea,
                        criterion_id=criterion,
                        value=rng.randint(1, 4),
                        evaluator_organization_id=organization,
                    )
                )
        if len(batch) >= 20000:
            Score.objects.bulk_create(batch)
            batch = []
    Score.objects.bulk_create(batch)


def analyze():
    """What autovacuum does on a live database: statistics, and a visibility map for index-only scans."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


# Ranking --------------------------------------------------------------------------------------


def bench_ranking(database: str):
    name = f"ranking-180k-scores-{database}"
    try:
        setup_django(database)
    except NotMeasurable as error:
        not_measured(name, str(error))
        return
    from django.db import connection

    from entente.workshops.selectors import workshop_results

    workshop = make_workshop(PISTES, EVALUATORS)
    fill_scores(workshop)
    analyze()

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT idea_id, criterion_id, COUNT(*), AVG(value) FROM workshops_score "
                "WHERE workshop_id = %s GROUP BY idea_id, criterion_id",
                [workshop.pk],
            )
            return cursor.fetchall()

    def full():
        results = workshop_results(workshop)
        assert len(results.ranked) == PISTES
        return results

    reference = median_ms(raw, runs=9)
    ours = median_ms(full, runs=9)
    line(name, ours, "ms", ours / reference, "raw-sql-group-by")
    line(f"raw-sql-group-by-{database}", reference, "ms")


# Throughput -----------------------------------------------------------------------------------

SETTINGS_MODULE = """
from entente.settings import *  # noqa: F403
ROOT_URLCONF = "bench_workshops_urls"
DEBUG = False
# The limiter still runs on every request; its threshold is raised because simulated
# participants send far faster than people do.
WORKSHOPS_SCORE_RATE = "100000/10"
"""

URLS_MODULE = """
import json

from django.http import JsonResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from entente.workshops.models import Score


@csrf_exempt
def bare_upsert(request):
    data = json.loads(request.body)
    Score.objects.bulk_create(
        [Score(workshop_id=data["workshop"], participant_id=data["participant"], idea_id=data["idea"],
               criterion_id=data["criterion"], value=data["value"], updated_at=timezone.now())],
        update_conflicts=True, unique_fields=["participant", "idea", "criterion"],
        update_fields=["value", "updated_at"],
    )
    return JsonResponse({"idea": data["idea"], "criterion": data["criterion"], "value": data["value"]})


urlpatterns = [path("bench/bare-upsert/", bare_upsert), path("", include("entente.urls"))]
"""


async def _request(reader, writer, path: str, body: bytes, headers: dict) -> int:
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    writer.write(head.encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while True:
        header = await reader.readline()
        if header in (b"\r\n", b""):
            break
        key, _, value = header.decode().partition(":")
        if key.lower() == "content-length":
            length = int(value.strip())
    if length:
        await reader.readexactly(length)
    return int(status_line.split()[1])


async def _participant(port, plan, latencies, statuses):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for path, body, headers, on_success in plan:
            start = time.perf_counter()
            try:
                status = await _request(reader, writer, path, body, headers)
            except (ConnectionError, asyncio.IncompleteReadError):
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                status = await _request(reader, writer, path, body, headers)
            latencies.append((time.perf_counter() - start) * 1000)
            statuses.append(status)
            if status == 200 and on_success:
                on_success()
    finally:
        writer.close()


def run_load(port, plans):
    latencies, statuses = [], []

    async def main():
        await asyncio.gather(*(_participant(port, plan, latencies, statuses) for plan in plans))

    start = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - start
    return sum(len(p) for p in plans) / elapsed, latencies, statuses


def real_plans(workshop, participants, ideas, criteria, rng, expected):
    url = f"/api/v1/cooperations/{workshop.cooperation.slug}/workshops/{workshop.pk}/scores"
    plans = []
    for participant_pk, token in participants:
        plan = []
        for _ in range(REQUESTS_PER_PARTICIPANT):
            # A small space of pistes so that the same score is often sent again with another value.
            idea, criterion, value = rng.choice(ideas[:10]), rng.choice(criteria), rng.randint(1, 4)
            body = json.dumps({"idea": idea, "criterion": criterion, "value": value}).encode()

            def remember(key=(participant_pk, idea, criterion), value=value):
                expected[key] = value

            plan.append((url, body, {"X-Participant-Token": token}, remember))
        plans.append(plan)
    return plans


def bare_plans(workshop, participants, ideas, criteria, rng):
    plans = []
    for participant_pk, _token in participants:
        plans.append(
            [
                (
                    "/bench/bare-upsert/",
                    json.dumps(
                        {
                            "workshop": workshop.pk,
                            "participant": participant_pk,
                            "idea": rng.choice(ideas[:10]),
                            "criterion": rng.choice(criteria),
                            "value": rng.randint(1, 4),
                        }
                    ).encode(),
                    {},
                    None,
                )
                for _ in range(REQUESTS_PER_PARTICIPANT)
            ]
        )
    return plans


def start_server(url: str, port: int, directory: str):
    Path(directory, "bench_workshops_settings.py").write_text(SETTINGS_MODULE)
    Path(directory, "bench_workshops_urls.py").write_text(URLS_MODULE)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench_workshops_settings",
        "PYTHONPATH": f"{directory}:{ROOT}",
        "DB_CONN_MAX_AGE": "60",
        "DEBUG": "0",
    }
    workers = str(max(2, (os.cpu_count() or 1) * 2))
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "entente.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--worker-class",
            "gthread",
            "--threads",
            "8",
            "--keep-alive",
            "30",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=str(ROOT),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            import urllib.request

            urllib.request.urlopen(f"http://127.0.0.1:{port}/a-propos/", timeout=2)  # noqa: S310
            return server
        except Exception:
            if server.poll() is not None:
                raise NotMeasurable("gunicorn n'a pas démarré : " + server.stderr.read().decode()[-300:]) from None
            time.sleep(0.5)
    stop_server(server)
    raise NotMeasurable("gunicorn ne répond pas après 30 s")


def stop_server(server):
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(server.pid, signal.SIGKILL)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_throughput():
    names = ["score-submit-throughput", "score-submit-p99", "score-integrity"]
    try:
        url = setup_django("postgres")
    except NotMeasurable as error:
        for name in names:
            not_measured(name, str(error))
        return
    from entente.workshops.models import Participant, Score

    real = make_workshop(50, CONCURRENCY, "-reel")
    bare = make_workshop(50, CONCURRENCY, "-nu")
    analyze()
    from django.db import connections

    connections.close_all()
    rng = random.Random(200)
    setups = {}
    for workshop in (real, bare):
        setups[workshop.pk] = (
            list(Participant.objects.filter(workshop=workshop).values_list("pk", "token")),
            list(workshop.ideas.values_list("pk", flat=True)),
            list(workshop.grid.criteria.values_list("pk", flat=True)),
        )
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="entente-bench-") as directory:
        try:
            server = start_server(url, port, directory)
        except NotMeasurable as error:
            for name in names:
                not_measured(name, str(error))
            return
        try:
            expected, real_rates, bare_rates, latencies, failures = {}, [], [], [], 0
            run_load(port, bare_plans(bare, *setups[bare.pk], rng))  # warm-up: connections, imports
            for _ in range(RUNS):
                rate, _lat, statuses = run_load(port, bare_plans(bare, *setups[bare.pk], rng))
                bare_rates.append(rate)
                failures += sum(1 for s in statuses if s != 200)
                rate, run_latencies, statuses = run_load(port, real_plans(real, *setups[real.pk], rng, expected))
                real_rates.append(rate)
                latencies += run_latencies
                failures += sum(1 for s in statuses if s != 200)
        finally:
            stop_server(server)
    real_rate, bare_rate = statistics.median(real_rates), statistics.median(bare_rates)
    line("score-submit-throughput", real_rate, "req/s", real_rate / bare_rate, "bare-upsert-view")
    line("bare-upsert-view", bare_rate, "req/s")
    p99 = statistics.quantiles(latencies, n=100)[98]
    line("score-submit-p99", p99, "ms")
    stored = dict(
        ((p, i, c), v)
        for p, i, c, v in Score.objects.filter(workshop=real).values_list(
            "participant_id", "idea_id", "criterion_id", "value"
        )
    )
    lost = sum(1 for key, value in expected.items() if stored.get(key) != value)
    extra = sum(1 for key in stored if key not in expected)
    rows = Score.objects.filter(workshop=real).count()
    duplicated = rows - len(stored) + extra
    print(
        f"bench: score-integrity: {lost + duplicated} scores ({lost} perdus, {duplicated} dupliqués, "
        f"{len(expected)} attendus, {failures} réponses non 200)",
        flush=True,
    )


PARTS = {
    "ranking-sqlite": lambda: bench_ranking("sqlite"),
    "ranking-postgres": lambda: bench_ranking("postgres"),
    "throughput": bench_throughput,
}


def main():
    if len(sys.argv) > 1:
        PARTS[sys.argv[1]]()
        return
    for part in PARTS:
        result = subprocess.run([sys.executable, __file__, part], check=False)
        if result.returncode:
            print(f"bench: workshops-{part}: non mesuré (le script a échoué, code {result.returncode})", flush=True)


if __name__ == "__main__":
    main()
