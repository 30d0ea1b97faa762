"""Outside partners of an action are picked in the territory registry, never from other cooperations."""

import json

import pytest
from django.core.exceptions import ValidationError

from entente.cooperations.factories import PartnershipFactory
from entente.portfolio import services
from entente.portfolio.factories import ActionFactory, WorkstreamFactory
from entente.portfolio.models import Action
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_of_other(world):
    """An agency that is a partner of another cooperation only."""
    agency = OrganizationFactory(name="Agence d'urbanisme voisine")
    PartnershipFactory(cooperation=world.other, organization=agency)
    return agency


@pytest.fixture
def ardeche(db):
    return TerritoryFactory(kind="departement", code="07", name="Ardèche")


def form_url(cooperation):
    return f"/cooperations/{cooperation.slug}/portefeuille/actions/nouvelle/"


def post_form(client, world, **fields):
    data = {
        "title": "Swimrun des gorges",
        "workstream": WorkstreamFactory(cooperation=world.own).pk,
        "status": "idee",
        "progress": "0",
        **fields,
    }
    return client.post(form_url(world.own), data)


def post_api(client, world, **fields):
    payload = {"title": "Swimrun des gorges", "workstream_id": WorkstreamFactory(cooperation=world.own).pk, **fields}
    return client.post(
        f"/api/v1/cooperations/{world.own.slug}/actions", data=json.dumps(payload), content_type="application/json"
    )


def test_the_form_lists_no_organization_of_another_cooperation(client, world, agency_of_other, ardeche):
    client.force_login(world.users["membre"])
    page = client.get(form_url(world.own)).content.decode()
    for partnership in world.partners[world.other.pk]:
        assert partnership.organization.name not in page
    assert "Agence d&#x27;urbanisme voisine" not in page and "Agence d'urbanisme voisine" not in page
    assert "Ardèche" not in page  # départements are searched, not listed
    assert """hx-vals='{"organisations": "non"}'""" in page


def test_the_registry_search_for_outside_partners_offers_territories_only(client, world, agency_of_other):
    TerritoryFactory(kind="commune", code="90001", name="Agence-sur-Loire")
    response = client.get("/territoires/autocomplete/", {"q": "agence", "organisations": "non"})
    page = response.content.decode()
    assert "Agence-sur-Loire" in page
    assert "urbanisme voisine" not in page


def test_a_territory_picked_in_the_registry_becomes_an_outside_partner(client, world, ardeche):
    client.force_login(world.users["membre"])
    response = post_form(client, world, external=["territory:departement:07"])
    assert response.status_code == 302
    action = Action.objects.get(title="Swimrun des gorges")
    assert [o.territory for o in action.external_partners.all()] == [ardeche]


def test_the_form_refuses_an_organization_of_another_cooperation(client, world, agency_of_other):
    client.force_login(world.users["membre"])
    response = post_form(client, world, external=[f"organization:{agency_of_other.pk}"])
    assert response.status_code == 200
    assert "organisation inconnue de cette coopération" in response.content.decode()
    assert not Action.objects.exists()


def test_the_form_refuses_an_unknown_reference(client, world):
    client.force_login(world.users["membre"])
    response = post_form(client, world, external=["territory:departement:99"])
    assert "Partenaire extérieur non reconnu" in response.content.decode()
    assert not Action.objects.exists()


def test_the_api_refuses_an_organization_of_another_cooperation(client, world, agency_of_other):
    client.force_login(world.users["membre"])
    response = post_api(client, world, external_organization_ids=[agency_of_other.pk])
    assert response.status_code == 400
    assert "organisation inconnue de cette coopération" in response.json()["detail"]
    assert not Action.objects.exists()


def test_the_api_refuses_a_partner_of_the_cooperation_as_outside_partner(client, world):
    client.force_login(world.users["membre"])
    inside = world.partners[world.own.pk][0].organization
    response = post_api(client, world, external_organization_ids=[inside.pk])
    assert response.status_code == 400
    assert "déjà partenaire de la coopération" in response.json()["detail"]


def test_the_api_refuses_a_territory_no_longer_in_force(client, world):
    """The form offers current territories only; the API and the service refuse the others the same way."""
    TerritoryFactory(kind="region", code="83", name="Auvergne", is_current=False)
    client.force_login(world.users["membre"])
    response = post_api(client, world, external_territory_codes=["region:83"])
    assert response.status_code == 400
    assert "Auvergne : ce territoire n'est plus en vigueur" in response.json()["detail"]
    assert not Action.objects.exists()


def test_the_service_refuses_a_territory_no_longer_in_force(world):
    gone = TerritoryFactory(kind="departement", code="99", name="Seine-et-Oise", is_current=False)
    data = services.ActionData(
        title="Action", workstream=WorkstreamFactory(cooperation=world.own), external_territories=[gone]
    )
    with pytest.raises(ValidationError, match="plus en vigueur"):
        services.create_action(cooperation=world.own, user=None, data=data)


def test_the_service_refuses_an_organization_of_another_cooperation(world, agency_of_other):
    data = services.ActionData(
        title="Action", workstream=WorkstreamFactory(cooperation=world.own), external_partners=[agency_of_other]
    )
    with pytest.raises(ValidationError, match="organisation inconnue de cette coopération"):
        services.create_action(cooperation=world.own, user=None, data=data)


def test_an_outside_organization_already_working_with_the_cooperation_is_accepted(world):
    agency = OrganizationFactory(name="Syndicat mixte du bassin")
    ActionFactory(cooperation=world.own).external_partners.add(agency)
    data = services.ActionData(
        title="Action", workstream=WorkstreamFactory(cooperation=world.own), external_partners=[agency]
    )
    action = services.create_action(cooperation=world.own, user=None, data=data)
    assert list(action.external_partners.all()) == [agency]


def test_the_edit_form_shows_the_outside_partners_as_picked_and_keeps_them(client, world, ardeche):
    action = ActionFactory(cooperation=world.own)
    agency = OrganizationFactory(name="Syndicat mixte du bassin")
    action.external_partners.add(agency)
    client.force_login(world.users["coordinateur"])
    url = f"/cooperations/{world.own.slug}/portefeuille/actions/{action.pk}/modifier/"
    page = client.get(url).content.decode()
    assert f'<input type="hidden" name="external" value="organization:{agency.pk}">' in page
    response = client.post(
        url,
        {
            "title": action.title,
            "workstream": action.workstream_id,
            "status": action.status,
            "progress": "0",
            "external": [f"organization:{agency.pk}", "territory:departement:07"],
        },
    )
    assert response.status_code == 302
    assert {o.name for o in action.external_partners.all()} == {"Syndicat mixte du bassin", "Ardèche"}


def test_a_refused_form_shows_the_picked_territories_again(client, world, ardeche):
    client.force_login(world.users["membre"])
    response = post_form(client, world, external=["territory:departement:07"], progress="150")
    assert '<input type="hidden" name="external" value="territory:departement:07">' in response.content.decode()


def test_an_outside_organization_that_is_not_a_collectivite_is_named_in_the_form(client, world, agency_of_other):
    client.force_login(world.users["membre"])
    response = post_form(client, world, new_external="Agence d'urbanisme voisine", new_external_kind="agence_urbanisme")
    assert response.status_code == 302
    created = Action.objects.get(title="Swimrun des gorges").external_partners.get()
    assert (created.name, created.kind) == ("Agence d'urbanisme voisine", "agence_urbanisme")
    assert created != agency_of_other  # another cooperation's record is never reused


def test_naming_again_an_outside_organization_of_the_cooperation_reuses_it(client, world):
    agency = OrganizationFactory(name="Syndicat mixte du bassin")
    ActionFactory(cooperation=world.own).external_partners.add(agency)
    client.force_login(world.users["membre"])
    post_form(client, world, new_external="syndicat mixte du bassin", new_external_kind="syndicat_mixte")
    assert list(Action.objects.get(title="Swimrun des gorges").external_partners.all()) == [agency]


def test_naming_a_partner_of_the_cooperation_as_outside_organization_is_refused(client, world):
    inside = world.partners[world.own.pk][0].organization
    client.force_login(world.users["membre"])
    response = post_form(client, world, new_external=inside.name, new_external_kind="autre")
    assert "déjà partenaire de la coopération" in response.content.decode()
    assert not Action.objects.exists()


def test_the_api_names_an_outside_organization_but_not_a_collectivite(client, world):
    client.force_login(world.users["membre"])
    response = post_api(
        client, world, new_external_organizations=[{"name": "Commune inventée", "kind": "collectivite"}]
    )
    assert response.status_code == 400
    assert "registre des territoires" in response.json()["detail"]
    response = post_api(client, world, new_external_organizations=[{"name": "ADEME", "kind": "etablissement_public"}])
    assert response.status_code == 201
    assert response.json()["external_partners"] == ["ADEME"]
