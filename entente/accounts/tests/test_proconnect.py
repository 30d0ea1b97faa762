"""ProConnect sign-in, the parts that need no provider (the journey itself is a browser test
against a real OpenID provider: tests/e2e/test_proconnect_journey.py)."""

import pytest
from django.urls import reverse

from entente.accounts.proconnect import ProConnectBackend
from entente.settings import proconnect_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def configured(settings):
    for name, value in proconnect_settings("fca.integ01.dev-agentconnect.fr", "client", "secret").items():
        setattr(settings, name, value)


def test_the_button_is_hidden_when_proconnect_is_not_configured(client):
    assert "S'identifier avec ProConnect" not in client.get(reverse("accounts:login")).content.decode()


def test_the_button_shows_when_proconnect_is_configured(client, configured):
    assert "S'identifier avec ProConnect" in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.parametrize("name", ["accounts:proconnect_start", "accounts:proconnect_callback"])
def test_proconnect_pages_do_not_exist_when_it_is_not_configured(client, name):
    assert client.get(reverse(name)).status_code == 404


def test_the_start_redirects_to_proconnect_with_pkce_state_nonce_and_acr(client, configured):
    response = client.get(reverse("accounts:proconnect_start"))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://fca.integ01.dev-agentconnect.fr/api/v2/authorize?")
    for part in ("code_challenge_method=S256", "code_challenge=", "state=", "nonce=", "acr_values=eidas1", "siret"):
        assert part in location


def test_a_callback_without_a_known_state_is_refused_in_french(client, configured):
    response = client.get(reverse("accounts:proconnect_callback"), {"code": "abc", "state": "inconnu"})
    assert response.status_code == 403
    assert "la demande de connexion est inconnue ou a déjà servi" in response.content.decode()


def test_an_error_sent_back_by_proconnect_is_shown(client, configured):
    response = client.get(reverse("accounts:proconnect_callback"), {"error": "access_denied"})
    assert response.status_code == 403
    assert "ProConnect a répondu « access_denied »" in response.content.decode()


def test_the_password_form_never_signs_in_through_proconnect(rf, configured):
    request = rf.get("/connexion/", {"code": "abc", "state": "def"})
    assert ProConnectBackend().authenticate(request, email="a@b.fr", password="x") is None
