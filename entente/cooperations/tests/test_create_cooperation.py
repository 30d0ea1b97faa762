import pytest

from entente.cooperations.models import Cooperation, Membership, Partnership
from entente.territories.factories import OrganizationFactory, TerritoryFactory
from entente.territories.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def departements():
    return (
        TerritoryFactory(kind="departement", code="37", name="Indre-et-Loire"),
        TerritoryFactory(kind="departement", code="41", name="Loir-et-Cher"),
    )


def create(client, **overrides):
    data = {"name": "Piloter ensemble", "kind": "convention_technique", "visibility": "public",
            "description": "Deux départements", **overrides}
    return client.post("/cooperations/nouvelle/", data)


def test_creator_becomes_coordinator_with_picked_partners(client, world, departements):
    client.force_login(world.users["outsider"])
    response = create(client, partner=["territory:departement:37", "territory:departement:41"],
                      partner_role=["signataire", "partenaire_associe"])
    cooperation = Cooperation.objects.get(name="Piloter ensemble")
    assert response.status_code == 302 and response["Location"] == cooperation.get_absolute_url()
    assert Membership.objects.get(cooperation=cooperation).role == "coordinateur"
    roles = dict(Partnership.objects.filter(cooperation=cooperation).values_list("organization__name", "role"))
    assert roles == {"Indre-et-Loire": "signataire", "Loir-et-Cher": "partenaire_associe"}


def test_collectivite_becomes_an_organization_once(client, world, departements):
    client.force_login(world.users["outsider"])
    create(client, partner=["territory:departement:37"], partner_role=["signataire"])
    create(client, name="Autre coopération", partner=["territory:departement:37"], partner_role=["signataire"])
    assert Organization.objects.filter(territory=departements[0]).count() == 1


def test_unknown_partner_is_refused_and_nothing_is_created(client, world):
    client.force_login(world.users["outsider"])
    response = create(client, partner=["territory:departement:99"], partner_role=["signataire"])
    assert response.status_code == 200
    assert "Territoire inconnu" in response.content.decode()
    assert not Cooperation.objects.filter(name="Piloter ensemble").exists()


def test_forged_role_is_refused(client, world):
    organization = OrganizationFactory()
    client.force_login(world.users["outsider"])
    response = create(client, partner=[f"organization:{organization.pk}"], partner_role=["chef"])
    assert "Rôle de partenaire inconnu" in response.content.decode()
    assert not Cooperation.objects.filter(name="Piloter ensemble").exists()


def test_too_short_name_gets_a_french_message(client, world):
    client.force_login(world.users["outsider"])
    response = create(client, name="AB")
    assert "au moins 3 caractères" in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    response = create(client)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    assert not Cooperation.objects.exists()


def test_last_coordinator_cannot_leave(client, world):
    coordinator = Membership.objects.get(cooperation=world.own, role="coordinateur")
    client.force_login(world.users["coordinateur"])
    response = client.post(f"/cooperations/{world.own.slug}/membres/{coordinator.pk}/", {"action": "remove"})
    assert response.status_code == 400
    assert "au moins un·e coordinateur·rice" in response.content.decode()
    assert Membership.objects.filter(pk=coordinator.pk).exists()


def test_a_change_is_kept_in_history(client, world):
    client.force_login(world.users["coordinateur"])
    client.post(f"/cooperations/{world.own.slug}/modifier/",
                {"name": "Nouveau nom", "kind": "entente", "visibility": "private"})
    page = client.get(f"/cooperations/{world.own.slug}/historique/").content.decode()
    assert "Coopération A" in page and "Nouveau nom" in page
