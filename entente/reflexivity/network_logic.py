"""The actor network of a cooperation: who works with whom, read from the records.

An *occasion* is one record that brought actors together (a meeting where they were present, an
action they lead or join, a workshop they took part in, a "Vis ma vie" exchange, an agreement they
co-signed). Each occasion links every pair of its actors; a link's weight is how many occasions
they shared. Two levels: people (members of the cooperation, for those who may see them) and
organizations (for everyone who sees the cooperation). Centralities come from networkx: degree and
betweenness; the hubs are the actors with the highest betweenness (those through whom the others
reach each other, the "nouage" of seed 001), the isolated ones have no link at all.

Queries are one per source (values_list, no model instances), so the cost is the graph.
"""

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import networkx as nx

from entente.agreements.models import Signature
from entente.cooperations.models import Membership, Partnership
from entente.governance.body_models import BodyMember
from entente.governance.meeting_models import Attendance, AttendanceStatus
from entente.portfolio.models import Action
from entente.workshops.models import Participant

from .exchange_models import Exchange

PEOPLE = "personnes"
ORGANIZATIONS = "organisations"

SOURCES = {
    "reunion": "réunions",
    "action": "actions",
    "atelier": "ateliers",
    "echange": "échanges « Vis ma vie »",
    "convention": "conventions cosignées",
}

# Exact betweenness costs nodes × links; above this many actors it is estimated from a fixed sample
# of sources (networkx's k, with a fixed seed so that the page and its exports agree).
EXACT_BETWEENNESS_UP_TO = 150
BETWEENNESS_SAMPLE = 80
HUBS = 5


@dataclass(frozen=True)
class Occasion:
    source: str
    year: int
    actors: frozenset


@dataclass
class Network:
    level: str
    graph: nx.Graph
    occasions: list = field(default_factory=list)

    @property
    def actors(self) -> list[dict]:
        """Every actor with its figures, the most central first."""
        rows = [{"key": key, **data} for key, data in self.graph.nodes(data=True)]
        return sorted(rows, key=lambda row: (-row["betweenness"], -row["degree"], row["label"]))

    @property
    def hubs(self) -> list[dict]:
        return [row for row in self.actors if row["betweenness"] > 0][:HUBS]

    @property
    def most_connected(self) -> list[dict]:
        """The actors who shared the most occasions: in a network where everyone meets everyone (one
        plenary body), nobody stands between the others, but some still carry more of the links."""
        rows = [row for row in self.actors if row["strength"] > 0]
        return sorted(rows, key=lambda row: (-row["strength"], row["label"]))[:HUBS]

    @property
    def groups(self) -> list[list[str]]:
        """The separate sets of linked actors, largest first: networks that run "in parallel layers" (seed 001)
        instead of being interwoven."""
        linked = self.graph.subgraph([key for key in self.graph if self.graph.degree(key) > 0])
        parts = sorted(nx.connected_components(linked), key=len, reverse=True)
        return [sorted(self.graph.nodes[key]["label"] for key in part) for part in parts]

    @property
    def isolated(self) -> list[dict]:
        return sorted((row for row in self.actors if row["degree"] == 0), key=lambda row: row["label"])

    @property
    def links(self) -> list[dict]:
        rows = []
        for a, b, data in self.graph.edges(data=True):
            first, second = sorted((a, b), key=lambda key: self.graph.nodes[key]["label"])
            rows.append(
                {
                    "source": first,
                    "target": second,
                    "source_label": self.graph.nodes[first]["label"],
                    "target_label": self.graph.nodes[second]["label"],
                    **data,
                }
            )
        return sorted(rows, key=lambda row: (-row["weight"], self.graph.nodes[row["source"]]["label"]))


def _year(value) -> int | None:
    return value.year if value is not None else None


def _people_nodes(cooperation) -> dict[str, dict]:
    """Members of the cooperation, and the seats of its bodies that no account holds (a seat is a person
    by their function, "DGS — Casson", as the records name them)."""
    rows = Membership.objects.filter(cooperation=cooperation).values_list(
        "user_id",
        "user__display_name",
        "user__first_name",
        "user__last_name",
        "user__email",
        "partner__organization__name",
    )
    nodes = {}
    for user_id, display, first, last, email, organization in rows:
        label = display or f"{first} {last}".strip() or email.split("@")[0]
        nodes[f"p{user_id}"] = {"label": label, "kind": "personne", "organization": organization or ""}
    seats = BodyMember.objects.filter(body__cooperation=cooperation, user__isnull=True).values_list(
        "pk", "label", "partner_id", "partner__organization__name"
    )
    for pk, label, partner, organization in seats:
        text = " — ".join(part for part in (label, organization) if part) or "Siège sans titulaire"
        nodes[seat_key(pk, label, partner)] = {"label": text, "kind": "personne", "organization": organization or ""}
    return nodes


def seat_key(pk: int, label: str, partner: int | None) -> str:
    """One person for the same function of the same partner seated in several bodies ("DGS — Loir-et-Cher" in
    the steering committee and in the CODIRI); a seat without function or partner stands alone."""
    return f"s{partner}:{label}" if label and partner else f"s{pk}"


def _organization_nodes(cooperation) -> dict[str, dict]:
    rows = (
        Partnership.objects.active()
        .filter(cooperation=cooperation)
        .values_list("organization_id", "organization__name")
    )
    return {f"o{pk}": {"label": name, "kind": "organisation", "organization": name} for pk, name in rows}


def _group(rows) -> dict:
    """(occasion id, year, actor) rows into {occasion id: (year, set of actors)}."""
    grouped: dict = {}
    for occasion, year, actor in rows:
        if actor is None or year is None:
            continue
        entry = grouped.setdefault(occasion, [year, set()])
        entry[0] = min(entry[0], year)
        entry[1].add(actor)
    return grouped


def _meeting_rows(cooperation, level: str, person_organization: dict):
    rows = Attendance.objects.filter(meeting__body__cooperation=cooperation, status=AttendanceStatus.PRESENT)
    if level == PEOPLE:
        for meeting, starts, holder, seat_user, person, seat, label, partner in rows.values_list(
            "meeting_id",
            "meeting__starts_at",
            "holder_id",
            "seat__user_id",
            "person_id",
            "seat_id",
            "seat__label",
            "seat__partner_id",
        ):
            who = holder or seat_user or person
            yield meeting, _year(starts), f"p{who}" if who else (seat_key(seat, label, partner) if seat else None)
        return
    for meeting, starts, organization, holder, seat_user, person in rows.values_list(
        "meeting_id", "meeting__starts_at", "seat__partner__organization_id", "holder_id", "seat__user_id", "person_id"
    ):
        organization = organization or person_organization.get(holder or seat_user or person)
        yield meeting, _year(starts), f"o{organization}" if organization else None


def _action_rows(cooperation, level: str):
    years = {
        pk: _year(start) or _year(created)
        for pk, start, created in Action.objects.filter(cooperation=cooperation).values_list(
            "pk", "start_on", "created_at"
        )
    }
    if level == PEOPLE:
        through = Action.referents.through.objects.filter(action__cooperation=cooperation)
        for action, user in through.values_list("action_id", "user_id"):
            yield action, years.get(action), f"p{user}"
        return
    through = Action.participants.through.objects.filter(action__cooperation=cooperation)
    for action, organization in through.values_list("action_id", "partnership__organization_id"):
        yield action, years.get(action), f"o{organization}"
    for action, organization in Action.objects.filter(cooperation=cooperation, lead__isnull=False).values_list(
        "pk", "lead__organization_id"
    ):
        yield action, years.get(action), f"o{organization}"


def _workshop_rows(cooperation, level: str):
    seats = Participant.objects.filter(workshop__cooperation=cooperation, revoked_at__isnull=True)
    column = "user_id" if level == PEOPLE else "organization_id"
    prefix = "p" if level == PEOPLE else "o"
    for workshop, held, created, actor in seats.values_list(
        "workshop_id", "workshop__held_on", "workshop__created_at", column
    ):
        yield workshop, _year(held) or _year(created), f"{prefix}{actor}" if actor else None


def _exchange_rows(cooperation, level: str):
    exchanges = Exchange.objects.filter(cooperation=cooperation)
    if level == PEOPLE:
        for pk, starts, host, visitor in exchanges.values_list("pk", "starts_on", "host_id", "visitor_id"):
            yield pk, starts.year, f"p{host}"
            yield pk, starts.year, f"p{visitor}"
        return
    for pk, starts, host, visitor in exchanges.values_list(
        "pk", "starts_on", "host_partner__organization_id", "visitor_partner__organization_id"
    ):
        yield pk, starts.year, f"o{host}" if host else None
        yield pk, starts.year, f"o{visitor}" if visitor else None


def _agreement_rows(cooperation):
    signatures = Signature.objects.filter(signatory__agreement__cooperation=cooperation)
    for agreement, organization, signed in signatures.values_list(
        "signatory__agreement_id", "signatory__organization_id", "signed_on"
    ):
        yield agreement, signed.year, f"o{organization}"


def collect_occasions(cooperation, level: str) -> tuple[dict[str, dict], list[Occasion]]:
    """The actors (nodes) and the occasions that link them, at one level."""
    if level == PEOPLE:
        nodes = _people_nodes(cooperation)
        sources = {
            "reunion": _meeting_rows(cooperation, level, {}),
            "action": _action_rows(cooperation, level),
            "atelier": _workshop_rows(cooperation, level),
            "echange": _exchange_rows(cooperation, level),
        }
    else:
        nodes = _organization_nodes(cooperation)
        person_organization = dict(
            Membership.objects.filter(cooperation=cooperation, partner__isnull=False).values_list(
                "user_id", "partner__organization_id"
            )
        )
        sources = {
            "reunion": _meeting_rows(cooperation, level, person_organization),
            "action": _action_rows(cooperation, level),
            "atelier": _workshop_rows(cooperation, level),
            "echange": _exchange_rows(cooperation, level),
            "convention": _agreement_rows(cooperation),
        }
        nodes.update(_outside_organizations(cooperation, nodes))
    occasions = []
    for source, rows in sources.items():
        for year, actors in _group(rows).values():
            # People outside the cooperation (guests) are not shown: only its members are actors.
            known = frozenset(actor for actor in actors if actor in nodes)
            if len(known) >= 2:
                occasions.append(Occasion(source, year, known))
    return nodes, occasions


def _outside_organizations(cooperation, nodes) -> dict[str, dict]:
    """Co-signers outside the partnership (the préfecture...) are actors of the network too."""
    from entente.agreements.models import Signatory

    rows = (
        Signatory.objects.filter(agreement__cooperation=cooperation, signatures__isnull=False)
        .values_list("organization_id", "organization__name")
        .distinct()
    )
    return {
        f"o{pk}": {"label": name, "kind": "organisation", "organization": name}
        for pk, name in rows
        if f"o{pk}" not in nodes
    }


def build_graph(nodes: dict[str, dict], occasions: list[Occasion], year: int | None = None) -> nx.Graph:
    """Nodes and weighted links (weight = occasions shared, with the count per source)."""
    graph = nx.Graph()
    graph.add_nodes_from((key, dict(data)) for key, data in nodes.items())
    # Counted per (pair, source) by Counter.update, which loops in C: the pairs are the bulk of the work.
    counted: Counter = Counter()
    for occasion in occasions:
        if year is None or occasion.year == year:
            source = occasion.source
            counted.update((a, b, source) for a, b in itertools.combinations(sorted(occasion.actors), 2))
    counts: dict = defaultdict(dict)
    for (a, b, source), number in counted.items():
        counts[(a, b)][source] = number
    graph.add_edges_from(
        (
            a,
            b,
            {
                "weight": sum(by_source.values()),
                "sources": ", ".join(f"{SOURCES[s]} : {n}" for s, n in sorted(by_source.items())),
            },
        )
        for (a, b), by_source in counts.items()
    )
    return graph


def centralities(graph: nx.Graph) -> tuple[dict, dict]:
    """Degree and betweenness centralities, normalised (0 to 1), as networkx computes them."""
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    if len(graph) <= EXACT_BETWEENNESS_UP_TO:
        betweenness = nx.betweenness_centrality(graph)
    else:
        betweenness = nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLE, seed=0)
    return degree, betweenness


def annotate(graph: nx.Graph) -> nx.Graph:
    degree, betweenness = centralities(graph)
    for key, data in graph.nodes(data=True):
        data["degree"] = graph.degree(key)
        data["strength"] = graph.degree(key, weight="weight")
        data["degree_centrality"] = round(degree[key], 4)
        data["betweenness"] = round(betweenness[key], 4)
    return graph


def build_network(cooperation, level: str = PEOPLE) -> Network:
    nodes, occasions = collect_occasions(cooperation, level)
    return Network(level=level, graph=annotate(build_graph(nodes, occasions)), occasions=occasions)


def _pairs(graph: nx.Graph) -> set:
    return {tuple(sorted(edge)) for edge in graph.edges()}


def yearly_changes(network: Network) -> list[dict]:
    """Per year: actors involved, links, and the links that appeared or disappeared since the year before."""
    nodes = {key: data for key, data in network.graph.nodes(data=True)}
    years = sorted({occasion.year for occasion in network.occasions})
    rows, previous = [], None
    for year in years:
        graph = build_graph(nodes, network.occasions, year=year)
        pairs = _pairs(graph)
        active = {key for pair in pairs for key in pair}
        new = pairs - previous if previous is not None else pairs
        lost = previous - pairs if previous is not None else set()
        rows.append(
            {
                "year": year,
                "actors": len(active),
                "links": len(pairs),
                "density": round(nx.density(graph.subgraph(active)), 3) if len(active) > 1 else 0.0,
                "new": _labelled(new, nodes),
                "lost": _labelled(lost, nodes),
            }
        )
        previous = pairs
    return rows


def _labelled(pairs: set, nodes: dict) -> list[str]:
    return sorted(" — ".join(sorted((nodes[a]["label"], nodes[b]["label"]))) for a, b in pairs)
