import pytest

from entente.cooperations.factories import PartnershipFactory
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "tncc", "label"),
    [
        ("Indre-et-Loire", 1, "Rôle d'Indre-et-Loire"),
        ("Loire", 3, "Rôle de la Loire"),
        ("Cher", 2, "Rôle du Cher"),
    ],
)
def test_the_role_select_names_the_partner_with_its_article(client, world, name, tncc, label):
    territory = TerritoryFactory(kind="departement", code=f"{tncc}0", name=name, tncc=tncc)
    PartnershipFactory(
        cooperation=world.own, organization=OrganizationFactory(local_authority=True, territory=territory)
    )
    client.force_login(world.users["coordinateur"])
    page = client.get(f"/cooperations/{world.own.slug}/partenaires/").content.decode()
    assert f">{label}</label>" in page.replace("&#x27;", "'")


def test_a_refused_role_change_answers_the_error_page_with_the_way_back(client, world):
    membership = world.own.memberships.get(user=world.users["membre"])
    client.force_login(world.users["coordinateur"])
    response = client.post(
        f"/cooperations/{world.own.slug}/membres/{membership.pk}/", {"role": "inconnu", "partner": ""}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Rôle ou partenaire invalide." in page
    assert f'href="/cooperations/{world.own.slug}/membres/"' in page
