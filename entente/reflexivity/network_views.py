"""The actor network page (interactive graph and its table alternative) and its exports for Gephi."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_abilities, get_cooperation_for_user

from . import network_exports
from .network_logic import ORGANIZATIONS, PEOPLE, SOURCES, build_network, yearly_changes

NETWORK = "Réseau d'acteurs"
LINKS_SHOWN = 60
EXPORTS = {
    "gexf": (network_exports.gexf_bytes, "application/gexf+xml"),
    "graphml": (network_exports.graphml_bytes, "application/graphml+xml"),
    "csv": (network_exports.actors_csv, "text/csv; charset=utf-8"),
}


def network_level(request, abilities: dict) -> str:
    """People for those who may see them (the default), organizations for everyone else."""
    wanted = request.GET.get("niveau", PEOPLE)
    if wanted == PEOPLE and abilities["reflexivity_view_network_people"]:
        return PEOPLE
    return ORGANIZATIONS


def graph_elements(network) -> dict:
    """What the interactive view draws (read by network.js from a JSON block, never inline script)."""
    nodes = [
        {
            "data": {
                "id": row["key"],
                "label": row["label"],
                "organization": row["organization"],
                "degree": row["degree"],
                "betweenness": row["betweenness"],
            }
        }
        for row in network.actors
    ]
    edges = [
        {
            "data": {
                "id": f"{row['source']}-{row['target']}",
                "source": row["source"],
                "target": row["target"],
                "weight": row["weight"],
            }
        }
        for row in network.links
    ]
    return {"nodes": nodes, "edges": edges}


def network_page(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view_network")
    context = space_context(request, cooperation, page_title=NETWORK)
    level = network_level(request, context["abilities"])
    network = build_network(cooperation, level)
    links = network.links
    context.update(
        level=level,
        network=network,
        actors=network.actors,
        hubs=network.hubs,
        isolated=network.isolated,
        most_connected=network.most_connected,
        groups=network.groups,
        links=links[:LINKS_SHOWN],
        links_total=len(links),
        years=yearly_changes(network),
        elements=graph_elements(network),
        sources=SOURCES.values(),
        people=PEOPLE,
        organizations=ORGANIZATIONS,
    )
    return render(request, "reflexivity/network.html", context)


def network_export(request, slug, fmt):
    if fmt not in EXPORTS:
        raise Http404("Format inconnu.")
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view_network")
    level = network_level(request, get_abilities(request.user, cooperation))
    writer, content_type = EXPORTS[fmt]
    response = HttpResponse(writer(build_network(cooperation, level)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="reseau-{cooperation.slug}-{level}.{fmt}"'
    return response
