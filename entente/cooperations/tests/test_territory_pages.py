"""The cooperations listed on territory and organisation pages (cooperations fills territories' hook):
only those the visitor may see, at a query count that does not grow with the territory."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.territories.factories import TerritoryFactory
from entente.territories.models import Territory
from entente.territories.services import organization_for_territory
from entente.territories.tests.conftest import fixture_document, fixture_file, registry  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("registry")


def territory(kind, code):
    return Territory.objects.get(kind=kind, code=code)


@pytest.fixture
def cooperations():
    """Ancenis-Saint-Géréon takes part in one public and one private cooperation."""
    ancenis = organization_for_territory(territory("commune", "44003"))
    public = CooperationFactory(name="Entente publique du Pays d'Ancenis", public=True)
    private = CooperationFactory(name="Convention privée de Loire")
    for cooperation in (public, private):
        PartnershipFactory(cooperation=cooperation, organization=ancenis)
    member = UserFactory()
    MembershipFactory(cooperation=private, user=member)
    return {"public": public, "private": private, "member": member, "organization": ancenis}


def _epci_with_members(code, count):
    epci = TerritoryFactory(kind="epci", code=code, name=f"CC test {code}", epci_kind="CC")
    for number in range(count):
        TerritoryFactory(kind="commune", code=f"{code[:3]}{number:02d}", name=f"Membre {number}", epci=epci)
    cooperation = CooperationFactory(public=True)
    PartnershipFactory(cooperation=cooperation, organization=organization_for_territory(epci))
    return epci


@pytest.mark.parametrize("user_kind", ["anonymous", "member"])
def test_territory_page_query_count_does_not_grow_with_members(client, user_kind):
    small, big = _epci_with_members("200000001", 2), _epci_with_members("300000001", 40)
    if user_kind == "member":
        user = UserFactory()
        MembershipFactory(user=user)
        client.force_login(user)
    counts = []
    for epci in (small, big):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(epci.get_absolute_url())
        assert response.status_code == 200
        counts.append(len(queries))
    assert len(response.context["members"]) == 40
    assert counts[0] == counts[1]


def _cooperation_names(response):
    return [c.name for c in response.context["cooperations"]]


def test_anonymous_sees_only_public_cooperations_of_a_territory(client, cooperations):
    response = client.get("/territoires/commune/44003/")
    assert _cooperation_names(response) == ["Entente publique du Pays d'Ancenis"]
    assert "Convention privée de Loire" not in response.content.decode()


def test_outsider_sees_only_public_cooperations_of_a_territory(client, cooperations):
    client.force_login(UserFactory())
    response = client.get("/territoires/commune/44003/")
    assert _cooperation_names(response) == ["Entente publique du Pays d'Ancenis"]


def test_member_also_sees_their_private_cooperation(client, cooperations):
    client.force_login(cooperations["member"])
    response = client.get("/territoires/commune/44003/")
    assert _cooperation_names(response) == ["Convention privée de Loire", "Entente publique du Pays d'Ancenis"]


def test_organization_page_links_its_territory_and_filters_cooperations(client, cooperations):
    url = f"/organisations/{cooperations['organization'].pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert '<a href="/territoires/commune/44003/">' in response.content.decode()
    assert _cooperation_names(response) == ["Entente publique du Pays d'Ancenis"]
    client.force_login(cooperations["member"])
    assert len(client.get(url).context["cooperations"]) == 2
