"""API of the portfolio's actions (list, create, read, patch, delete), each with its milestones,
indicators, links and outside partners. The router is shared by structure_api.py and financing_api.py."""

from datetime import date
from decimal import Decimal

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
from entente.core.numbers import PercentIn
from entente.territories.models import Organization, OrganizationKind, Territory, TerritoryKind

from . import selectors, services
from .forms import ideas_of
from .models import ActionStatus, Workstream
from .rules import get_action_for_user

router = Router()
TAG = "Portefeuille d'actions"
CLEARABLE_ACTION_FIELDS = {"lead_partner_id", "start_on", "end_on"}
# Partners, referents, source pistes… of one action: far more than any cooperation has.
MAX_ITEMS = 500


class PartnerRef(Schema):
    partner_id: int
    organization_id: int
    name: str


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


# Every région code is also a département code ("11": Aude and Île-de-France), so a bare code
# names a département and a région is written with its kind, as the form's picker does.
TERRITORY_CODES_HELP = (
    "départements ou régions extérieurs à associer (coopération non exclusive), enregistrés comme "
    "partenaires extérieurs : un code INSEE seul désigne un département (« 07 », « 2A », « 974 ») ; "
    "une région s'écrit « region:<code> » (« region:11 » pour l'Île-de-France) ; "
    "« departement:<code> » est aussi accepté"
)


class ActionIn(Schema):
    title: text(255, min_length=1)
    workstream_id: Id
    description: Description = ""
    lead_partner_id: Id | None = Field(None, description="identifiant du partenariat (chef de file)")
    participant_ids: list[Id] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="identifiants des partenariats"
    )
    external_organization_ids: list[Id] = Field(default_factory=list, max_length=MAX_ITEMS)
    external_territory_codes: list[text(20)] = Field(
        default_factory=list, max_length=MAX_ITEMS, description=TERRITORY_CODES_HELP
    )
    new_external_organizations: list[NewOrganizationIn] = Field(
        default_factory=list,
        max_length=MAX_ITEMS,
        description="partenaires extérieurs qui ne sont pas des collectivités, nommés pour la première fois",
    )
    referent_ids: list[Id] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="identifiants d'utilisateurs membres"
    )
    purposes: list[text(40)] = Field(default_factory=list, max_length=MAX_ITEMS, description="codes des finalités")
    forms: list[text(40)] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="codes des formes de coopération"
    )
    source_idea_ids: list[Id] = Field(
        default_factory=list, max_length=MAX_ITEMS, description="pistes d'origine (ateliers)"
    )
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
    external_territory_codes: list[text(20)] | None = Field(
        None, max_length=MAX_ITEMS, description=TERRITORY_CODES_HELP
    )
    new_external_organizations: list[NewOrganizationIn] | None = Field(None, max_length=MAX_ITEMS)
    referent_ids: list[Id] | None = Field(None, max_length=MAX_ITEMS)
    purposes: list[text(40)] | None = Field(None, max_length=MAX_ITEMS)
    forms: list[text(40)] | None = Field(None, max_length=MAX_ITEMS)
    source_idea_ids: list[Id] | None = Field(None, max_length=MAX_ITEMS)
    status: ActionStatus | None = None
    progress: PercentIn | None = None
    start_on: ApiDate | None = None
    end_on: ApiDate | None = None


def _partner_ref(partnership):
    return {
        "partner_id": partnership.pk,
        "organization_id": partnership.organization_id,
        "name": partnership.organization.name,
    }


def action_out(action) -> dict:
    try:
        plan = action.financing
    except ObjectDoesNotExist:
        plan = None
    return {
        "id": action.pk,
        "title": action.title,
        "description": action.description,
        "axis": action.workstream.axis.title if action.workstream.axis_id else "",
        "workstream_id": action.workstream_id,
        "workstream": action.workstream.title,
        "status": action.status,
        "status_label": action.get_status_display(),
        "progress": action.progress,
        "start_on": action.start_on,
        "end_on": action.end_on,
        "lead": _partner_ref(action.lead) if action.lead_id else None,
        "participants": [_partner_ref(p) for p in action.participants.all()],
        "purposes": [p.code or p.label for p in action.purposes.all()],
        "source_idea_ids": [idea.pk for idea in action.source_ideas.all()],
        "external_partners": [o.name for o in action.external_partners.all()],
        "remainder": plan.remainder if plan else None,
        "url": action.get_absolute_url(),
        "milestones": [
            {"id": m.pk, "title": m.title, "due_on": m.due_on, "done_on": m.done_on, "late": m.is_late}
            for m in action.milestones.all()
        ],
        "indicators": [
            {
                "id": i.pk,
                "label": i.label,
                "unit": i.unit,
                "target": i.target,
                "current": i.current,
                "percent": i.percent,
            }
            for i in action.indicators.all()
        ],
        "links": [
            {
                "id": link.pk,
                "kind": link.kind,
                "kind_label": link.get_kind_display(),
                "target_id": link.target_id,
                "note": link.note,
            }
            for link in action.links_out.all()
        ],
    }


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
    action = get_action_for_user(request.user, slug, action_id)
    cooperation = action.cooperation
    return action_out(_reload(cooperation, action.pk))


@router.patch("/cooperations/{slug}/actions/{action_id}", response=ActionOut, summary="Modifier une action")
@transaction.atomic
def patch_action(request, slug: Slug, action_id: Id, payload: ActionPatch):
    action = get_action_for_user(request.user, slug, action_id, "portfolio_edit")
    cooperation = action.cooperation
    current = _current_fields(action)
    # null clears what may be empty (lead, dates) and leaves the rest unchanged, as if omitted.
    current.update(
        {
            k: v
            for k, v in payload.model_dump(exclude_unset=True).items()
            if v is not None or k in CLEARABLE_ACTION_FIELDS
        }
    )
    services.update_action(action, user=request.user, data=_action_data(cooperation, current))
    return ActionOut.model_validate(action_out(_reload(cooperation, action.pk)))


@router.delete("/cooperations/{slug}/actions/{action_id}", response={204: None}, summary="Supprimer une action")
def delete_action(request, slug: Slug, action_id: Id):
    action = get_action_for_user(request.user, slug, action_id, "portfolio_manage")
    services.delete_action(action)
    return 204, None


def _api_actions(cooperation):
    return (
        selectors.portfolio_actions(cooperation)
        .select_related("cooperation")
        .prefetch_related("indicators", "links_out")
    )


def _reload(cooperation, pk):
    return _api_actions(cooperation).get(pk=pk)


def partnership_in(cooperation, pk):
    partner = Partnership.objects.filter(cooperation=cooperation, pk=pk).select_related("organization").first()
    if partner is None:
        raise HttpError(400, f"Le partenariat {pk} n'appartient pas à cette coopération.")
    return partner


def external_territories(codes: list[str]) -> list[Territory]:
    """The départements and régions named by `codes` (see TERRITORY_CODES_HELP), one query.

    Territories no longer in force are returned too: the service refuses them with their name.
    """
    keys = {_territory_key(code) for code in codes}
    if not keys:
        return []
    lookup = Q(pk__in=[])
    for kind, code in keys:
        lookup |= Q(kind=kind, code=code)
    territories = list(Territory.objects.filter(lookup))
    if len(territories) != len(keys):
        found = {(territory.kind, territory.code) for territory in territories}
        unknown = ", ".join(f"« {code} »" for code in codes if _territory_key(code) not in found)
        raise HttpError(
            400,
            f"Département ou région inconnu : {unknown} (un code INSEE seul désigne un "
            "département, par exemple « 07 » ; une région s'écrit « region:11 »).",
        )
    return territories


def _territory_key(reference: str) -> tuple[str, str]:
    kind, _, code = reference.strip().rpartition(":")
    if kind not in ("", TerritoryKind.DEPARTEMENT, TerritoryKind.REGION):
        raise HttpError(400, f"« {reference} » : seuls « departement: » et « region: » peuvent précéder un code.")
    return (kind or TerritoryKind.DEPARTEMENT), code.strip()


def _current_fields(action) -> dict:
    return {
        "title": action.title,
        "workstream_id": action.workstream_id,
        "description": action.description,
        "lead_partner_id": action.lead_id,
        "participant_ids": list(action.participants.values_list("pk", flat=True)),
        "external_organization_ids": list(action.external_partners.values_list("pk", flat=True)),
        "referent_ids": list(action.referents.values_list("pk", flat=True)),
        "purposes": [p.code for p in action.purposes.all()],
        "forms": [f.code for f in action.forms.all()],
        "source_idea_ids": list(action.source_ideas.values_list("pk", flat=True)),
        "status": action.status,
        "progress": action.progress,
        "start_on": action.start_on,
        "end_on": action.end_on,
    }


def _action_data(cooperation, fields: dict) -> services.ActionData:
    workstream = Workstream.objects.filter(cooperation=cooperation, pk=fields["workstream_id"]).first()
    if workstream is None:
        raise HttpError(400, "Chantier inconnu dans cette coopération.")
    participants = list(
        Partnership.objects.filter(cooperation=cooperation, pk__in=fields["participant_ids"]).select_related(
            "organization"
        )
    )
    if len(participants) != len(set(fields["participant_ids"])):
        raise HttpError(400, "Les participants doivent être des partenaires de cette coopération.")
    lead = None
    if fields.get("lead_partner_id") is not None:
        lead = partnership_in(cooperation, fields["lead_partner_id"])
    territories = external_territories(fields.get("external_territory_codes") or [])
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
        title=fields["title"],
        workstream=workstream,
        description=fields.get("description") or "",
        lead=lead,
        participants=participants,
        external_partners=externals,
        referents=referents,
        purposes=purposes,
        forms=forms,
        status=fields["status"],
        progress=fields["progress"],
        start_on=fields.get("start_on"),
        end_on=fields.get("end_on"),
        source_ideas=ideas,
        external_territories=territories,
        # A PATCH dumps only what was sent (exclude_unset reaches nested objects): the kind may be absent.
        new_external_organizations=[
            (o["name"], o.get("kind", OrganizationKind.OTHER)) for o in fields.get("new_external_organizations") or []
        ],
    )
