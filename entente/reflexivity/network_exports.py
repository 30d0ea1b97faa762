"""The actor network in the formats Gephi opens (GEXF, GraphML, written by networkx) and as a CSV of actors."""

import io

import networkx as nx

from entente.core.exports import csv_bytes

NODE_ATTRIBUTES = ("label", "kind", "organization", "degree", "strength", "degree_centrality", "betweenness")


def _clean_graph(network) -> nx.Graph:
    """A copy holding only plain attributes: both writers refuse None and unknown types."""
    graph = nx.Graph(name=f"Réseau d'acteurs ({network.level})")
    for key, data in network.graph.nodes(data=True):
        graph.add_node(key, **{name: data[name] for name in NODE_ATTRIBUTES})
    for a, b, data in network.graph.edges(data=True):
        graph.add_edge(a, b, weight=float(data["weight"]), sources=data["sources"])
    return graph


def gexf_bytes(network) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(_clean_graph(network), buffer)
    return buffer.getvalue()


def graphml_bytes(network) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(_clean_graph(network), buffer)
    return buffer.getvalue()


def actors_csv(network) -> bytes:
    header = ["Acteur", "Type", "Organisation", "Liens", "Occasions partagées", "Centralité de degré", "Intermédiarité"]
    rows = [
        [a["label"], a["kind"], a["organization"], a["degree"], a["strength"], a["degree_centrality"], a["betweenness"]]
        for a in network.actors
    ]
    return csv_bytes(header, rows)
