"""Bodies: creation with validated settings, presets, seats and the cooperation home block tag."""

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from entente.governance import body_services
from entente.governance.body_forms import BodyForm
from entente.governance.body_models import Body

from .conftest import page_text

pytestmark = pytest.mark.django_db


def test_quorum_over_100_percent_is_refused():
    form = BodyForm(data={"name": "Comité", "kind": "comite_suivi", "periodicity": "annuelle", "rotation": "fixe",
                          "council_lead_days": 7, "agenda_deadline_amount": 48, "agenda_deadline_unit": "heures",
                          "quorum_basis": "membres", "quorum_percent": 150, "voting_mode": "aucun",
                          "weighting": "aucune"})
    assert not form.is_valid()
    assert "100 au plus" in form.errors["quorum_percent"][0]


def test_two_bodies_cannot_share_a_name(world, body):
    with pytest.raises(ValidationError, match="existe déjà"):
        body_services.create_body(cooperation=world.own, name="conférence", kind="comite_suivi")


def test_presets_twice_say_they_already_exist(world):
    body_services.create_preset_bodies(cooperation=world.own, codes=["conference_entente"])
    with pytest.raises(ValidationError, match="existent déjà"):
        body_services.create_preset_bodies(cooperation=world.own, codes=["conference_entente"])


def test_codir_preset_has_the_four_functions_and_48_hours(world):
    [codir] = body_services.create_preset_bodies(cooperation=world.own, codes=["codir_territoire"])
    assert codir.functions == ["relationnelle", "operationnelle", "organisationnelle", "institutionnelle"]
    assert (codir.agenda_deadline_amount, codir.agenda_deadline_unit, codir.periodicity) == (48, "heures",
                                                                                          "avant_conseil")


def test_body_page_shows_functions_and_next_due(client, world):
    body_services.create_preset_bodies(cooperation=world.own, codes=["codir_territoire"])
    body = Body.objects.get(cooperation=world.own)
    client.force_login(world.users["observateur"])
    text = page_text(client.get(reverse("governance:body", args=[world.own.slug, body.pk])))
    assert "Fonction relationnelle" in text and "Prochaine réunion due" in text


def test_seat_with_guest_from_another_cooperation_is_shown_as_guest(client, world, body):
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:body_member_add", args=[world.own.slug, body.pk]), {
        "email": world.users["other_coordinator"].email, "role": "membre"})
    assert response.status_code == 400
    assert "qu'en tant qu'invité·e" in page_text(response)
    response = client.post(reverse("governance:body_member_add", args=[world.own.slug, body.pk]), {
        "email": world.users["other_coordinator"].email, "role": "invite"})
    assert response.status_code == 302


def test_cooperation_followups_tag_renders_for_members(world, decision):
    request = RequestFactory().get("/")
    request.user = world.users["membre"]
    html = Template("{% load governance %}{% cooperation_followups cooperation %}").render(
        Context({"request": request, "cooperation": world.own}))
    assert "Suites à donner" in html
