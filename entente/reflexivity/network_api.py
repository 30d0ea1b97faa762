"""API of the actor network: actors with their centralities, weighted links, yearly changes."""

from typing import Literal

from ninja import Query, Schema

from entente.cooperations.rules import get_abilities, get_cooperation_for_user
from entente.core.api_contract import errors
from entente.core.bounds import Slug

from .maturity_api import router
from .network_logic import ORGANIZATIONS, PEOPLE, build_network, yearly_changes

TAG = "Réflexivité"


class ActorOut(Schema):
    key: str
    label: str
    kind: str
    organization: str
    degree: int
    strength: int
    degree_centrality: float
    betweenness: float


class NetworkLinkOut(Schema):
    source: str
    target: str
    weight: int
    sources: str


class YearOut(Schema):
    year: int
    actors: int
    links: int
    density: float
    new: list[str]
    lost: list[str]


class NetworkOut(Schema):
    level: str
    actors: list[ActorOut]
    links: list[NetworkLinkOut]
    hubs: list[str]
    isolated: list[str]
    years: list[YearOut]


class LevelQuery(Schema):
    niveau: Literal["personnes", "organisations"] = PEOPLE


@router.get(
    "/cooperations/{slug}/network",
    response={200: NetworkOut, **errors(403)},
    summary="Réseau d'acteurs d'une coopération",
    description="Les personnes pour les membres de la coopération ; les organisations pour tous ceux qui la "
    "voient (le public d'une coopération publique ne reçoit que les organisations, quel que soit le niveau "
    "demandé).",
    tags=[TAG],
)
def get_network(request, slug: Slug, query: Query[LevelQuery]):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view_network")
    may_see_people = get_abilities(request.user, cooperation)["reflexivity_view_network_people"]
    level = PEOPLE if query.niveau == PEOPLE and may_see_people else ORGANIZATIONS
    network = build_network(cooperation, level)
    return {
        "level": level,
        "actors": network.actors,
        "links": [{key: row[key] for key in ("source", "target", "weight", "sources")} for row in network.links],
        "hubs": [row["label"] for row in network.hubs],
        "isolated": [row["label"] for row in network.isolated],
        "years": yearly_changes(network),
    }
