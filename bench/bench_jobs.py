"""Background jobs benchmark (PostgreSQL).

- contracts-zip-request: the web request that asks for the ZIP of the ten Touraine-like
  contracts (bench_agreements.build): checks access, queues the job in the database queue and
  redirects to the job's page; the five to seven seconds of documents happen in the worker.
  Median of several requests, each queueing a new job; against a trivial view (`trivial-view`)
  on the same stack (middleware, session, authenticated user).
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, not_measured, setup_django  # noqa: E402

RUNS = 15


def trivial(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def timed(client, method, url, before=None) -> float:
    timings = []
    for _ in range(RUNS + 1):
        if before:
            before()
        start = time.perf_counter()
        response = getattr(client, method)(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code in (200, 302), (url, response.status_code)
    return statistics.median(timings[1:])  # the first one warms up


def main():
    try:
        setup_django("postgres")
    except NotMeasurable as error:
        not_measured("contracts-zip-request", str(error))
        return
    from bench_agreements import build
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import include, path, reverse

    from entente.accounts.factories import UserFactory
    from entente.cooperations.models import MemberRole, Membership
    from entente.core.models import Job, JobStatus

    contracts = build()
    trunk = contracts[0].derived_from
    coordinator = UserFactory()
    Membership.objects.create(cooperation=trunk.cooperation, user=coordinator, role=MemberRole.COORDINATOR)
    module = type(sys)("bench_jobs_urls")
    module.urlpatterns = [path("bench/trivial/", trivial), path("", include(settings.ROOT_URLCONF))]
    sys.modules["bench_jobs_urls"] = module
    with override_settings(ROOT_URLCONF="bench_jobs_urls", ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(coordinator)
        url = reverse("agreements:derived_documents", args=[trunk.cooperation.slug, trunk.pk, "pdf"])

        def previous_job_done():  # so that each request queues a new job rather than showing the waiting one
            Job.objects.update(status=JobStatus.DONE)

        ours = timed(client, "post", url, before=previous_job_done)
        reference = timed(client, "get", "/bench/trivial/")
    queued = Job.objects.count()
    line("contracts-zip-request", ours, "ms", ours / reference, "trivial-view")
    line("trivial-view", reference, "ms")
    line("contracts-zip-request-jobs-queued", queued, "tâches")


if __name__ == "__main__":
    main()
