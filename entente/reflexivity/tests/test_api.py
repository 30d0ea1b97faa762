"""API of reflexivity: a card converted twice gives one follow-up; the public network lists organizations only."""

import datetime

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.governance.decision_models import FollowUp
from entente.governance.factories import DecisionFactory
from entente.reflexivity import board_services
from entente.reflexivity.board_models import CardColumn
from entente.reflexivity.exchange_services import record_exchange

pytestmark = pytest.mark.django_db


def test_a_card_converted_twice_through_the_api_gives_one_followup(client):
    cooperation = CooperationFactory()
    member = UserFactory()
    MembershipFactory(cooperation=cooperation, user=member, role="membre")
    decision = DecisionFactory(item__meeting__body__cooperation=cooperation)
    board = board_services.create_board(cooperation=cooperation, user=member, title="Séminaire")
    card = board_services.add_card(
        board=board, user=member, column=CardColumn.OBSTACLE, text="Le temps", decision=decision
    )
    client.force_login(member)
    url = f"/api/v1/cooperations/{cooperation.slug}/learning-boards/{board.pk}/cards/{card.pk}/conversions"
    payload = {
        "kind": "suite",
        "due_on": str(datetime.date.today() + datetime.timedelta(days=30)),
        "owner_id": member.pk,
    }
    first = client.post(url, payload, content_type="application/json")
    second = client.post(url, payload, content_type="application/json")
    assert first.status_code == 201 and first.json()["followup_id"] == FollowUp.objects.get().pk
    assert second.status_code == 400 and "déjà été transformée" in second.json()["detail"]
    detail = client.get(f"/api/v1/cooperations/{cooperation.slug}/learning-boards/{board.pk}").json()
    assert detail["cards"][0]["conversions"][0]["followup_id"] == first.json()["followup_id"]


def test_the_public_network_lists_organizations_only(client):
    cooperation = CooperationFactory(public=True)
    partners = [PartnershipFactory(cooperation=cooperation) for _ in range(2)]
    people = [UserFactory(display_name=f"Personne {i}") for i in range(2)]
    for person, partner in zip(people, partners, strict=True):
        MembershipFactory(cooperation=cooperation, user=person, partner=partner)
    record_exchange(
        cooperation=cooperation,
        user=people[0],
        host=people[0],
        visitor=people[1],
        topic="Accueil",
        starts_on=datetime.date(2026, 2, 2),
        ends_on=datetime.date(2026, 2, 2),
    )
    answer = client.get(f"/api/v1/cooperations/{cooperation.slug}/network?niveau=personnes").json()
    assert answer["level"] == "organisations"
    assert {actor["kind"] for actor in answer["actors"]} == {"organisation"}
    assert answer["links"][0]["sources"] == "échanges « Vis ma vie » : 1"
    client.force_login(people[0])
    answer = client.get(f"/api/v1/cooperations/{cooperation.slug}/network").json()
    assert {actor["label"] for actor in answer["actors"]} == {"Personne 0", "Personne 1"}
