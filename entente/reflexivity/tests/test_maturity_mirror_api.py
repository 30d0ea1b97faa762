"""API of campaigns and mirror sessions: refusals in French, nothing stored when refused."""

import pytest

from entente.reflexivity import maturity_services, mirror_services
from entente.reflexivity.maturity_models import MaturityResponse
from entente.reflexivity.mirror_models import MirrorResponse

from .factories import mirror_meeting, ratings

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    return maturity_services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="API")


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def answers_url(world, campaign):
    return f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns/{campaign.pk}/answers"


def test_an_answer_through_the_api_is_recorded_and_replaced(client, campaign, world):
    client.force_login(world.users["membre"])
    assert post(client, answers_url(world, campaign), {"ratings": ratings("pas_encore")}).status_code == 201
    assert post(client, answers_url(world, campaign), {"ratings": ratings("franchi")}).status_code == 201
    assert MaturityResponse.objects.get().ratings == ratings("franchi")


def test_a_level_outside_the_scale_is_refused_in_french(client, campaign, world):
    client.force_login(world.users["membre"])
    response = post(client, answers_url(world, campaign), {"ratings": ratings(parite="excellent")})
    assert response.status_code == 400
    assert "hors de l'échelle" in response.json()["detail"]
    assert not MaturityResponse.objects.exists()


def test_an_answer_to_a_closed_campaign_is_refused(client, campaign, world):
    maturity_services.close_campaign(campaign, user=world.users["coordinateur"])
    client.force_login(world.users["membre"])
    response = post(client, answers_url(world, campaign), {"ratings": ratings()})
    assert response.status_code == 400
    assert "close" in response.json()["detail"]


def test_an_outsider_does_not_even_see_the_campaign(client, campaign, world):
    client.force_login(world.users["outsider"])
    response = post(client, answers_url(world, campaign), {"ratings": ratings()})
    assert response.status_code == 404
    assert not MaturityResponse.objects.exists()


def test_an_observer_may_read_but_not_answer(client, campaign, world):
    client.force_login(world.users["observateur"])
    assert client.get(f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns/{campaign.pk}").status_code == 200
    assert post(client, answers_url(world, campaign), {"ratings": ratings()}).status_code == 403


def test_a_mirror_answer_off_the_scale_is_refused(client, world):
    session = mirror_services.create_session(meeting=mirror_meeting(world.own), user=None)
    scale = session.questions.filter(kind="echelle").first()
    client.force_login(world.users["membre"])
    url = f"/api/v1/cooperations/{world.own.slug}/mirror-sessions/{session.pk}/answers"
    response = post(client, url, {"answers": {str(scale.pk): "7"}})
    assert response.status_code == 400
    assert "hors de l'échelle" in response.json()["detail"]
    assert not MirrorResponse.objects.exists()


def test_the_facilitator_gets_nothing_before_three_answers(client, world):
    session = mirror_services.create_session(meeting=mirror_meeting(world.own), user=None)
    text = session.questions.filter(kind="texte").first()
    for seat in "ab":
        mirror_services.submit_answers(session, who=f"seat:{seat}", answers={str(text.pk): "Secret"})
    client.force_login(world.users["coordinateur"])
    data = client.get(f"/api/v1/cooperations/{world.own.slug}/mirror-sessions/{session.pk}").json()
    assert data["shown"] is False and data["questions"] == [] and "Secret" not in str(data)
