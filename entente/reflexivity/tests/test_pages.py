"""Pages of reflexivity: the public sees organizations only; the board stays cheap however many cards."""

import datetime
import io
import re

import networkx as nx
import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.core.testing import html_and_query_count
from entente.governance.factories import MeetingFactory
from entente.reflexivity import board_services
from entente.reflexivity.board_models import CardColumn, CardConversion
from entente.reflexivity.exchange_services import record_exchange

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_network():
    cooperation = CooperationFactory(public=True)
    commune, interco = PartnershipFactory(cooperation=cooperation), PartnershipFactory(cooperation=cooperation)
    host, visitor = UserFactory(display_name="DGS de l'interco"), UserFactory(display_name="Secrétaire de mairie")
    MembershipFactory(cooperation=cooperation, user=host, partner=interco, role="coordinateur")
    MembershipFactory(cooperation=cooperation, user=visitor, partner=commune)
    record_exchange(
        cooperation=cooperation,
        user=host,
        host=host,
        visitor=visitor,
        topic="L'accueil",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 3, 2),
    )
    return cooperation, host, commune, interco


def test_anonymous_visitors_see_organizations_only(client, public_network):
    cooperation, _, commune, interco = public_network
    html = client.get(f"/cooperations/{cooperation.slug}/reflexivite/reseau/?niveau=personnes").content.decode()
    assert str(commune.organization) in html and str(interco.organization) in html
    assert "DGS de l&#x27;interco" not in html and "Secrétaire de mairie" not in html
    assert "les personnes ne sont visibles que des membres" in html


def test_the_public_export_holds_no_person(client, public_network):
    cooperation, _, commune, _ = public_network
    response = client.get(f"/cooperations/{cooperation.slug}/reflexivite/reseau/export.gexf?niveau=personnes")
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert {data["kind"] for _, data in graph.nodes(data=True)} == {"organisation"}
    assert f"o{commune.organization_id}" in graph


def test_members_see_the_people(client, public_network):
    cooperation, host, _, _ = public_network
    client.force_login(host)
    html = client.get(f"/cooperations/{cooperation.slug}/reflexivite/reseau/").content.decode()
    assert "Secrétaire de mairie" in html and 'id="network-elements"' in html


def test_the_board_costs_the_same_queries_with_more_cards(client):
    cooperation = CooperationFactory()
    member = UserFactory()
    MembershipFactory(cooperation=cooperation, user=member, role="membre")
    board = board_services.create_board(cooperation=cooperation, user=member, title="Séminaire")
    client.force_login(member)
    url = f"/cooperations/{cooperation.slug}/reflexivite/tableaux/{board.pk}/direct/"

    def add(start, count):
        for index in range(start, start + count):
            card = board_services.add_card(
                board=board,
                user=member,
                column=CardColumn.values[index % 4],
                text=f"Carte {index}",
                meeting=MeetingFactory(body__cooperation=cooperation),
            )
            board_services.add_dot(card, user=member) if index < 3 else None

    add(0, 2)
    _, few = html_and_query_count(client, url)
    add(2, 8)
    html, many = html_and_query_count(client, url)
    assert many == few and "Carte 9" in html


def test_a_dot_from_the_live_board_answers_the_refreshed_columns(client):
    cooperation = CooperationFactory()
    member = UserFactory()
    MembershipFactory(cooperation=cooperation, user=member, role="contributeur")
    board = board_services.create_board(cooperation=cooperation, user=member, title="Séminaire", dots_per_person=1)
    card = board_services.add_card(board=board, user=member, column=CardColumn.SUCCESS, text="Faire confiance")
    client.force_login(member)
    url = f"/cooperations/{cooperation.slug}/reflexivite/tableaux/{board.pk}/cartes/{card.pk}/gommettes/"
    response = client.post(url, {"sens": "ajouter"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "(vous : 1)" in response.content.decode()
    refused = client.post(url, {"sens": "ajouter"}, headers={"HX-Request": "true"})
    assert refused.status_code == 409 and "vos 1 gommettes" in refused.content.decode()


def test_converting_from_the_page_keeps_the_link_and_refuses_the_second_tab(client):
    cooperation = CooperationFactory()
    member = UserFactory()
    MembershipFactory(cooperation=cooperation, user=member, role="membre")
    board = board_services.create_board(cooperation=cooperation, user=member, title="Séminaire")
    card = board_services.add_card(
        board=board, user=member, column=CardColumn.QUESTION, text="Et les petites communes ?"
    )
    meeting = MeetingFactory(body__cooperation=cooperation)
    client.force_login(member)
    url = (
        f"/cooperations/{cooperation.slug}/reflexivite/tableaux/{board.pk}/cartes/{card.pk}/transformer/ordre-du-jour/"
    )
    first = client.post(url, {"meeting": meeting.pk, "title": "Les petites communes"})
    second = client.post(url, {"meeting": meeting.pk, "title": "Les petites communes"})
    assert first.status_code == 302 and second.status_code == 200
    assert "déjà été transformée" in second.content.decode()
    conversion = CardConversion.objects.get(card=card)
    assert conversion.agenda_item.meeting == meeting and meeting.items.filter(title="Les petites communes").count() == 1
    board_html = client.get(f"/cooperations/{cooperation.slug}/reflexivite/tableaux/{board.pk}/").content.decode()
    assert meeting.get_absolute_url() in board_html


def test_the_live_poll_answers_204_until_the_board_changes(client):
    cooperation = CooperationFactory()
    member = UserFactory()
    MembershipFactory(cooperation=cooperation, user=member, role="membre")
    board = board_services.create_board(cooperation=cooperation, user=member, title="Séminaire")
    card = board_services.add_card(board=board, user=member, column=CardColumn.SUCCESS, text="Faire confiance")
    client.force_login(member)
    url = f"/cooperations/{cooperation.slug}/reflexivite/tableaux/{board.pk}/direct/"
    html = client.get(url).content.decode()
    version = re.search(r"direct/\?v=([^\"]+)\"", html).group(1)
    assert client.get(url, {"v": version}).status_code == 204
    board_services.add_dot(card, user=member)
    changed = client.get(url, {"v": version})
    assert changed.status_code == 200 and "(vous : 1)" in changed.content.decode()
