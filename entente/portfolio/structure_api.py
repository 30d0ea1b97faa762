"""API of the portfolio's structure: axes and chantiers (workstreams): list, create, rename, re-home,
lead, move up or down, delete when empty."""

from typing import Literal

from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination
from entente.core.bounds import Description, Id, Slug, text

from . import structure_services
from .action_api import partnership_in, router
from .models import Axis, Workstream
from .rules import get_structure_item_for_user


class AxisOut(Schema):
    id: int
    title: str
    description: str
    position: int


class AxisIn(Schema):
    title: text(200, min_length=1)
    description: Description = ""


class WorkstreamOut(Schema):
    id: int
    title: str
    description: str
    axis_id: int | None
    lead_partner_id: int | None = Field(None, alias="lead_id")
    position: int


class WorkstreamIn(Schema):
    title: text(200, min_length=1)
    axis_id: Id | None = None
    lead_partner_id: Id | None = None
    description: Description = ""


class AxisPatch(Schema):
    title: text(200, min_length=1) | None = None
    description: Description | None = None
    move: Literal["up", "down"] | None = Field(None, description="monter (up) ou descendre (down) d'un rang")


class WorkstreamPatch(AxisPatch):
    axis_id: Id | None = Field(None, description="null : hors axe")
    lead_partner_id: Id | None = Field(None, description="identifiant du partenariat chef de file ; null : aucun")


@router.get("/cooperations/{slug}/axes", response=list[AxisOut], summary="Axes d'une coopération")
@paginate(Pagination)
def list_axes(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    return Axis.objects.filter(cooperation=cooperation)


@router.post("/cooperations/{slug}/axes", response={201: AxisOut}, summary="Ajouter un axe")
def create_axis(request, slug: Slug, payload: AxisIn):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_manage")
    return 201, structure_services.create_axis(cooperation=cooperation, title=payload.title,
                                              description=payload.description)


@router.get("/cooperations/{slug}/workstreams", response=list[WorkstreamOut], summary="Chantiers d'une coopération")
@paginate(Pagination)
def list_workstreams(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    return Workstream.objects.filter(cooperation=cooperation).order_by("axis__position", "position", "pk")


@router.post("/cooperations/{slug}/workstreams", response={201: WorkstreamOut}, summary="Ajouter un chantier")
def create_workstream(request, slug: Slug, payload: WorkstreamIn):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_manage")
    axis = None
    if payload.axis_id is not None:
        axis = Axis.objects.filter(cooperation=cooperation, pk=payload.axis_id).first()
        if axis is None:
            raise HttpError(400, "Axe inconnu dans cette coopération.")
    lead = partnership_in(cooperation, payload.lead_partner_id) if payload.lead_partner_id else None
    return 201, structure_services.create_workstream(cooperation=cooperation, title=payload.title, axis=axis,
                                           description=payload.description, lead=lead)


@router.patch("/cooperations/{slug}/axes/{axis_id}", response=AxisOut, summary="Renommer ou déplacer un axe")
def patch_axis(request, slug: Slug, axis_id: Id, payload: AxisPatch):
    axis = get_structure_item_for_user(request.user, slug, "axe", axis_id)
    changes = payload.model_dump(exclude_unset=True)
    if {"title", "description"} & set(changes):
        structure_services.update_structure_item(axis, title=changes.get("title") or axis.title,
                                       description=_text(changes, "description", axis.description))
    if changes.get("move"):
        structure_services.move(axis, changes["move"])
    axis.refresh_from_db()
    return axis


@router.delete("/cooperations/{slug}/axes/{axis_id}", response={204: None}, summary="Supprimer un axe vide")
def delete_axis(request, slug: Slug, axis_id: Id):
    axis = get_structure_item_for_user(request.user, slug, "axe", axis_id)
    structure_services.delete_structure_item(axis)
    return 204, None


@router.patch("/cooperations/{slug}/workstreams/{workstream_id}", response=WorkstreamOut,
              summary="Modifier ou déplacer un chantier (intitulé, axe, chef de file, rang)")
def patch_workstream(request, slug: Slug, workstream_id: Id, payload: WorkstreamPatch):
    stream = get_structure_item_for_user(request.user, slug, "chantier", workstream_id)
    cooperation = stream.cooperation
    changes = payload.model_dump(exclude_unset=True)
    if {"title", "description", "axis_id", "lead_partner_id"} & set(changes):
        axis = stream.axis
        if "axis_id" in changes:
            axis = None
            if changes["axis_id"] is not None:
                axis = Axis.objects.filter(cooperation=cooperation, pk=changes["axis_id"]).first()
                if axis is None:
                    raise HttpError(400, "Axe inconnu dans cette coopération.")
        lead = stream.lead
        if "lead_partner_id" in changes:
            lead = partnership_in(cooperation, changes["lead_partner_id"]) if changes["lead_partner_id"] else None
        structure_services.update_structure_item(
            stream, title=changes.get("title") or stream.title, axis=axis, lead=lead,
            description=_text(changes, "description", stream.description))
    if changes.get("move"):
        structure_services.move(stream, changes["move"])
    stream.refresh_from_db()
    return stream


@router.delete("/cooperations/{slug}/workstreams/{workstream_id}", response={204: None},
               summary="Supprimer un chantier sans action")
def delete_workstream(request, slug: Slug, workstream_id: Id):
    stream = get_structure_item_for_user(request.user, slug, "chantier", workstream_id)
    structure_services.delete_structure_item(stream)
    return 204, None


def _text(changes, name, current):
    value = changes.get(name, current)
    return current if value is None else value
