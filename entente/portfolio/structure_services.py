"""The portfolio's structure: axes and chantiers (create, rename, re-home, lead, delete when empty) and
the order of axes, chantiers and actions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from .models import Action, Axis, Workstream


def next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def create_axis(*, cooperation, title, description="") -> Axis:
    title = title.strip()
    if Axis.objects.filter(cooperation=cooperation, title__iexact=title).exists():
        raise ValidationError(f"Un axe « {title} » existe déjà dans cette coopération.")
    return Axis.objects.create(cooperation=cooperation, title=title, description=description,
                               position=next_position(Axis.objects.filter(cooperation=cooperation)))


@transaction.atomic
def create_workstream(*, cooperation, title, axis=None, description="", lead=None) -> Workstream:
    title = title.strip()
    if axis is not None and axis.cooperation_id != cooperation.pk:
        raise ValidationError("Cet axe n'appartient pas à cette coopération.")
    if lead is not None and lead.cooperation_id != cooperation.pk:
        raise ValidationError("Le chef de file du chantier doit être un partenaire de la coopération.")
    if Workstream.objects.filter(cooperation=cooperation, title__iexact=title).exists():
        raise ValidationError(f"Un chantier « {title} » existe déjà dans cette coopération.")
    return Workstream.objects.create(
        cooperation=cooperation, axis=axis, title=title, description=description, lead=lead,
        position=next_position(Workstream.objects.filter(cooperation=cooperation, axis=axis)),
    )


@transaction.atomic
def update_structure_item(item, *, title, description="", axis=None, lead=None):
    """Rename an axis or a chantier (and, for a chantier, change its axis or its lead)."""
    title = title.strip()
    model = type(item)
    if model.objects.filter(cooperation_id=item.cooperation_id, title__iexact=title).exclude(pk=item.pk).exists():
        raise ValidationError(f"« {title} » existe déjà dans cette coopération.")
    item.title, item.description = title, description
    if isinstance(item, Workstream):
        if axis is not None and axis.cooperation_id != item.cooperation_id:
            raise ValidationError("Cet axe n'appartient pas à cette coopération.")
        if lead is not None and lead.cooperation_id != item.cooperation_id:
            raise ValidationError("Le chef de file du chantier doit être un partenaire de la coopération.")
        if axis != item.axis:
            item.position = next_position(Workstream.objects.filter(cooperation_id=item.cooperation_id, axis=axis))
        item.axis, item.lead = axis, lead
    item.save()
    return item


@transaction.atomic
def delete_structure_item(item) -> None:
    """An axis or a chantier is deleted only when empty, so that no action loses its place."""
    if isinstance(item, Axis) and item.workstreams.exists():
        raise ValidationError(f"L'axe « {item.title} » contient encore des chantiers : déplacez-les ou "
                              "supprimez-les d'abord.")
    if isinstance(item, Workstream) and item.actions.exists():
        raise ValidationError(f"Le chantier « {item.title} » contient encore des actions : déplacez-les ou "
                              "supprimez-les d'abord.")
    item.delete()


@transaction.atomic
def move(item, direction: str):
    """Move an axis, workstream or action one place up or down among its siblings."""
    if direction not in ("up", "down"):
        raise ValidationError("Sens de déplacement inconnu : « haut » ou « bas ».")
    siblings = list(_siblings(item).select_for_update().order_by("position", "pk"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            type(sibling).objects.filter(pk=sibling.pk).update(position=position)
    return item


def _siblings(item):
    if isinstance(item, Axis):
        return Axis.objects.filter(cooperation_id=item.cooperation_id)
    if isinstance(item, Workstream):
        return Workstream.objects.filter(cooperation_id=item.cooperation_id, axis_id=item.axis_id)
    return Action.objects.filter(workstream_id=item.workstream_id)
