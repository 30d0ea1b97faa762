"""A GET on a form-only address answers a French page, not an empty 405."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_get_on_a_post_only_url_shows_a_french_page(client, world):
    client.force_login(world.users["coordinateur"])
    url = reverse("governance:body_presets", args=[world.own.slug])
    response = client.get(url)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    text = response.content.decode()
    assert "Action impossible depuis un lien" in text
    assert "fr-header" in text  # the DSFR layout of the site, not a bare message
    assert "Rien n'a été enregistré" in text


def test_anonymous_visitor_gets_the_page_too(client, world):
    response = client.get(reverse("governance:body_presets", args=[world.own.slug]))
    assert response.status_code == 405
    assert "Action impossible depuis un lien" in response.content.decode()


def test_same_site_referer_offers_a_way_back(client, world):
    client.force_login(world.users["coordinateur"])
    back = "http://testserver" + reverse("governance:bodies", args=[world.own.slug])
    response = client.get(reverse("governance:body_presets", args=[world.own.slug]), HTTP_REFERER=back)
    assert f'href="{back}"' in response.content.decode()


def test_foreign_referer_is_not_offered(client, world):
    client.force_login(world.users["coordinateur"])
    response = client.get(
        reverse("governance:body_presets", args=[world.own.slug]), HTTP_REFERER="https://ailleurs.example/piege"
    )
    assert "ailleurs.example" not in response.content.decode()


def test_api_keeps_its_own_answer(client, world):
    response = client.delete("/api/v1/")
    assert "Action impossible depuis un lien" not in response.content.decode()
