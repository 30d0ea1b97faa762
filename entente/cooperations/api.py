from datetime import date

from django.db import transaction
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator

from entente.core.api_contract import Pagination, errors
from entente.core.bounds import ApiDate, Description, SearchText, Slug, text

from . import services
from .models import CooperationForm, CooperationKind, Membership, PartnerRole, Purpose, Visibility
from .rules import get_cooperation_for_user, visible_cooperations
from .selectors import active_partnerships

router = Router()
TAG = "Coopérations"
PresetCode = text(40)


class PartnerOut(Schema):
    id: int
    organization_id: int
    name: str
    role: str
    territory_kind: str | None
    territory_code: str | None
    joined_on: date | None
    left_on: date | None


class CooperationOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    description: str
    visibility: str
    started_on: date | None
    purposes: list[str]
    forms: list[str]
    partners: list[PartnerOut]
    url: str


class PartnerIn(Schema):
    reference: text(100) = Field(description="`territory:<kind>:<code>` ou `organization:<id>`")
    role: PartnerRole = PartnerRole.SIGNATORY


class CooperationIn(Schema):
    name: text(200, min_length=3)
    kind: CooperationKind
    description: Description = ""
    visibility: Visibility = Visibility.PRIVATE
    started_on: ApiDate | None = None
    purposes: list[PresetCode] = Field(default_factory=list, max_length=50, description="codes des finalités")
    forms: list[PresetCode] = Field(default_factory=list, max_length=50, description="codes des formes de coopération")
    partners: list[PartnerIn] = Field(default_factory=list, max_length=200)
    represents: text(100) | None = Field(
        default=None, description="référence du partenaire que la personne qui crée représente, parmi `partners` "
        "(vide : aucun ; absent : l'organisation de son profil si elle est partenaire)",
    )

    @field_validator("name")
    @classmethod
    def strip_name(cls, value):
        value = value.strip()
        if len(value) < 3:
            raise ValueError("le nom doit compter au moins 3 caractères")
        return value


class CooperationPatch(Schema):
    name: text(200, min_length=3) | None = None
    kind: CooperationKind | None = None
    description: Description | None = None
    visibility: Visibility | None = None
    started_on: ApiDate | None = None
    purposes: list[PresetCode] | None = Field(default=None, max_length=50)
    forms: list[PresetCode] | None = Field(default=None, max_length=50)


class MemberOut(Schema):
    id: int
    name: str
    role: str
    partner: str | None


class DirectoryFilters(Schema):
    q: SearchText | None = None
    kind: CooperationKind | None = None


def serialize(cooperation) -> dict:
    partners = getattr(cooperation, "active_partnerships", None)
    if partners is None:
        partners = cooperation.partnerships.active().select_related("organization__territory")
    return {
        "slug": cooperation.slug, "name": cooperation.name, "kind": cooperation.kind,
        "kind_label": cooperation.get_kind_display(), "description": cooperation.description,
        "visibility": cooperation.visibility, "started_on": cooperation.started_on,
        "purposes": [p.code or p.label for p in cooperation.purposes.all()],
        "forms": [f.code or f.label for f in cooperation.forms.all()],
        "partners": [
            {"id": p.pk, "organization_id": p.organization_id, "name": p.organization.name, "role": p.role,
             "territory_kind": p.organization.territory.kind if p.organization.territory else None,
             "territory_code": p.organization.territory.code if p.organization.territory else None,
             "joined_on": p.joined_on, "left_on": p.left_on}
            for p in partners
        ],
        "url": cooperation.get_absolute_url(),
    }


def _presets(model, codes):
    found = list(model.objects.filter(cooperation=None, code__in=codes))
    unknown = sorted(set(codes) - {item.code for item in found})
    if unknown:
        raise HttpError(422, f"Codes inconnus : {', '.join(unknown)}.")
    return found


def _require_user(request):
    if not request.user.is_authenticated:
        raise HttpError(401, "Authentification requise : connectez-vous ou utilisez un jeton d'API.")


@router.get("/cooperations", response=list[CooperationOut], summary="Coopérations visibles")
@paginate(Pagination)
def list_cooperations(request, filters: Query[DirectoryFilters]):
    queryset = visible_cooperations(request.user)
    if filters.q:
        queryset = queryset.filter(search_name__contains=services_search_key(filters.q))
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    queryset = queryset.prefetch_related(active_partnerships(), "purposes", "forms").order_by("name")
    return [serialize(c) for c in queryset]


def services_search_key(text):
    from entente.core.text import search_key

    return search_key(text)


@router.get("/cooperations/{slug}", response=CooperationOut, summary="Une coopération")
def get_cooperation(request, slug: Slug):
    return serialize(get_cooperation_for_user(request.user, slug, "view"))


@router.post("/cooperations", response={201: CooperationOut}, summary="Créer une coopération")
def create_cooperation(request, payload: CooperationIn):
    _require_user(request)
    with transaction.atomic():
        cooperation = services.create_cooperation(
            user=request.user, name=payload.name, kind=payload.kind, description=payload.description,
            visibility=payload.visibility, started_on=payload.started_on,
            purposes=_presets(Purpose, payload.purposes), forms=_presets(CooperationForm, payload.forms),
            partners=[services.PartnerChoice(reference=p.reference, role=p.role) for p in payload.partners],
            represents=payload.represents,
        )
    return 201, serialize(cooperation)


@router.patch("/cooperations/{slug}", response=CooperationOut, summary="Modifier une coopération")
def update_cooperation(request, slug: Slug, payload: CooperationPatch):
    cooperation = get_cooperation_for_user(request.user, slug, "edit")
    data = payload.dict(exclude_unset=True)
    # null leaves a name, a description or a list of codes unchanged, as if omitted.
    for key in ("name", "description", "purposes", "forms"):
        if key in data and data[key] is None:
            del data[key]
    purposes = _presets(Purpose, data.pop("purposes")) if "purposes" in data else None
    forms = _presets(CooperationForm, data.pop("forms")) if "forms" in data else None
    for key in ("kind", "visibility"):
        if key in data and data[key] is None:
            raise HttpError(422, f"Le champ {key} ne peut pas être vide.")
    services.update_cooperation(cooperation, purposes=purposes, forms=forms, **data)
    return serialize(cooperation)


@router.get("/cooperations/{slug}/partners", response=list[PartnerOut], summary="Partenaires")
def list_partners(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    return serialize(cooperation)["partners"]


@router.post("/cooperations/{slug}/partners", response={201: list[PartnerOut]}, summary="Ajouter un partenaire")
def add_partner(request, slug: Slug, payload: PartnerIn):
    cooperation = get_cooperation_for_user(request.user, slug, "edit")
    services.add_partners(cooperation=cooperation,
                          choices=[services.PartnerChoice(reference=payload.reference, role=payload.role)])
    return 201, serialize(cooperation)["partners"]


@router.get("/cooperations/{slug}/members", response={200: list[MemberOut], **errors(403)},
            summary="Membres et rôles")
def list_members(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view_members")
    rows = Membership.objects.filter(cooperation=cooperation).select_related("user", "partner__organization")
    return [
        {"id": m.pk, "name": m.user.public_name, "role": m.role,
         "partner": m.partner.organization.name if m.partner else None}
        for m in rows.order_by("role", "pk")
    ]




class TimelineStepOut(Schema):
    id: int
    stage: str
    title: str
    date: date | None
    description: str


@router.get("/cooperations/{slug}/timeline", response=list[TimelineStepOut], summary="Étapes de la démarche")
@paginate(Pagination)
def list_timeline(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    return [
        {"id": s.pk, "stage": s.stage, "title": s.title, "date": s.date, "description": s.description}
        for s in cooperation.timeline.order_by("position", "date", "pk")
    ]
