"""Links between actions (dépend de, alimente, est en lien avec); a dependency never closes a cycle."""

import networkx as nx
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Action, ActionLink, LinkKind


def dependency_cycle(cooperation, source: Action, target: Action) -> list[int] | None:
    """The cycle that `source depends on target` would close, as action ids, or None."""
    graph = nx.DiGraph()
    graph.add_edges_from(
        ActionLink.objects.filter(source__cooperation=cooperation, kind=LinkKind.DEPENDS_ON)
        .values_list("source_id", "target_id")
    )
    graph.add_edge(source.pk, target.pk)
    try:
        cycle = nx.find_cycle(graph, source=source.pk)
    except nx.NetworkXNoCycle:
        return None
    return [edge[0] for edge in cycle]


@transaction.atomic
def add_link(*, source: Action, target: Action, kind: str, note: str = "") -> ActionLink:
    if kind not in LinkKind.values:
        raise ValidationError({"kind": "Nature de lien inconnue."})
    if source.pk == target.pk:
        raise ValidationError({"target": "Une action ne peut pas être liée à elle-même."})
    if source.cooperation_id != target.cooperation_id:
        raise ValidationError({"target": "Les deux actions doivent appartenir à la même coopération."})
    if ActionLink.objects.filter(source=source, target=target, kind=kind).exists():
        raise ValidationError({"target": "Ce lien existe déjà."})
    if kind == LinkKind.DEPENDS_ON:
        # Lock the cooperation's links so that two concurrent additions cannot close a cycle.
        list(ActionLink.objects.select_for_update().filter(source__cooperation_id=source.cooperation_id))
        cycle = dependency_cycle(source.cooperation, source, target)
        if cycle:
            titles = dict(Action.objects.filter(pk__in=cycle).values_list("pk", "title"))
            path = " → ".join(f"« {titles[pk]} »" for pk in [*cycle, cycle[0]])
            raise ValidationError({"target": f"Ce lien créerait une dépendance circulaire : {path}."})
    return ActionLink.objects.create(source=source, target=target, kind=kind, note=note)


@transaction.atomic
def remove_link(link: ActionLink) -> None:
    link.delete()
