"""The workshops API: lists, pistes by token, phases, clear refusals."""

import pytest

from entente.workshops.factories import IdeaFactory, WorkshopFactory
from entente.workshops.models import Participant, Phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    workshop = WorkshopFactory(cooperation=world.own, title="Atelier API")
    IdeaFactory(workshop=workshop, title="Piste A")
    return workshop


def join(client, world, workshop):
    organization = world.partners[world.own.pk][0].organization
    response = client.post(
        "/api/v1/workshops/join",
        {"code": workshop.join_code, "display_name": "DGA", "organization_id": organization.pk},
        content_type="application/json",
    )
    return response.json()["token"]


def test_workshops_are_listed_with_their_grid_and_piste_count(client, world, workshop):
    client.force_login(world.users["observateur"])
    body = client.get(f"/api/v1/cooperations/{world.own.slug}/workshops").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["title"], item["idea_count"], item["phase"]) == ("Atelier API", 1, "foisonnement")
    assert [c["label"] for c in item["criteria"]] == ["Plus-value de la coopération", "Faisabilité à court terme"]


def test_a_code_holder_proposes_and_reads_pistes_with_their_token(client, world, workshop):
    token = join(client, world, workshop)
    base = f"/api/v1/cooperations/{world.own.slug}/workshops/{workshop.pk}/ideas"
    created = client.post(
        base, {"title": "Piste B"}, content_type="application/json", headers={"X-Participant-Token": token}
    )
    assert created.status_code == 201
    assert created.json()["organization"] == world.partners[world.own.pk][0].organization.name
    listed = client.get(base, headers={"X-Participant-Token": token}).json()
    assert [i["title"] for i in listed["items"]] == ["Piste A", "Piste B"]


def test_a_wrong_join_code_is_refused_in_french(client, world, workshop):
    organization = world.partners[world.own.pk][0].organization
    response = client.post(
        "/api/v1/workshops/join",
        {"code": "ZZZZZZ", "display_name": "DGA", "organization_id": organization.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Ce code ne permet pas de rejoindre un atelier" in response.json()["detail"]


def test_a_closed_workshops_code_is_refused_like_an_unknown_one(client, world):
    organization = world.partners[world.own.pk][0].organization
    closed = WorkshopFactory(cooperation=world.own, phase=Phase.CLOSED)
    answers = [
        client.post(
            "/api/v1/workshops/join",
            {"code": code, "display_name": "DGA", "organization_id": organization.pk},
            content_type="application/json",
        )
        for code in (closed.join_code, "ZZZZZZ")
    ]
    assert [a.status_code for a in answers] == [400, 400]
    assert answers[0].json() == answers[1].json()


def test_guessing_join_codes_through_the_api_answers_429_in_french(client, world, workshop, settings):
    settings.JOIN_CODE_MAX_FAILURES = 5
    organization = world.partners[world.own.pk][0].organization

    def attempt(code):
        return client.post(
            "/api/v1/workshops/join",
            {"code": code, "display_name": "DGA", "organization_id": organization.pk},
            content_type="application/json",
        )

    statuses = [attempt(f"ZZZZZ{n + 2}").status_code for n in range(5)]
    assert statuses == [400] * 5
    throttled = attempt(workshop.join_code)
    assert throttled.status_code == 429
    assert int(throttled["Retry-After"]) > 0
    assert throttled.json()["detail"].startswith("Trop de tentatives")
    assert not Participant.objects.exists()


def test_an_unknown_phase_is_refused(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    response = client.put(
        f"/api/v1/cooperations/{world.own.slug}/workshops/{workshop.pk}/phase",
        {"phase": "sieste"},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_a_workshop_of_another_cooperation_is_not_found_through_this_one(client, world):
    foreign = WorkshopFactory(cooperation=world.other)
    client.force_login(world.users["coordinateur"])
    response = client.get(f"/api/v1/cooperations/{world.own.slug}/workshops/{foreign.pk}")
    assert response.status_code == 404


def test_a_workshop_is_created_through_the_api_with_its_facilitator(client, world):
    client.force_login(world.users["coordinateur"])
    member, observer = world.users["membre"], world.users["observateur"]
    url = f"/api/v1/cooperations/{world.own.slug}/workshops"
    refused = client.post(url, {"title": "Atelier API", "facilitator_id": observer.pk}, content_type="application/json")
    assert refused.status_code == 400
    assert "animateur" in refused.json()["detail"]
    created = client.post(url, {"title": "Atelier API", "facilitator_id": member.pk}, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["facilitator"] == member.public_name
