"""A partner's page: every action it leads or joins, only in cooperations the reader may see."""

from decimal import Decimal

import pytest

from entente.cooperations.factories import PartnershipFactory
from entente.portfolio.factories import ActionFactory
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.selectors import partner_commitments

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(world):
    """One organization partner of both cooperations, leading in one and joining in the other."""
    organization = world.partners[world.own.pk][0].organization
    elsewhere = PartnershipFactory(cooperation=world.other, organization=organization)
    own = ActionFactory(cooperation=world.own, title="Formation commune", partners=world.partners[world.own.pk])
    save_financing(own, data=FinancingData(total=Decimal("3000"), key="parts_egales"))
    hidden = ActionFactory(cooperation=world.other, title="Action confidentielle",
                           partners=[world.partners[world.other.pk][0], elsewhere])
    return organization, own, hidden


def test_a_member_sees_the_actions_of_their_cooperation_only(client, world, shared):
    organization, _own, _hidden = shared
    client.force_login(world.users["membre"])
    page = client.get(f"/organisations/{organization.pk}/actions/").content.decode()
    assert "Formation commune" in page and "Action confidentielle" not in page
    assert "1\u00a0500,00 €" in page or "1 500,00 €" in page


def test_an_operator_sees_every_action_and_the_total_contribution(client, world, shared):
    organization, _own, _hidden = shared
    client.force_login(world.users["operator"])
    page = client.get(f"/organisations/{organization.pk}/actions/").content.decode()
    assert "Formation commune" in page and "Action confidentielle" in page


def test_an_anonymous_visitor_sees_nothing_private(client, world, shared):
    organization, _own, _hidden = shared
    page = client.get(f"/organisations/{organization.pk}/actions/").content.decode()
    assert "Formation commune" not in page and "Action confidentielle" not in page


def test_partner_commitments_give_role_share_and_explanation(world, shared):
    organization, own, _hidden = shared
    [commitment] = partner_commitments(world.own, organization)
    assert commitment["action"] == own
    assert commitment["role"] == "chef de file"
    assert commitment["share"] == Decimal("1500.00")
    assert commitment["explanation"].startswith("3\u00a0000,00\u00a0€ ÷ 2 partenaires")
    assert commitment["workstream"] == own.workstream.title and commitment["axis"] == own.workstream.axis.title


def test_partner_commitments_of_a_participant_without_plan(world, shared):
    organization, _own, hidden = shared
    [commitment] = partner_commitments(world.other, organization)
    assert (commitment["action"], commitment["role"], commitment["share"]) == (hidden, "participant", None)


def test_a_partner_in_several_cooperations_gets_a_subtotal_per_cooperation(client, world, shared):
    organization, _own, hidden = shared
    save_financing(hidden, data=FinancingData(total=Decimal("1001"), key="parts_egales"))
    client.force_login(world.users["operator"])
    response = client.get(f"/organisations/{organization.pk}/actions/")
    groups = {group["cooperation"].pk: group for group in response.context["cooperations"]}
    assert groups[world.own.pk]["total"] == Decimal("1500.00") and groups[world.own.pk]["led"] == 1
    assert groups[world.other.pk]["total"] in (Decimal("500.50"), Decimal("500.51"))
    assert response.context["total"] == groups[world.own.pk]["total"] + groups[world.other.pk]["total"]
    assert "Contribution par coopération" in response.content.decode()
