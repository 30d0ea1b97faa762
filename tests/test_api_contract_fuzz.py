"""Schemathesis over the whole OpenAPI contract, anonymous and with a coordinator's token.

Each operation receives generated requests (valid and invalid) through Django's full WSGI stack,
middleware included, against factory data: a public cooperation with a workshop, a body with a
decision and a follow-up, a portfolio and agreements. Path parameters name these objects most of
the time so that generated bodies reach the services, not only the 404 of an unknown object.
Checks: no server error, every answered status documented, content type and body as documented.

Run with `-m hardening` (the stage of scripts/test.sh); bounded by HARDENING_EXAMPLES per operation.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = [pytest.mark.hardening, pytest.mark.django_db]

EXAMPLES = int(os.environ.get("HARDENING_EXAMPLES", "8"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The coverage phase (every boundary of every field) is the slow part; HARDENING_COVERAGE=1 adds it.
schema.config.phases.coverage.enabled = os.environ.get("HARDENING_COVERAGE") == "1"


@pytest.fixture
def fuzz_world(world):
    """One object of each kind in a public cooperation where the token's owner coordinates."""
    from entente.accounts.models import ApiToken
    from entente.agreements.factories import ArticleFactory, CharterSectionFactory
    from entente.governance.factories import FollowUpFactory
    from entente.portfolio.factories import ActionFactory, AxisFactory, WorkstreamFactory
    from entente.workshops.factories import IdeaFactory, WorkshopFactory

    cooperation = world.own
    cooperation.visibility = "public"
    cooperation.save(update_fields=["visibility"])
    partners = world.partners[cooperation.pk]
    workshop = WorkshopFactory(cooperation=cooperation, scoring=True)
    idea = IdeaFactory(workshop=workshop)
    followup = FollowUpFactory(
        decision__item__meeting__body__cooperation=cooperation, owner=world.users["coordinateur"]
    )
    decision = followup.decision
    axis = AxisFactory(cooperation=cooperation)
    workstream = WorkstreamFactory(cooperation=cooperation, axis=axis)
    action = ActionFactory(cooperation=cooperation, workstream=workstream, partners=partners)
    article = ArticleFactory(agreement__cooperation=cooperation)
    section = CharterSectionFactory(version__charter__cooperation=cooperation, version__status="publiee")
    _token, raw = ApiToken.issue(world.users["coordinateur"], "schemathesis")
    job = done_job(cooperation)
    ids = {
        "workshop_id": workshop.pk,
        "body_id": decision.item.meeting.body_id,
        "meeting_id": decision.item.meeting_id,
        "decision_id": decision.pk,
        "followup_id": followup.pk,
        "axis_id": axis.pk,
        "workstream_id": workstream.pk,
        "action_id": action.pk,
        "agreement_id": article.agreement_id,
        "charter_id": section.version.charter_id,
        "comment_id": 1,
        "idea": idea.pk,
        "id": job.pk,  # /jobs/{id}: a finished document, so that its file is served and checked too
    }
    # As Django's test client does: the requests run inside the test's transaction, so the end of
    # a request must not close the database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield {"slug": cooperation.slug, "ids": ids, "token": raw}
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def done_job(cooperation):
    from django.core.files.base import ContentFile

    from entente.core.models import Job, JobStatus
    from entente.insights.report_documents import ANNUAL_REPORT_DOCUMENT

    job = Job.objects.create(
        kind=ANNUAL_REPORT_DOCUMENT,
        key=f"{cooperation.pk}:fuzz",
        label="Rapport d'activité (PDF)",
        cooperation=cooperation,
        status=JobStatus.DONE,
        progress=100,
        result_name="rapport.pdf",
    )
    job.result.save("rapport.pdf", ContentFile(b"%PDF-1.7"), save=True)
    return job


def aim_at_real_objects(case, data):
    """Most requests name real objects; one in four keeps the generated values (unknown ids, bad slugs)."""
    params = case.path_parameters or {}
    if not params or hash(tuple(sorted(map(str, params.values())))) % 4 == 0:
        return
    if "slug" in params:
        params["slug"] = data["slug"]
    for name in params:
        if name in data["ids"]:
            params[name] = data["ids"][name]


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_keeps_its_contract(case, fuzz_world):
    aim_at_real_objects(case, fuzz_world)
    case.call_and_validate(checks=CHECKS)
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {fuzz_world['token']}"})
