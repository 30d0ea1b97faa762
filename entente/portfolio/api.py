"""API of the portfolio: axes, chantiers (workstreams), actions and their financing plans."""

from datetime import date
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from entente.accounts.models import User
from entente.cooperations.models import CooperationForm, Partnership, Purpose
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination
from entente.core.bounds import ApiDate, Description, Id, Slug, text
from entente.core.numbers import MAX_AMOUNT, AmountIn, CountIn, PercentIn, ShareWeightIn, api_decimal
from entente.territories.models import Organization, OrganizationKind, Territory

from . import selectors, services
from .access import get_action_for_user, get_structure_item_for_user
from .forms import ideas_of
from .models import (
    ActionStatus,
    Axis,
    FinancingPlan,
    FixedMode,
    FundingSource,
    PopulationBasis,
    SharingKey,
    Workstream,
)

router = Router()
TAG = "Portefeuille d'actions"
CLEARABLE_ACTION_FIELDS = {"lead_partner_id", "start_on", "end_on"}
# Partners, referents, source pistes… of one action: far more than any cooperation has.
MAX_ITEMS = 500


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


class PartnerRef(Schema):
    partner_id: int
    organization_id: int
    name: str


class AxisPatch(Schema):
    title: text(200, min_length=1) | None = None
    description: Description | None = None
    move: Literal["up", "down"] | None = Field(None, description="monter (up) ou descendre (down) d'un rang")


class WorkstreamPatch(AxisPatch):
    axis_id: Id | None = Field(None, description="null : hors axe")
    lead_partner_id: Id | None = Field(None, description="identifiant du partenariat chef de file ; null : aucun")


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: date
    done_on: date | None
    late: bool


class IndicatorOut(Schema):
    id: int
    label: str
    unit: str
    target: Decimal
    current: Decimal
    percent: int | None


class LinkOut(Schema):
    id: int
    kind: str
    kind_label: str
    target_id: int
    note: str


class ActionOut(Schema):
    id: int
    title: str
    description: str
    axis: str
    workstream_id: int
    workstream: str
    status: str
    status_label: str
    progress: int
    start_on: date | None
    end_on: date | None
    lead: PartnerRef | None
    participants: list[PartnerRef]
    purposes: list[str]
    source_idea_ids: list[int]
    external_partners: list[str]
    remainder: Decimal | None
    milestones: list[MilestoneOut]
    indicators: list[IndicatorOut]
    links: list[LinkOut] = Field(description="liens sortants : cette action dépend de, alimente ou est en lien avec")
    url: str


class NewOrganizationIn(Schema):
    name: text(255, min_length=1)
    kind: OrganizationKind = OrganizationKind.OTHER


class ActionIn(Schema):
    title: text(255, min_length=1)
    workstream_id: Id
    description: Description = ""
    lead_partner_id: Id | None = Field(None, description="identifiant du partenariat (chef de file)")
    participant_ids: list[Id] = Field(default_factory=list, max_length=MAX_ITEMS,
                                      description="identifiants des partenariats")
    external_organization_ids: list[Id] = Field(default_factory=list, max_length=MAX_ITEMS)
    external_territory_codes: list[text(20)] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="codes INSEE de départements ou régions extérieurs à associer "
        "(coopération non exclusive), enregistrés comme partenaires extérieurs")
    new_external_organizations: list[NewOrganizationIn] = Field(
        default_factory=list, max_length=MAX_ITEMS,
        description="partenaires extérieurs qui ne sont pas des collectivités, nommés pour la première fois")
    referent_ids: list[Id] = Field(default_factory=list, max_length=MAX_ITEMS,
                                   description="identifiants d'utilisateurs membres")
    purposes: list[text(40)] = Field(default_factory=list, max_length=MAX_ITEMS, description="codes des finalités")
    forms: list[text(40)] = Field(default_factory=list, max_length=MAX_ITEMS,
                                  description="codes des formes de coopération")
    source_idea_ids: list[Id] = Field(default_factory=list, max_length=MAX_ITEMS,
                                      description="pistes d'origine (ateliers)")
    status: ActionStatus = ActionStatus.IDEA
    progress: PercentIn = 0
    start_on: ApiDate | None = None
    end_on: ApiDate | None = None


class ActionPatch(Schema):
    title: text(255, min_length=1) | None = None
    workstream_id: Id | None = None
    description: Description | None = None
    lead_partner_id: Id | None = None
    participant_ids: list[Id] | None = Field(None, max_length=MAX_ITEMS)
    external_organization_ids: list[Id] | None = Field(None, max_length=MAX_ITEMS)
    external_territory_codes: list[text(20)] | None = Field(None, max_length=MAX_ITEMS)
    new_external_organizations: list[NewOrganizationIn] | None = Field(None, max_length=MAX_ITEMS)
    referent_ids: list[Id] | None = Field(None, max_length=MAX_ITEMS)
    purposes: list[text(40)] | None = Field(None, max_length=MAX_ITEMS)
    forms: list[text(40)] | None = Field(None, max_length=MAX_ITEMS)
    source_idea_ids: list[Id] | None = Field(None, max_length=MAX_ITEMS)
    status: ActionStatus | None = None
    progress: PercentIn | None = None
    start_on: ApiDate | None = None
    end_on: ApiDate | None = None


FixedValueIn = api_decimal(maximum=MAX_AMOUNT, decimal_places=2,
                           description="Part fixe, en pourcentage ou en euros selon fixed_mode.")


class FundingIn(Schema):
    source: FundingSource
    label: text(200) = ""
    amount: AmountIn


class FundingIO(Schema):
    source: FundingSource
    label: str = ""
    amount: Decimal


class ShareOut(Schema):
    partner_id: int
    organization_id: int
    name: str
    amount: Decimal
    explanation: str
    count: int | None
    weight: Decimal | None


class FinancingOut(Schema):
    total: Decimal
    external_total: Decimal
    remainder: Decimal
    key: str
    population_basis: str
    fixed_partner_id: int | None
    fixed_mode: str
    fixed_value: Decimal | None
    rest_key: str
    count_label: str
    note: str
    fundings: list[FundingIO]
    shares: list[ShareOut]


class FinancingIn(Schema):
    total: AmountIn
    key: SharingKey = SharingKey.EQUAL
    population_basis: PopulationBasis = PopulationBasis.MUNICIPAL
    fundings: list[FundingIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    fixed_partner_id: Id | None = None
    fixed_mode: FixedMode | None = None
    fixed_value: FixedValueIn | None = None
    rest_key: SharingKey | None = None
    count_label: text(60) = ""
    counts: dict[int, CountIn] = Field(default_factory=dict, description="partenariat → nombre")
    weights: dict[int, ShareWeightIn] = Field(default_factory=dict, description="partenariat → poids")
    note: Description = ""


def _partner_ref(partnership):
    return {"partner_id": partnership.pk, "organization_id": partnership.organization_id,
            "name": partnership.organization.name}


def action_out(action) -> dict:
    try:
        plan = action.financing
    except ObjectDoesNotExist:
        plan = None
    return {
        "id": action.pk, "title": action.title, "description": action.description,
        "axis": action.workstream.axis.title if action.workstream.axis_id else "",
        "workstream_id": action.workstream_id, "workstream": action.workstream.title, "status": action.status,
        "status_label": action.get_status_display(), "progress": action.progress, "start_on": action.start_on,
        "end_on": action.end_on, "lead": _partner_ref(action.lead) if action.lead_id else None,
        "participants": [_partner_ref(p) for p in action.participants.all()],
        "purposes": [p.code or p.label for p in action.purposes.all()],
        "source_idea_ids": [idea.pk for idea in action.source_ideas.all()],
        "external_partners": [o.name for o in action.external_partners.all()],
        "remainder": plan.remainder if plan else None, "url": action.get_absolute_url(),
        "milestones": [{"id": m.pk, "title": m.title, "due_on": m.due_on, "done_on": m.done_on, "late": m.is_late}
                       for m in action.milestones.all()],
        "indicators": [{"id": i.pk, "label": i.label, "unit": i.unit, "target": i.target, "current": i.current,
                        "percent": i.percent} for i in action.indicators.all()],
        "links": [{"id": link.pk, "kind": link.kind, "kind_label": link.get_kind_display(),
                   "target_id": link.target_id, "note": link.note} for link in action.links_out.all()],
    }


def financing_out(plan: FinancingPlan) -> dict:
    return {
        "total": plan.total, "external_total": plan.external_total, "remainder": plan.remainder, "key": plan.key,
        "population_basis": plan.population_basis, "fixed_partner_id": plan.fixed_partner_id,
        "fixed_mode": plan.fixed_mode, "fixed_value": plan.fixed_value, "rest_key": plan.rest_key,
        "count_label": plan.count_label, "note": plan.note,
        "fundings": [{"source": f.source, "label": f.label, "amount": f.amount} for f in plan.fundings.all()],
        "shares": [{"partner_id": s.partnership_id, "organization_id": s.partnership.organization_id,
                    "name": s.partnership.organization.name, "amount": s.amount, "explanation": s.explanation,
                    "count": s.count, "weight": s.weight} for s in plan.shares.all()],
    }


@router.get("/cooperations/{slug}/axes", response=list[AxisOut], summary="Axes d'une coopération")
@paginate(Pagination)
def list_axes(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    return Axis.objects.filter(cooperation=cooperation)


@router.post("/cooperations/{slug}/axes", response={201: AxisOut}, summary="Ajouter un axe")
def create_axis(request, slug: Slug, payload: AxisIn):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_manage")
    return 201, services.create_axis(cooperation=cooperation, title=payload.title, description=payload.description)


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
    lead = _partner(cooperation, payload.lead_partner_id) if payload.lead_partner_id else None
    return 201, services.create_workstream(cooperation=cooperation, title=payload.title, axis=axis,
                                           description=payload.description, lead=lead)


@router.patch("/cooperations/{slug}/axes/{axis_id}", response=AxisOut, summary="Renommer ou déplacer un axe")
def patch_axis(request, slug: Slug, axis_id: Id, payload: AxisPatch):
    _cooperation, axis = get_structure_item_for_user(request.user, slug, "axe", axis_id)
    changes = payload.model_dump(exclude_unset=True)
    if {"title", "description"} & set(changes):
        services.update_structure_item(axis, title=changes.get("title") or axis.title,
                                       description=_text(changes, "description", axis.description))
    if changes.get("move"):
        services.move(axis, changes["move"])
    axis.refresh_from_db()
    return axis


@router.delete("/cooperations/{slug}/axes/{axis_id}", response={204: None}, summary="Supprimer un axe vide")
def delete_axis(request, slug: Slug, axis_id: Id):
    _cooperation, axis = get_structure_item_for_user(request.user, slug, "axe", axis_id)
    services.delete_structure_item(axis)
    return 204, None


@router.patch("/cooperations/{slug}/workstreams/{workstream_id}", response=WorkstreamOut,
              summary="Modifier ou déplacer un chantier (intitulé, axe, chef de file, rang)")
def patch_workstream(request, slug: Slug, workstream_id: Id, payload: WorkstreamPatch):
    cooperation, stream = get_structure_item_for_user(request.user, slug, "chantier", workstream_id)
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
            lead = _partner(cooperation, changes["lead_partner_id"]) if changes["lead_partner_id"] else None
        services.update_structure_item(stream, title=changes.get("title") or stream.title, axis=axis, lead=lead,
                                       description=_text(changes, "description", stream.description))
    if changes.get("move"):
        services.move(stream, changes["move"])
    stream.refresh_from_db()
    return stream


@router.delete("/cooperations/{slug}/workstreams/{workstream_id}", response={204: None},
               summary="Supprimer un chantier sans action")
def delete_workstream(request, slug: Slug, workstream_id: Id):
    _cooperation, stream = get_structure_item_for_user(request.user, slug, "chantier", workstream_id)
    services.delete_structure_item(stream)
    return 204, None


def _text(changes, name, current):
    value = changes.get(name, current)
    return current if value is None else value


@router.get("/cooperations/{slug}/actions", response=list[ActionOut], summary="Actions d'une coopération")
@paginate(Pagination)
def list_actions(request, slug: Slug, status: ActionStatus | None = None):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    actions = _api_actions(cooperation)
    if status:
        actions = actions.filter(status=status)
    return [action_out(action) for action in actions]


@router.post("/cooperations/{slug}/actions", response={201: ActionOut}, summary="Créer une action")
@transaction.atomic
def create_action(request, slug: Slug, payload: ActionIn):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_edit")
    data = _action_data(cooperation, payload.model_dump())
    action = services.create_action(cooperation=cooperation, user=request.user, data=data)
    return 201, ActionOut.model_validate(action_out(_reload(cooperation, action.pk)))


@router.get("/cooperations/{slug}/actions/{action_id}", response=ActionOut, summary="Une action")
def get_action(request, slug: Slug, action_id: Id):
    cooperation, action = get_action_for_user(request.user, slug, action_id)
    return action_out(_reload(cooperation, action.pk))


@router.patch("/cooperations/{slug}/actions/{action_id}", response=ActionOut, summary="Modifier une action")
@transaction.atomic
def patch_action(request, slug: Slug, action_id: Id, payload: ActionPatch):
    cooperation, action = get_action_for_user(request.user, slug, action_id, "portfolio_edit")
    current = _current_fields(action)
    # null clears what may be empty (lead, dates) and leaves the rest unchanged, as if omitted.
    current.update({k: v for k, v in payload.model_dump(exclude_unset=True).items()
                    if v is not None or k in CLEARABLE_ACTION_FIELDS})
    services.update_action(action, user=request.user, data=_action_data(cooperation, current))
    return ActionOut.model_validate(action_out(_reload(cooperation, action.pk)))


@router.delete("/cooperations/{slug}/actions/{action_id}", response={204: None}, summary="Supprimer une action")
def delete_action(request, slug: Slug, action_id: Id):
    _cooperation, action = get_action_for_user(request.user, slug, action_id, "portfolio_manage")
    services.delete_action(action)
    return 204, None


@router.get("/cooperations/{slug}/actions/{action_id}/financing", response=FinancingOut,
            summary="Plan de financement d'une action")
def get_financing(request, slug: Slug, action_id: Id):
    _cooperation, action = get_action_for_user(request.user, slug, action_id)
    plan = _plan(action)
    if plan is None:
        raise HttpError(404, "Cette action n'a pas encore de plan de financement.")
    return financing_out(plan)


@router.put("/cooperations/{slug}/actions/{action_id}/financing", response=FinancingOut,
            summary="Enregistrer le plan de financement et calculer la répartition")
@transaction.atomic
def put_financing(request, slug: Slug, action_id: Id, payload: FinancingIn):
    # The plan and the answer read back from it are one transaction: if building the answer fails,
    # nothing of the plan is kept.
    cooperation, action = get_action_for_user(request.user, slug, action_id, "portfolio_edit")
    participant_ids = set(action.participants.values_list("pk", flat=True))
    for pk in [*payload.counts, *payload.weights]:
        if pk not in participant_ids:
            raise HttpError(400, f"Le partenariat {pk} ne participe pas à cette action.")
    fixed_partner = _partner(cooperation, payload.fixed_partner_id) if payload.fixed_partner_id else None
    services.save_financing(action, data=services.FinancingData(
        total=payload.total, key=payload.key, population_basis=payload.population_basis,
        fundings=[(f.source, f.label, f.amount) for f in payload.fundings], fixed_partner=fixed_partner,
        fixed_mode=payload.fixed_mode or "", fixed_value=payload.fixed_value, rest_key=payload.rest_key or "",
        count_label=payload.count_label, counts=payload.counts, weights=payload.weights, note=payload.note,
    ), user=request.user)
    return FinancingOut.model_validate(financing_out(_plan(action)))


@router.delete("/cooperations/{slug}/actions/{action_id}/financing", response={204: None},
               summary="Retirer le plan de financement d'une action")
def delete_financing(request, slug: Slug, action_id: Id):
    _cooperation, action = get_action_for_user(request.user, slug, action_id, "portfolio_edit")
    plan = _plan(action)
    if plan is None:
        raise HttpError(404, "Cette action n'a pas de plan de financement.")
    services.delete_financing(plan, user=request.user)
    return 204, None


def _plan(action):
    return (FinancingPlan.objects.filter(action=action)
            .prefetch_related("fundings", "shares__partnership__organization").first())


def _api_actions(cooperation):
    return selectors.portfolio_actions(cooperation).select_related("cooperation").prefetch_related(
        "indicators", "links_out")


def _reload(cooperation, pk):
    return _api_actions(cooperation).get(pk=pk)


def _partner(cooperation, pk):
    partner = Partnership.objects.filter(cooperation=cooperation, pk=pk).select_related("organization").first()
    if partner is None:
        raise HttpError(400, f"Le partenariat {pk} n'appartient pas à cette coopération.")
    return partner


def _current_fields(action) -> dict:
    return {
        "title": action.title, "workstream_id": action.workstream_id, "description": action.description,
        "lead_partner_id": action.lead_id, "participant_ids": list(action.participants.values_list("pk", flat=True)),
        "external_organization_ids": list(action.external_partners.values_list("pk", flat=True)),
        "referent_ids": list(action.referents.values_list("pk", flat=True)),
        "purposes": [p.code for p in action.purposes.all()], "forms": [f.code for f in action.forms.all()],
        "source_idea_ids": list(action.source_ideas.values_list("pk", flat=True)),
        "status": action.status, "progress": action.progress, "start_on": action.start_on, "end_on": action.end_on,
    }


def _action_data(cooperation, fields: dict) -> services.ActionData:
    workstream = Workstream.objects.filter(cooperation=cooperation, pk=fields["workstream_id"]).first()
    if workstream is None:
        raise HttpError(400, "Chantier inconnu dans cette coopération.")
    participants = list(Partnership.objects.filter(cooperation=cooperation, pk__in=fields["participant_ids"])
                        .select_related("organization"))
    if len(participants) != len(set(fields["participant_ids"])):
        raise HttpError(400, "Les participants doivent être des partenaires de cette coopération.")
    lead = None
    if fields.get("lead_partner_id") is not None:
        lead = _partner(cooperation, fields["lead_partner_id"])
    codes = set(fields.get("external_territory_codes") or [])
    territories = list(Territory.objects.filter(code__in=codes, kind__in=["departement", "region"]))
    if len(territories) != len(codes):
        raise HttpError(400, "Code de département ou de région inconnu (code INSEE attendu, par exemple « 07 »).")
    externals = list(Organization.objects.filter(pk__in=fields["external_organization_ids"]))
    if len(externals) != len(set(fields["external_organization_ids"])):
        raise HttpError(400, "Organisation extérieure inconnue.")
    referents = list(User.objects.filter(pk__in=fields["referent_ids"], memberships__cooperation=cooperation))
    if len(referents) != len(set(fields["referent_ids"])):
        raise HttpError(400, "Les référents doivent être membres de la coopération.")
    scope = Q(cooperation__isnull=True) | Q(cooperation=cooperation)
    purposes = list(Purpose.objects.filter(scope, code__in=fields["purposes"]))
    forms = list(CooperationForm.objects.filter(scope, code__in=fields["forms"]))
    if len(purposes) != len(set(fields["purposes"])) or len(forms) != len(set(fields["forms"])):
        raise HttpError(400, "Code de finalité ou de forme de coopération inconnu.")
    ideas = list(ideas_of(cooperation).filter(pk__in=fields["source_idea_ids"]))
    if len(ideas) != len(set(fields["source_idea_ids"])):
        raise HttpError(400, "Les pistes d'origine doivent venir des ateliers de cette coopération.")
    return services.ActionData(
        title=fields["title"], workstream=workstream, description=fields.get("description") or "", lead=lead,
        participants=participants, external_partners=externals, referents=referents, purposes=purposes,
        forms=forms, status=fields["status"], progress=fields["progress"], start_on=fields.get("start_on"),
        end_on=fields.get("end_on"), source_ideas=ideas, external_territories=territories,
        # A PATCH dumps only what was sent (exclude_unset reaches nested objects): the kind may be absent.
        new_external_organizations=[(o["name"], o.get("kind", OrganizationKind.OTHER))
                                    for o in fields.get("new_external_organizations") or []],
    )
