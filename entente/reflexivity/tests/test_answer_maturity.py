"""Answering a maturity campaign: the last answer counts, refusals in French, nothing half-stored."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from entente.reflexivity import maturity_services as services
from entente.reflexivity.maturity_models import MaturityParticipation, MaturityResponse
from entente.reflexivity.maturity_thresholds import MaturityLevel

from .factories import ratings

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    return services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="Campagne 2026")


def test_an_answer_rates_the_twelve_thresholds(campaign, world):
    services.submit_answer(campaign, user=world.users["membre"], ratings=ratings(), comments={"parite": "Bien."})
    response = MaturityResponse.objects.get()
    assert response.ratings == ratings()
    assert response.comments == {"parite": "Bien."}
    assert MaturityParticipation.objects.filter(campaign=campaign, user=world.users["membre"]).exists()


def test_answering_twice_keeps_the_last_answer_only(campaign, world):
    user = world.users["membre"]
    services.submit_answer(campaign, user=user, ratings=ratings(MaturityLevel.NOT_YET))
    services.submit_answer(campaign, user=user, ratings=ratings(MaturityLevel.IN_PROGRESS))
    assert MaturityResponse.objects.count() == 1
    assert set(MaturityResponse.objects.get().ratings.values()) == {"en_cours"}
    assert MaturityParticipation.objects.count() == 1


def test_a_rating_outside_the_scale_is_refused_and_nothing_is_stored(campaign, world):
    with pytest.raises(ValidationError, match="hors de l'échelle"):
        services.submit_answer(campaign, user=world.users["membre"], ratings=ratings(parite="excellent"))
    assert not MaturityResponse.objects.exists()
    assert not MaturityParticipation.objects.exists()


def test_a_threshold_left_unrated_is_refused(campaign, world):
    partial = ratings()
    partial.pop("parite")
    with pytest.raises(ValidationError, match="Chaque seuil"):
        services.submit_answer(campaign, user=world.users["membre"], ratings=partial)


def test_an_answer_after_the_campaign_closed_is_refused(campaign, world):
    services.close_campaign(campaign, user=world.users["coordinateur"])
    with pytest.raises(ValidationError, match="close"):
        services.submit_answer(campaign, user=world.users["membre"], ratings=ratings())
    assert not MaturityResponse.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "observateur", "operator", "other_coordinator"])
def test_someone_outside_the_collective_cannot_answer(campaign, world, who):
    with pytest.raises(PermissionDenied, match="membres de la coopération"):
        services.submit_answer(campaign, user=world.users[who], ratings=ratings())
    assert not MaturityResponse.objects.exists()


def test_anonymity_can_be_turned_on_and_forgets_the_names_given(world):
    campaign = services.open_campaign(
        cooperation=world.own, user=world.users["coordinateur"], title="Nominative", anonymous=False
    )
    services.submit_answer(campaign, user=world.users["membre"], ratings=ratings())
    assert MaturityResponse.objects.get().user == world.users["membre"]
    services.update_campaign(campaign, user=world.users["coordinateur"], title="Anonyme", anonymous=True)
    assert MaturityResponse.objects.get().user is None


def test_anonymity_cannot_be_turned_off_once_an_answer_is_in(campaign, world):
    services.submit_answer(campaign, user=world.users["membre"], ratings=ratings())
    with pytest.raises(ValidationError, match="ne peut plus être levé"):
        services.update_campaign(campaign, user=world.users["coordinateur"], title="X", anonymous=False)
    campaign.refresh_from_db()
    assert campaign.anonymous and campaign.title == "Campagne 2026"


def test_anonymity_can_be_turned_off_before_any_answer(campaign, world):
    services.update_campaign(campaign, user=world.users["coordinateur"], title="Nominative", anonymous=False)
    campaign.refresh_from_db()
    assert not campaign.anonymous


def test_the_answer_page_refuses_a_closed_campaign_in_french(client, campaign, world):
    services.close_campaign(campaign, user=world.users["coordinateur"])
    client.force_login(world.users["membre"])
    url = f"/cooperations/{world.own.slug}/reflexivite/maturite/{campaign.pk}/repondre/"
    data = {f"rating_{code}": "franchi" for code in ratings()}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "La campagne est close" in response.content.decode()
    assert not MaturityResponse.objects.exists()


def test_the_answer_page_refuses_a_value_outside_the_scale(client, campaign, world):
    client.force_login(world.users["membre"])
    url = f"/cooperations/{world.own.slug}/reflexivite/maturite/{campaign.pk}/repondre/"
    data = {f"rating_{code}": "franchi" for code in ratings()}
    data["rating_parite"] = "parfait"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "hors de l&#x27;échelle" in response.content.decode()
    assert not MaturityResponse.objects.exists()


def test_the_answer_page_shows_each_thresholds_description(client, campaign, world):
    client.force_login(world.users["membre"])
    html = client.get(f"/cooperations/{world.own.slug}/reflexivite/maturite/{campaign.pk}/repondre/").content.decode()
    assert html.count("data-threshold") == 12
    assert "procès » en illégitimité" in html


def test_a_member_answers_through_the_page(client, campaign, world):
    client.force_login(world.users["membre"])
    url = f"/cooperations/{world.own.slug}/reflexivite/maturite/{campaign.pk}/repondre/"
    response = client.post(url, {f"rating_{code}": "en_cours" for code in ratings()})
    assert response.status_code == 302
    assert MaturityResponse.objects.get().ratings == ratings(MaturityLevel.IN_PROGRESS)
