"""« Créer les instances usuelles » offers only the presets not created yet."""

import pytest
from django.urls import reverse

from entente.governance import body_services
from entente.governance.body_forms import PresetForm
from entente.governance.presets import PRESETS

from .conftest import page_text

pytestmark = pytest.mark.django_db


def test_created_preset_is_no_longer_offered(world):
    body_services.create_preset_bodies(cooperation=world.own, codes=["comite_pilotage"])
    offered = dict(PresetForm(cooperation=world.own).fields["presets"].choices)
    assert "comite_pilotage" not in offered
    assert set(offered) == set(PRESETS) - {"comite_pilotage"}


def test_other_cooperations_bodies_do_not_hide_a_preset(world):
    body_services.create_preset_bodies(cooperation=world.other, codes=["comite_pilotage"])
    assert "comite_pilotage" in dict(PresetForm(cooperation=world.own).fields["presets"].choices)


def test_posting_an_existing_preset_is_refused_in_french(client, world):
    body_services.create_preset_bodies(cooperation=world.own, codes=["comite_pilotage"])
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:body_presets", args=[world.own.slug]), {"presets": ["comite_pilotage"]})
    assert response.status_code == 400
    assert "existe déjà" in page_text(response)


def test_page_says_when_every_preset_exists(client, world):
    body_services.create_preset_bodies(cooperation=world.own, codes=list(PRESETS))
    client.force_login(world.users["coordinateur"])
    text = page_text(client.get(reverse("governance:bodies", args=[world.own.slug])))
    assert "Toutes les instances usuelles existent déjà" in text
    assert "Créer les instances cochées" not in text
