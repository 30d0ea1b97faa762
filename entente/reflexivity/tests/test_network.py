"""The actor network: links read from the records, centralities checked against a graph worked out by hand."""

import datetime
import io

import networkx as nx
import pytest
from django.utils import timezone

from entente.accounts.factories import UserFactory
from entente.agreements.models import Agreement, AgreementVersion, Signatory, Signature
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.governance.factories import BodyFactory, MeetingFactory
from entente.governance.meeting_models import AttendanceStatus
from entente.governance.meeting_services import record_attendance
from entente.reflexivity.exchange_services import record_exchange
from entente.reflexivity.network_exports import gexf_bytes, graphml_bytes
from entente.reflexivity.network_logic import ORGANIZATIONS, PEOPLE, build_network, yearly_changes

pytestmark = pytest.mark.django_db


def meeting_in(body, year, people):
    starts = timezone.make_aware(datetime.datetime(year, 3, 10, 9))
    meeting = MeetingFactory(body=body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    for person in people:
        record_attendance(meeting=meeting, status=AttendanceStatus.PRESENT, person=person)
    return meeting


@pytest.fixture
def path_world():
    """A — B — C — D in a line, E on their own; A and B met twice.

    By hand (n = 5): degree centrality = links / 4, so A 0.25, B 0.5, C 0.5, D 0.25, E 0.
    Betweenness (pairs whose shortest path runs through the actor, over (n-1)(n-2)/2 = 6 pairs):
    B is between A–C and A–D: 2/6; C is between A–D and B–D: 2/6; A, D and E: 0."""
    cooperation = CooperationFactory()
    x, y, z = (PartnershipFactory(cooperation=cooperation) for _ in range(3))
    people = {}
    for name, partner in (("A", x), ("B", x), ("C", y), ("D", z), ("E", z)):
        people[name] = UserFactory(display_name=name)
        MembershipFactory(cooperation=cooperation, user=people[name], partner=partner)
    body = BodyFactory(cooperation=cooperation)
    meeting_in(body, 2024, [people["A"], people["B"]])
    meeting_in(body, 2024, [people["A"], people["B"]])
    meeting_in(body, 2025, [people["B"], people["C"]])
    record_exchange(
        cooperation=cooperation,
        user=people["C"],
        host=people["C"],
        visitor=people["D"],
        starts_on=datetime.date(2025, 5, 12),
        ends_on=datetime.date(2025, 5, 13),
        topic="Accueil des usagers",
    )
    return cooperation, people, (x, y, z)


def by_label(network):
    return {row["label"]: row for row in network.actors}


def test_centralities_match_the_graph_worked_out_by_hand(path_world):
    cooperation, _, _ = path_world
    actors = by_label(build_network(cooperation, PEOPLE))
    assert {name: actors[name]["degree_centrality"] for name in "ABCDE"} == {
        "A": 0.25,
        "B": 0.5,
        "C": 0.5,
        "D": 0.25,
        "E": 0.0,
    }
    assert {name: actors[name]["betweenness"] for name in "ABCDE"} == {
        "A": 0.0,
        "B": 0.3333,
        "C": 0.3333,
        "D": 0.0,
        "E": 0.0,
    }


def test_links_are_weighted_by_the_occasions_shared(path_world):
    cooperation, people, _ = path_world
    network = build_network(cooperation, PEOPLE)
    a, b = f"p{people['A'].pk}", f"p{people['B'].pk}"
    assert network.graph[a][b]["weight"] == 2
    assert network.graph[a][b]["sources"] == "réunions : 2"
    assert by_label(network)["B"]["strength"] == 3


def test_hubs_and_isolated_actors_are_named(path_world):
    cooperation, _, _ = path_world
    network = build_network(cooperation, PEOPLE)
    assert [row["label"] for row in network.hubs] == ["B", "C"]
    assert [row["label"] for row in network.isolated] == ["E"]


def test_the_network_changes_from_one_year_to_the_next(path_world):
    cooperation, _, _ = path_world
    years = yearly_changes(build_network(cooperation, PEOPLE))
    assert [(row["year"], row["links"], row["actors"]) for row in years] == [(2024, 1, 2), (2025, 2, 3)]
    assert years[1]["new"] == ["B — C", "C — D"]
    assert years[1]["lost"] == ["A — B"]


def test_organizations_are_linked_through_their_people_and_their_signatures(path_world):
    cooperation, people, (x, y, z) = path_world
    agreement = Agreement.objects.create(cooperation=cooperation, title="Convention", kind="convention")
    version = AgreementVersion.objects.create(agreement=agreement, number=1, content={})
    for partner in (x, z):
        signatory = Signatory.objects.create(agreement=agreement, organization=partner.organization, status="signe")
        Signature.objects.create(signatory=signatory, version=version, signed_on=datetime.date(2025, 6, 1))
    network = build_network(cooperation, ORGANIZATIONS)
    ox, oy, oz = (f"o{p.organization_id}" for p in (x, y, z))
    assert {tuple(sorted(edge)) for edge in network.graph.edges()} == {
        tuple(sorted(pair)) for pair in ((ox, oy), (oy, oz), (ox, oz))
    }
    assert network.graph[ox][oz]["sources"] == "conventions cosignées : 1"
    assert all(data["kind"] == "organisation" for _, data in network.graph.nodes(data=True))


def test_gexf_and_graphml_read_back_with_networkx(path_world):
    cooperation, people, _ = path_world
    network = build_network(cooperation, PEOPLE)
    for read, data in ((nx.read_gexf, gexf_bytes(network)), (nx.read_graphml, graphml_bytes(network))):
        graph = read(io.BytesIO(data))
        assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 3
        a, b = f"p{people['A'].pk}", f"p{people['B'].pk}"
        assert float(graph[a][b]["weight"]) == 2.0
        labels = {graph.nodes[key].get("label") for key in graph}
        assert labels == {"A", "B", "C", "D", "E"}
        assert float(graph.nodes[f"p{people['B'].pk}"]["betweenness"]) == pytest.approx(0.3333)


def test_a_seat_no_account_holds_is_a_person_of_the_network(path_world):
    from entente.governance.factories import BodyMemberFactory

    cooperation, people, (x, y, z) = path_world
    body = BodyFactory(cooperation=cooperation)
    seat = BodyMemberFactory(body=body, partner=y, label="DGS")
    starts = timezone.make_aware(datetime.datetime(2025, 9, 1, 9))
    meeting = MeetingFactory(body=body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    record_attendance(meeting=meeting, status=AttendanceStatus.PRESENT, seat=seat)
    record_attendance(meeting=meeting, status=AttendanceStatus.PRESENT, person=people["E"])
    actors = by_label(build_network(cooperation, PEOPLE))
    assert actors[f"DGS — {y.organization}"]["degree"] == 1 and actors["E"]["degree"] == 1


def test_the_same_function_seated_in_two_bodies_is_one_person(path_world):
    from entente.governance.factories import BodyMemberFactory

    cooperation, _, (x, y, z) = path_world
    seats = [BodyMemberFactory(body=BodyFactory(cooperation=cooperation), partner=y, label="DGS") for _ in range(2)]
    for seat in seats:
        starts = timezone.make_aware(datetime.datetime(2025, 9, 1, 9))
        meeting = MeetingFactory(body=seat.body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
        record_attendance(meeting=meeting, status=AttendanceStatus.PRESENT, seat=seat)
    labels = [row["label"] for row in build_network(cooperation, PEOPLE).actors]
    assert labels.count(f"DGS — {y.organization}") == 1
