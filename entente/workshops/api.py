"""Workshops in the JSON API: workshops, pistes, scores (the live scoring endpoint), results.

A participant who joined with a code authenticates with the header `X-Participant-Token`
(returned by `POST /workshops/join`); account holders use their token or session.
Results expose aggregates only: never who gave which score.
"""

import dataclasses
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import field_validator

from entente.cooperations.models import Partnership
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import ApiDate, Description, Id, Slug, text
from entente.core.throttle import Throttled, client_address
from entente.territories.models import Organization

from . import idea_services, participant_services, score_services, services
from .forms import FACILITATOR_ROLES
from .models import Domain, Idea, Phase, Workshop, WorkshopKind
from .participation_selectors import partner_organizations
from .presets import GRID_PRESETS
from .ratelimit import (
    RATE_LIMITED_MESSAGE,
    allow_score,
    join_throttled_message,
    join_wait,
    record_seat,
    record_wrong_code,
    score_rate_key,
)
from .rules import get_seat_for_user, get_workshop_for_reader, get_workshop_for_user
from .selectors import workshop_results

router = Router()
TAG = "Ateliers"
TOKEN_HEADER = "X-Participant-Token"


class CriterionOut(Schema):
    id: int
    label: str
    kind: str
    scale_min: int
    scale_max: int
    weight: float
    axis: str


class WorkshopOut(Schema):
    id: int
    title: str
    kind: str
    host: str | None
    held_on: date | None
    place: str
    facilitator: str | None
    phase: str
    phase_label: str
    anonymous: bool
    criteria: list[CriterionOut]
    idea_count: int


def criterion_out(criterion) -> dict:
    return {
        "id": criterion.pk,
        "label": criterion.label,
        "kind": criterion.kind,
        "scale_min": criterion.scale_min,
        "scale_max": criterion.scale_max,
        "weight": float(criterion.weight),
        "axis": criterion.axis,
    }


def workshop_out(workshop, idea_count=None) -> dict:
    return {
        "id": workshop.pk,
        "title": workshop.title,
        "kind": workshop.kind,
        "host": workshop.host.organization.name if workshop.host_id else None,
        "held_on": workshop.held_on,
        "place": workshop.place,
        "facilitator": workshop.facilitator.public_name if workshop.facilitator_id else None,
        "phase": workshop.phase,
        "phase_label": workshop.get_phase_display(),
        "anonymous": workshop.anonymous,
        "criteria": [criterion_out(c) for c in workshop.grid.criteria.all()],
        "idea_count": idea_count if idea_count is not None else getattr(workshop, "idea_count", 0),
    }


class WorkshopIn(Schema):
    title: text(200, min_length=3)
    kind: WorkshopKind = WorkshopKind.JOINT
    host_partner_id: Id | None = Field(default=None, description="partenariat organisateur (atelier interne)")
    held_on: ApiDate | None = None
    place: text(200) = ""
    facilitator_id: Id | None = Field(default=None, description="utilisateur·rice membre de la coopération")
    grid_preset: text(60) = Field(default="plus_value_faisabilite", description=", ".join(GRID_PRESETS))
    anonymous: bool = False

    @field_validator("grid_preset")
    @classmethod
    def known_preset(cls, value):
        if value not in GRID_PRESETS:
            raise ValueError(f"grille inconnue (attendu : {', '.join(GRID_PRESETS)})")
        return value


@router.get("/cooperations/{slug}/workshops", response=list[WorkshopOut], summary="Ateliers d'une coopération")
@paginate(Pagination)
def list_workshops(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "workshops_view")
    workshops = (
        Workshop.objects.filter(cooperation=cooperation)
        .select_related("host__organization", "grid", "facilitator")
        .prefetch_related("grid__criteria")
        .annotate(idea_count=Count("ideas", filter=Q(ideas__merged_into__isnull=True)))
    )
    return [workshop_out(w) for w in workshops]


@router.post("/cooperations/{slug}/workshops", response={201: WorkshopOut}, summary="Créer un atelier")
def create_workshop(request, slug: Slug, payload: WorkshopIn):
    cooperation = get_cooperation_for_user(request.user, slug, "workshops_run")
    host = None
    if payload.host_partner_id is not None:
        host = Partnership.objects.filter(pk=payload.host_partner_id, cooperation=cooperation).first()
        if host is None:
            raise HttpError(400, "Partenaire organisateur inconnu dans cette coopération.")
    facilitator = None
    if payload.facilitator_id is not None:
        facilitator = (
            get_user_model()
            .objects.filter(
                pk=payload.facilitator_id, memberships__cooperation=cooperation, memberships__role__in=FACILITATOR_ROLES
            )
            .first()
        )
        if facilitator is None:
            raise HttpError(400, "L'animateur·rice doit être membre de la coopération (hors observateur·rices).")
    data = payload.dict(exclude={"host_partner_id", "facilitator_id"})
    workshop = services.create_workshop(
        cooperation=cooperation, user=request.user, host=host, facilitator=facilitator, **data
    )
    return 201, workshop_out(workshop, 0)


@router.get("/cooperations/{slug}/workshops/{workshop_id}", response=WorkshopOut, summary="Un atelier")
def get_workshop(request, slug: Slug, workshop_id: Id):
    workshop = get_workshop_for_user(request.user, slug, workshop_id)
    count = Idea.objects.filter(workshop=workshop, merged_into__isnull=True).count()
    return workshop_out(workshop, count)


class PhaseIn(Schema):
    phase: Phase


@router.put(
    "/cooperations/{slug}/workshops/{workshop_id}/phase", response=WorkshopOut, summary="Changer la phase d'un atelier"
)
def put_phase(request, slug: Slug, workshop_id: Id, payload: PhaseIn):
    workshop = get_workshop_for_user(request.user, slug, workshop_id, "workshops_run")
    services.set_phase(workshop, payload.phase)
    return workshop_out(workshop, Idea.objects.filter(workshop=workshop, merged_into__isnull=True).count())


class IdeaOut(Schema):
    id: int
    title: str
    description: str
    domain: str | None
    organization: str | None
    origin: str
    merged_into: int | None
    arbitration_status: str
    arbitration_reason: str


def idea_out(idea) -> dict:
    return {
        "id": idea.pk,
        "title": idea.title,
        "description": idea.description,
        "domain": idea.domain.label if idea.domain_id else None,
        "organization": idea.organization.name if idea.organization_id else None,
        "origin": idea.origin,
        "merged_into": idea.merged_into_id,
        "arbitration_status": idea.arbitration_status,
        "arbitration_reason": idea.arbitration_reason,
    }


@router.get(
    "/cooperations/{slug}/workshops/{workshop_id}/ideas",
    response={200: list[IdeaOut], **errors(403)},
    summary="Pistes d'un atelier",
)
@paginate(Pagination)
def list_ideas(request, slug: Slug, workshop_id: Id):
    workshop = get_workshop_for_reader(request, slug, workshop_id, token=request.headers.get(TOKEN_HEADER))
    ideas = Idea.objects.filter(workshop=workshop).select_related("domain", "organization").order_by("pk")
    return [idea_out(idea) for idea in ideas]


class IdeaIn(Schema):
    title: text(255, min_length=1)
    description: Description = ""
    domain_id: Id | None = None
    organization_id: Id | None = None


def _seat(request, slug, workshop_id):
    token = request.headers.get(TOKEN_HEADER)
    return get_seat_for_user(request, slug, workshop_id, token=token or None, use_session=False)


@router.post(
    "/cooperations/{slug}/workshops/{workshop_id}/ideas", response={201: IdeaOut}, summary="Proposer une piste"
)
def create_idea(request, slug: Slug, workshop_id: Id, payload: IdeaIn):
    participant = _seat(request, slug, workshop_id)
    workshop = participant.workshop
    domain = organization = None
    if payload.domain_id is not None:
        domain = Domain.objects.filter(pk=payload.domain_id, cooperation_id=workshop.cooperation_id).first()
        if domain is None:
            raise HttpError(400, "Domaine inconnu dans cette coopération.")
    if payload.organization_id is not None:
        organization = partner_organizations(workshop).filter(pk=payload.organization_id).first()
        if organization is None:
            raise HttpError(400, "Cette organisation n'est pas partenaire de la coopération.")
    idea = idea_services.propose_idea(
        workshop=workshop,
        participant=participant,
        title=payload.title,
        description=payload.description,
        domain=domain,
        organization=organization,
    )
    return 201, idea_out(idea)


class ScoreIn(Schema):
    idea: Id = Field(description="identifiant de la piste")
    criterion: Id = Field(description="identifiant du critère")
    # Scales are stored as small integers: no note outside their range can be valid.
    value: int = Field(ge=-32768, le=32767, description="note dans l'échelle du critère")


class ScoreOut(Schema):
    idea: int
    criterion: int
    value: int


@router.post(
    "/cooperations/{slug}/workshops/{workshop_id}/scores",
    response={200: ScoreOut, **errors(429)},
    summary="Noter une piste sur un critère (la dernière note envoyée fait foi)",
)
def post_score(request, slug: Slug, workshop_id: Id, payload: ScoreIn):
    answer = {"idea": payload.idea, "criterion": payload.criterion, "value": payload.value}
    token = request.headers.get(TOKEN_HEADER)
    if token:
        if not allow_score(token):
            raise HttpError(429, RATE_LIMITED_MESSAGE)
        if score_services.submit_score_by_token(
            slug=slug,
            workshop_id=workshop_id,
            token=token,
            idea_id=payload.idea,
            criterion_id=payload.criterion,
            value=payload.value,
        ):
            return answer
    participant = _seat(request, slug, workshop_id)
    workshop = participant.workshop
    if not token and not allow_score(score_rate_key(participant)):
        raise HttpError(429, RATE_LIMITED_MESSAGE)
    score_services.submit_score(
        workshop, participant, idea_id=payload.idea, criterion_id=payload.criterion, value=payload.value
    )
    return answer


class StatsOut(Schema):
    criterion: int
    count: int
    mean: float | None
    median: float | None
    spread: float | None


class RankedIdeaOut(Schema):
    id: int
    title: str
    organization: str | None
    overall: float | None
    rank: int | None
    quadrant: str | None
    arbitration_status: str
    merged_sources: list[int]
    criteria: list[StatsOut]


class PartnerBiasOut(Schema):
    organization: str
    evaluators: int
    own_score: float | None
    others_score: float | None
    hidden: bool


class ParticipationOut(Schema):
    organization: str
    participants: int
    active: int
    complete: int
    rate: float | None
    completion: float | None


class ResultsOut(Schema):
    workshop: int
    anonymous: bool
    ideas: list[RankedIdeaOut]
    home_bias: list[PartnerBiasOut]
    participation: list[ParticipationOut]


@router.get(
    "/cooperations/{slug}/workshops/{workshop_id}/results",
    response={200: ResultsOut, **errors(403)},
    summary="Résultats agrégés (jamais de note individuelle)",
)
def get_results(request, slug: Slug, workshop_id: Id):
    workshop = get_workshop_for_user(request.user, slug, workshop_id, "workshops_see_results")
    results = workshop_results(workshop)
    ideas = [
        {
            "id": r.idea.pk,
            "title": r.idea.title,
            "organization": r.idea.organization.name if r.idea.organization_id else None,
            "overall": r.overall,
            "rank": r.rank,
            "quadrant": r.quadrant,
            "arbitration_status": r.idea.arbitration_status,
            "merged_sources": [s.pk for s in r.sources],
            "criteria": [
                {"criterion": c.pk, "count": s.count, "mean": s.mean, "median": s.median, "spread": s.spread}
                for c, s in zip(results.criteria, r.cells, strict=True)
            ],
        }
        for r in results.all_ideas
    ]
    return {
        "workshop": workshop.pk,
        "anonymous": workshop.anonymous,
        "ideas": ideas,
        "home_bias": [dataclasses.asdict(b) for b in results.bias],
        "participation": [
            {**dataclasses.asdict(p), "rate": p.rate, "completion": p.completion} for p in results.participation
        ],
    }


class JoinIn(Schema):
    code: text(12, min_length=4)
    display_name: text(120, min_length=1)
    organization_id: Id


class JoinOut(Schema):
    token: str
    workshop: int
    cooperation: str
    display_name: str


@router.post("/workshops/join", response={201: JoinOut, **errors(429)}, summary="Rejoindre un atelier avec son code")
def join(request, payload: JoinIn):
    address = client_address(request)
    wait = join_wait(address, payload.code)
    if wait:
        raise Throttled(join_throttled_message(wait), wait)
    organization = Organization.objects.filter(pk=payload.organization_id).first()
    if organization is None:
        raise ValidationError("Organisation inconnue.")
    try:
        participant = participant_services.join_with_code(
            code=payload.code, display_name=payload.display_name, organization=organization
        )
    except participant_services.JoinCodeRefused:
        record_wrong_code(address)
        raise
    record_seat(address, payload.code)
    return 201, {
        "token": participant.token,
        "workshop": participant.workshop_id,
        "cooperation": participant.workshop.cooperation.slug,
        "display_name": participant.display_name,
    }
