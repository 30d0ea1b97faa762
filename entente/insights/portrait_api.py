"""API of the cross portrait: read it (as the page shows it to the caller), and write its foundations and
challenges (coordinators and operators)."""

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from ninja.errors import HttpError

from entente.cooperations.rules import get_abilities, get_cooperation_for_user
from entente.core.api_contract import errors
from entente.core.bounds import DESCRIPTION_LENGTH, Id, Slug
from entente.core.bounds import text as bounded
from entente.portfolio.models import Action, Axis, Workstream

from . import portrait_services as services
from .health_api import router
from .portrait import ChallengeView, cross_portrait
from .portrait_models import PortraitChallenge, PortraitFoundation
from .rules import get_portrait_item_for_user

TAG = "Portrait croisé"
MAX_LINKS = 200


class PortraitPartnerOut(Schema):
    name: str
    territory_code: str
    territory_kind: str


class PortraitCellOut(Schema):
    shown: str
    year: int | None
    illustrative: bool


class PortraitFigureOut(Schema):
    label: str
    source: str
    values: list[PortraitCellOut] = Field(description="une valeur par partenaire, dans l'ordre de `partners`")


class FoundationOut(Schema):
    id: int
    title: str
    text: str
    position: int


class LinkedOut(Schema):
    id: int
    title: str


class ActionLinkedOut(LinkedOut):
    status: str


class ChallengeOut(Schema):
    id: int
    title: str
    text: str
    position: int
    answered: bool = Field(description="faux quand aucun axe, chantier ni action n'y répond encore")
    axes: list[LinkedOut]
    workstreams: list[LinkedOut]
    actions: list[ActionLinkedOut]


class PortraitOut(Schema):
    partners: list[PortraitPartnerOut]
    figures: list[PortraitFigureOut]
    foundations: list[FoundationOut]
    challenges: list[ChallengeOut]
    unanswered: int = Field(description="nombre de défis sans réponse")


class FoundationIn(Schema):
    title: bounded(200, 1)
    text: bounded(DESCRIPTION_LENGTH) = ""


class ChallengeIn(Schema):
    title: bounded(255, 1)
    text: bounded(DESCRIPTION_LENGTH) = ""
    axis_ids: list[Id] = Field(default=[], max_length=MAX_LINKS, description="axes qui répondent au défi")
    workstream_ids: list[Id] = Field(default=[], max_length=MAX_LINKS, description="chantiers qui y répondent")
    action_ids: list[Id] = Field(default=[], max_length=MAX_LINKS, description="actions qui y répondent")


def _challenge_out(view) -> dict:
    challenge = view.challenge
    return {
        "id": challenge.pk,
        "title": challenge.title,
        "text": challenge.text,
        "position": challenge.position,
        "answered": view.answered,
        "axes": [{"id": a.pk, "title": a.title} for a in view.axes],
        "workstreams": [{"id": w.pk, "title": w.title} for w in view.workstreams],
        "actions": [{"id": a.pk, "title": a.title, "status": a.status} for a in view.actions],
    }


@router.get(
    "/cooperations/{slug}/portrait",
    response={200: PortraitOut, **errors(403)},
    summary="Portrait croisé d'une coopération",
    description="Les partenaires côte à côte (chiffres du registre et, pour les membres, dernières valeurs des "
    "indicateurs partagés), les fondements partagés et les défis communs avec ce qui y répond.",
    tags=[TAG],
)
def get_portrait(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_portrait")
    abilities = get_abilities(request.user, cooperation)
    portrait = cross_portrait(cooperation, with_indicators=abilities["insights_view_indicators"])
    return {
        "partners": [
            {"name": p.label, "territory_code": p.territory.code, "territory_kind": p.territory.kind}
            for p in portrait.partners
        ],
        "figures": [
            {"label": row.label, "source": row.source, "values": [vars(cell) for cell in row.cells]}
            for row in portrait.figures
        ],
        "foundations": portrait.foundations,
        "challenges": [_challenge_out(view) for view in portrait.challenges],
        "unanswered": len(portrait.unanswered),
    }


def _linked(model, cooperation, ids: list[int], label: str) -> list:
    found = list(model.objects.filter(cooperation=cooperation, pk__in=ids))
    if len(found) != len(set(ids)):
        raise HttpError(422, f"{label} introuvable dans le portefeuille de la coopération.")
    return found


def _save_challenge(request, cooperation, payload: ChallengeIn, challenge=None):
    try:
        return services.save_challenge(
            cooperation=cooperation,
            user=request.user,
            challenge=challenge,
            title=payload.title,
            text=payload.text,
            axes=_linked(Axis, cooperation, payload.axis_ids, "Axe"),
            workstreams=_linked(Workstream, cooperation, payload.workstream_ids, "Chantier"),
            actions=_linked(Action, cooperation, payload.action_ids, "Action"),
        )
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None


def _one_challenge(challenge) -> dict:
    view = ChallengeView(
        challenge, list(challenge.axes.all()), list(challenge.workstreams.all()), list(challenge.actions.all())
    )
    return _challenge_out(view)


@router.post(
    "/cooperations/{slug}/portrait/foundations",
    response={201: FoundationOut},
    summary="Ajouter un fondement partagé",
    tags=[TAG],
)
def create_foundation(request, slug: Slug, payload: FoundationIn):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_edit_portrait")
    return 201, services.save_foundation(cooperation=cooperation, user=request.user, **payload.dict())


@router.put(
    "/cooperations/{slug}/portrait/foundations/{foundation_id}",
    response=FoundationOut,
    summary="Modifier un fondement partagé",
    tags=[TAG],
)
def update_foundation(request, slug: Slug, foundation_id: Id, payload: FoundationIn):
    foundation = get_portrait_item_for_user(request.user, slug, PortraitFoundation, foundation_id)
    return services.save_foundation(
        cooperation=foundation.cooperation, user=request.user, foundation=foundation, **payload.dict()
    )


@router.delete(
    "/cooperations/{slug}/portrait/foundations/{foundation_id}",
    response={204: None},
    summary="Retirer un fondement partagé",
    tags=[TAG],
)
def delete_foundation(request, slug: Slug, foundation_id: Id):
    foundation = get_portrait_item_for_user(request.user, slug, PortraitFoundation, foundation_id)
    services.delete_portrait_item(item=foundation, user=request.user)
    return 204, None


@router.post(
    "/cooperations/{slug}/portrait/challenges",
    response={201: ChallengeOut},
    summary="Ajouter un défi commun, avec ce qui y répond",
    tags=[TAG],
)
def create_challenge(request, slug: Slug, payload: ChallengeIn):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_edit_portrait")
    return 201, _one_challenge(_save_challenge(request, cooperation, payload))


@router.put(
    "/cooperations/{slug}/portrait/challenges/{challenge_id}",
    response=ChallengeOut,
    summary="Modifier un défi commun et ce qui y répond",
    tags=[TAG],
)
def update_challenge(request, slug: Slug, challenge_id: Id, payload: ChallengeIn):
    challenge = get_portrait_item_for_user(request.user, slug, PortraitChallenge, challenge_id)
    return _one_challenge(_save_challenge(request, challenge.cooperation, payload, challenge))


@router.delete(
    "/cooperations/{slug}/portrait/challenges/{challenge_id}",
    response={204: None},
    summary="Retirer un défi commun",
    tags=[TAG],
)
def delete_challenge(request, slug: Slug, challenge_id: Id):
    challenge = get_portrait_item_for_user(request.user, slug, PortraitChallenge, challenge_id)
    services.delete_portrait_item(item=challenge, user=request.user)
    return 204, None
