"""Scoring on two web servers sharing one PostgreSQL and one Redis (PostgreSQL).

- two-servers-scoring: score submissions per second through the real scoring endpoint when 200
  simulated participants are spread over two gunicorn servers (each configured as in
  bench_workshops, the cache and rate limiter in a shared Redis), against the same load on one
  server (`one-server-scoring`). Medians of several runs.
- two-servers-cores: the number of cores of the machine. Both servers and PostgreSQL share
  them: with 2 cores the ratio cannot pass 1 (the servers compete for the same processors);
  the goal of 1.5 or more needs a machine with enough cores for two servers and the database.
"""

import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, not_measured, setup_django  # noqa: E402
from bench_workshops import (  # noqa: E402
    CONCURRENCY,
    _participant,
    analyze,
    free_port,
    make_workshop,
    real_plans,
    start_server,
    stop_server,
)

RUNS = 3


def start_redis():
    server = shutil.which("redis-server")
    if server is None:
        return None, ""
    port = free_port()
    process = subprocess.Popen(
        [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    process.terminate()
    return None, ""


def spread_load(ports, plans):
    """The participants' plans, each participant on one server in turn (as a load balancer would)."""
    latencies, statuses = [], []

    async def main():
        await asyncio.gather(
            *(_participant(ports[i % len(ports)], plan, latencies, statuses) for i, plan in enumerate(plans))
        )

    start = time.perf_counter()
    asyncio.run(main())
    return sum(len(p) for p in plans) / (time.perf_counter() - start), statuses


def main():
    names = ["two-servers-scoring", "one-server-scoring", "two-servers-cores"]
    try:
        url = setup_django("postgres")
    except NotMeasurable as error:
        for name in names:
            not_measured(name, str(error))
        return
    from django.db import connections

    from entente.workshops.models import Participant

    workshop = make_workshop(50, CONCURRENCY, "-deux")
    analyze()
    setup = (
        list(Participant.objects.filter(workshop=workshop).values_list("pk", "token")),
        list(workshop.ideas.values_list("pk", flat=True)),
        list(workshop.grid.criteria.values_list("pk", flat=True)),
    )
    connections.close_all()
    redis, redis_url = start_redis()
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    rng, expected = random.Random(2), {}
    servers = []
    with tempfile.TemporaryDirectory(prefix="entente-bench-") as directory:
        try:
            for _ in range(2):
                port = free_port()
                servers.append((start_server(url, port, directory), port))
            ports = [port for _server, port in servers]
            spread_load(ports, real_plans(workshop, *setup, rng, expected))  # warm-up
            one, two, failures = [], [], 0
            for _ in range(RUNS):
                rate, statuses = spread_load(ports[:1], real_plans(workshop, *setup, rng, expected))
                one.append(rate)
                failures += sum(1 for status in statuses if status != 200)
                rate, statuses = spread_load(ports, real_plans(workshop, *setup, rng, expected))
                two.append(rate)
                failures += sum(1 for status in statuses if status != 200)
        except NotMeasurable as error:
            for name in names:
                not_measured(name, str(error))
            return
        finally:
            for server, _port in servers:
                stop_server(server)
            if redis is not None:
                redis.terminate()
    one_rate, two_rate = statistics.median(one), statistics.median(two)
    cores = os.cpu_count() or 1
    line("two-servers-scoring", two_rate, "req/s", two_rate / one_rate, "one-server-scoring")
    line("one-server-scoring", one_rate, "req/s")
    note = "cache partagé Redis" if redis_url else "sans Redis (redis-server absent)"
    print(
        f"bench: two-servers-cores: {cores} cœurs ({note} ; {failures} réponses non 200"
        + (" ; sur 2 cœurs les deux serveurs et PostgreSQL se partagent les mêmes processeurs" if cores <= 2 else "")
        + ")",
        flush=True,
    )


if __name__ == "__main__":
    main()
