import pytest

from entente.accounts.models import ApiToken
from entente.cooperations.models import Cooperation

pytestmark = pytest.mark.django_db


def bearer(user):
    _token, raw = ApiToken.issue(user, "test")
    return {"Authorization": f"Bearer {raw}"}


def test_token_creates_a_cooperation(client, world):
    response = client.post("/api/v1/cooperations", {"name": "Par jeton", "kind": "entente"},
                           content_type="application/json", headers=bearer(world.users["outsider"]))
    assert response.status_code == 201
    assert response.json()["slug"] == Cooperation.objects.get(name="Par jeton").slug


def test_invalid_payload_gets_a_french_detail(client, world):
    response = client.post("/api/v1/cooperations", {"name": "AB", "kind": "inconnu"},
                           content_type="application/json", headers=bearer(world.users["outsider"]))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "name" in detail and "kind" in detail and "valeur non autorisée" in detail


def test_unknown_token_is_refused(client):
    response = client.get("/api/v1/cooperations", headers={"Authorization": "Bearer faux"})
    assert response.status_code == 401
    assert response.json()["detail"] == "Jeton d'API inconnu ou révoqué."


def test_session_write_without_csrf_token_is_refused(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["coordinateur"])
    response = client.patch(f"/api/v1/cooperations/{world.own.slug}", {"description": "x"},
                            content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_private_cooperation_is_invisible_to_outsiders(client, world):
    client.force_login(world.users["outsider"])
    response = client.get(f"/api/v1/cooperations/{world.own.slug}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ressource introuvable."}


def test_list_is_paginated_and_only_shows_what_the_caller_may_see(client, world):
    client.force_login(world.users["membre"])
    payload = client.get("/api/v1/cooperations").json()
    assert payload["count"] == 1 and [item["slug"] for item in payload["items"]] == [world.own.slug]


def test_patch_with_null_lists_and_description_leaves_them_unchanged(client, world):
    client.force_login(world.users["coordinateur"])
    response = client.patch(f"/api/v1/cooperations/{world.own.slug}",
                            {"forms": None, "purposes": None, "description": None, "name": "Entente renommée"},
                            content_type="application/json")
    assert response.status_code == 200
    assert response.json()["name"] == "Entente renommée"
