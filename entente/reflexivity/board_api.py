"""API of learning boards: boards, their cards with dots and links, dot votes, conversions, for members."""

import datetime

from django.db.models import Sum
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from entente.accounts.models import User
from entente.cooperations.models import Partnership
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import Id, Slug, text
from entente.governance.decision_models import Decision
from entente.governance.meeting_models import Meeting
from entente.portfolio.models import Action
from entente.workshops.models import Workshop

from . import board_services
from .board_models import CARD_LENGTH, MAX_DOTS, Card, CardColumn, ConversionKind, LearningBoard
from .maturity_api import router
from .rules import get_board_for_user, get_card_for_user

TAG = "Réflexivité"


class BoardOut(Schema):
    id: int
    title: str
    description: str
    meeting_id: int | None
    dots_per_person: int
    is_open: bool
    created_at: datetime.datetime


class BoardIn(Schema):
    title: text(200, 1)
    description: text(2000) = ""
    meeting_id: Id | None = None
    dots_per_person: int = Field(5, ge=1, le=MAX_DOTS)


class ConversionOut(Schema):
    kind: ConversionKind
    followup_id: int | None
    idea_id: int | None
    agenda_item_id: int | None
    created_at: datetime.datetime


class CardOut(Schema):
    id: int
    column: CardColumn
    text: str
    group: str
    author: str
    dots: int
    meeting_id: int | None
    action_id: int | None
    decision_id: int | None
    conversions: list[ConversionOut]


class BoardDetailOut(BoardOut):
    cards: list[CardOut]


class CardIn(Schema):
    column: CardColumn
    text: text(CARD_LENGTH, 1)
    meeting_id: Id | None = None
    action_id: Id | None = None
    decision_id: Id | None = None


class DotsOut(Schema):
    card_id: int
    dots_left: int


class ConversionIn(Schema):
    kind: ConversionKind
    title: text(255) = ""
    decision_id: Id | None = Field(None, description="suite à donner : la décision dont elle découle")
    due_on: datetime.date | None = Field(None, description="suite à donner : échéance")
    owner_id: Id | None = Field(None, description="suite à donner : personne responsable (membre)")
    owner_partner_id: Id | None = Field(None, description="suite à donner : partenaire responsable")
    workshop_id: Id | None = Field(None, description="piste : l'atelier en foisonnement qui la reçoit")
    meeting_id: Id | None = Field(None, description="point d'ordre du jour : la réunion prévue")


def _one(queryset, pk, what: str):
    """An object of the cooperation named by the payload, or a French 422."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise HttpError(422, f"{what} introuvable dans cette coopération.")
    return found


def _links(cooperation, payload) -> dict:
    return {
        "meeting": _one(Meeting.objects.filter(body__cooperation=cooperation), payload.meeting_id, "Réunion"),
        "action": _one(Action.objects.filter(cooperation=cooperation), payload.action_id, "Action"),
        "decision": _one(Decision.objects.filter(cooperation=cooperation), payload.decision_id, "Décision"),
    }


def _board_out(board) -> dict:
    fields = ("id", "title", "description", "meeting_id", "dots_per_person", "is_open", "created_at")
    return {name: getattr(board, name) for name in fields}


def _card_out(card) -> dict:
    return {
        "id": card.pk,
        "column": card.column,
        "text": card.text,
        "group": card.group.title if card.group else "",
        "author": card.author.public_name if card.author else "",
        "dots": card.dot_total or 0,
        "meeting_id": card.meeting_id,
        "action_id": card.action_id,
        "decision_id": card.decision_id,
        "conversions": list(card.conversions.all()),
    }


@router.get(
    "/cooperations/{slug}/learning-boards",
    response={200: list[BoardOut], **errors(403)},
    summary="Tableaux d'apprentissage d'une coopération",
    tags=[TAG],
)
@paginate(Pagination)
def list_boards(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view_boards")
    return LearningBoard.objects.filter(cooperation=cooperation)


@router.post(
    "/cooperations/{slug}/learning-boards",
    response={201: BoardOut, **errors(400)},
    summary="Ouvrir un tableau d'apprentissage",
    tags=[TAG],
)
def create_board(request, slug: Slug, payload: BoardIn):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_run_boards")
    meeting = _one(Meeting.objects.filter(body__cooperation=cooperation), payload.meeting_id, "Réunion")
    return 201, board_services.create_board(
        cooperation=cooperation,
        user=request.user,
        title=payload.title,
        description=payload.description,
        meeting=meeting,
        dots_per_person=payload.dots_per_person,
    )


@router.get(
    "/cooperations/{slug}/learning-boards/{board_id}",
    response={200: BoardDetailOut, **errors(403)},
    summary="Un tableau et ses cartes (colonne, regroupement, gommettes, liens, transformations)",
    tags=[TAG],
)
def get_board(request, slug: Slug, board_id: Id):
    board = get_board_for_user(request.user, slug, board_id)
    cards = (
        Card.objects.filter(board=board)
        .select_related("group", "author")
        .prefetch_related("conversions")
        .annotate(dot_total=Sum("dots__count"))
        .order_by("column", "pk")
    )
    return {**_board_out(board), "cards": [_card_out(card) for card in cards]}


@router.post(
    "/cooperations/{slug}/learning-boards/{board_id}/cards",
    response={201: CardOut, **errors(400)},
    summary="Écrire une carte",
    tags=[TAG],
)
def add_card(request, slug: Slug, board_id: Id, payload: CardIn):
    board = get_board_for_user(request.user, slug, board_id, "write")
    card = board_services.add_card(
        board=board, user=request.user, column=payload.column, text=payload.text, **_links(board.cooperation, payload)
    )
    card.dot_total = 0
    return 201, _card_out(card)


@router.post(
    "/cooperations/{slug}/learning-boards/{board_id}/cards/{card_id}/dots",
    response={200: DotsOut, **errors(400)},
    summary="Poser une gommette sur une carte",
    tags=[TAG],
)
def add_dot(request, slug: Slug, board_id: Id, card_id: Id):
    card = get_card_for_user(request.user, slug, board_id, card_id, "vote")
    return {"card_id": card.pk, "dots_left": board_services.add_dot(card, user=request.user)}


@router.delete(
    "/cooperations/{slug}/learning-boards/{board_id}/cards/{card_id}/dots",
    response={200: DotsOut, **errors(400)},
    summary="Retirer une de ses gommettes d'une carte",
    tags=[TAG],
)
def remove_dot(request, slug: Slug, board_id: Id, card_id: Id):
    card = get_card_for_user(request.user, slug, board_id, card_id, "vote")
    return {"card_id": card.pk, "dots_left": board_services.remove_dot(card, user=request.user)}


def _convert(card, user, payload):
    cooperation = card.board.cooperation
    if payload.kind == ConversionKind.FOLLOWUP:
        return board_services.convert_to_followup(
            card,
            user=user,
            title=payload.title,
            due_on=payload.due_on,
            decision=_one(Decision.objects.filter(cooperation=cooperation), payload.decision_id, "Décision"),
            owner=_one(User.objects.filter(memberships__cooperation=cooperation), payload.owner_id, "Personne"),
            owner_partner=_one(
                Partnership.objects.filter(cooperation=cooperation), payload.owner_partner_id, "Partenaire"
            ),
        )
    if payload.kind == ConversionKind.IDEA:
        workshop = _one(Workshop.objects.filter(cooperation=cooperation), payload.workshop_id, "Atelier")
        if workshop is None:
            raise HttpError(422, "Indiquez l'atelier qui reçoit la piste (workshop_id).")
        return board_services.convert_to_idea(card, user=user, workshop=workshop, title=payload.title)
    meeting = _one(Meeting.objects.filter(body__cooperation=cooperation), payload.meeting_id, "Réunion")
    if meeting is None:
        raise HttpError(422, "Indiquez la réunion prévue (meeting_id).")
    return board_services.convert_to_agenda_item(card, user=user, meeting=meeting, title=payload.title)


@router.post(
    "/cooperations/{slug}/learning-boards/{board_id}/cards/{card_id}/conversions",
    response={201: ConversionOut, **errors(400)},
    summary="Transformer une carte en suite à donner, piste ou point d'ordre du jour",
    description="Une seule transformation de chaque genre par carte : la seconde est refusée (400), même "
    "envoyée au même instant.",
    tags=[TAG],
)
def convert_card(request, slug: Slug, board_id: Id, card_id: Id, payload: ConversionIn):
    card = get_card_for_user(request.user, slug, board_id, card_id, "convert")
    if payload.kind == ConversionKind.FOLLOWUP and payload.due_on is None:
        raise HttpError(422, "Indiquez l'échéance de la suite à donner (due_on).")
    return 201, _convert(card, request.user, payload)
