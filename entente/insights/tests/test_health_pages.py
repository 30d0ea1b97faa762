import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory
from entente.insights.models import HealthThresholds

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    cooperation = CooperationFactory()
    user = UserFactory()
    MembershipFactory(cooperation=cooperation, user=user, role="coordinateur")
    client.force_login(user)
    client.cooperation = cooperation
    return client


def test_the_health_page_is_in_the_space_menu_and_names_its_period(coordinator_client):
    cooperation = coordinator_client.cooperation
    html = coordinator_client.get(f"/cooperations/{cooperation.slug}/sante/?periode=1789").content.decode()
    assert f'href="/cooperations/{cooperation.slug}/sante/"' in html
    assert "depuis le début de la coopération" in html  # an unknown period falls back to the whole life


def test_thresholds_are_saved_with_french_numbers_and_history(coordinator_client):
    cooperation = coordinator_client.cooperation
    data = {
        "agenda_on_time_min": "75 %",
        "attendance_min": "50",
        "absences_max": "2",
        "host_share_max": "70",
        "followups_done_min": "40",
        "followups_late_max": "25",
        "followup_delay_max_days": "1 000",
    }
    response = coordinator_client.post(f"/cooperations/{cooperation.slug}/sante/seuils/", data)
    assert response.status_code == 302
    saved = HealthThresholds.objects.get(cooperation=cooperation)
    assert (saved.agenda_on_time_min, saved.followup_delay_max_days) == (75, 1000)
    assert saved.history.count() == 1


def test_a_threshold_out_of_bounds_is_refused_in_french(coordinator_client):
    cooperation = coordinator_client.cooperation
    data = {
        "agenda_on_time_min": "120",
        "attendance_min": "50",
        "absences_max": "0",
        "host_share_max": "70",
        "followups_done_min": "40",
        "followups_late_max": "25",
        "followup_delay_max_days": "30",
    }
    response = coordinator_client.post(f"/cooperations/{cooperation.slug}/sante/seuils/", data)
    assert response.status_code == 400
    assert "100" in response.content.decode()
    assert not HealthThresholds.objects.exists()


def test_the_api_gives_the_figures_of_a_period(coordinator_client):
    cooperation = coordinator_client.cooperation
    body = coordinator_client.get(f"/api/v1/cooperations/{cooperation.slug}/health?period=2026").json()
    assert body["period"] == "2026"
    assert [section["key"] for section in body["sections"]] == [
        "reunions",
        "ordres-du-jour",
        "presence",
        "rotation",
        "suivi",
        "ampleur",
    ]
