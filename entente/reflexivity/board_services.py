"""Every change to a learning board: atomic, validated, historised (simple_history on each model)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from entente.governance.decision_models import Decision
from entente.governance.meeting_models import ItemKind, Meeting, MeetingStatus
from entente.portfolio.models import Action
from entente.workshops.models import Workshop

from .board_models import (
    CARD_LENGTH,
    Card,
    CardColumn,
    CardConversion,
    CardGroup,
    ConversionKind,
    DotVote,
    LearningBoard,
)

ALREADY_CONVERTED = {
    ConversionKind.FOLLOWUP: "Cette carte a déjà été transformée en suite à donner.",
    ConversionKind.IDEA: "Cette carte a déjà été transformée en piste d'atelier.",
    ConversionKind.AGENDA_ITEM: "Cette carte a déjà été inscrite à l'ordre du jour d'une réunion.",
}


def _meeting_of(cooperation, meeting):
    if meeting is not None and meeting.body.cooperation_id != cooperation.pk:
        raise ValidationError("Cette réunion n'appartient pas à la coopération.")
    return meeting


def _check_links(cooperation, *, meeting=None, action=None, decision=None) -> None:
    _meeting_of(cooperation, meeting)
    if action is not None and action.cooperation_id != cooperation.pk:
        raise ValidationError("Cette action n'appartient pas à la coopération.")
    if decision is not None and decision.cooperation_id != cooperation.pk:
        raise ValidationError("Cette décision n'appartient pas à la coopération.")


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError("Écrivez le contenu de la carte.")
    if len(text) > CARD_LENGTH:
        raise ValidationError(f"Une carte tient en {CARD_LENGTH} caractères au plus.")
    return text


@transaction.atomic
def create_board(
    *, cooperation, user, title: str, description: str = "", meeting: Meeting | None = None, dots_per_person: int = 5
) -> LearningBoard:
    if not (title or "").strip():
        raise ValidationError("Donnez un intitulé au tableau.")
    _meeting_of(cooperation, meeting)
    return LearningBoard.objects.create(
        cooperation=cooperation,
        title=title.strip(),
        description=description.strip(),
        meeting=meeting,
        dots_per_person=dots_per_person,
        created_by=user,
    )


@transaction.atomic
def update_board(
    board: LearningBoard,
    *,
    title: str,
    description: str = "",
    meeting: Meeting | None = None,
    dots_per_person: int = 5,
    is_open: bool = True,
) -> LearningBoard:
    if not (title or "").strip():
        raise ValidationError("Donnez un intitulé au tableau.")
    _meeting_of(board.cooperation, meeting)
    used = (
        DotVote.objects.filter(card__board=board)
        .values("voter")
        .annotate(total=Sum("count"))
        .order_by("-total")
        .values_list("total", flat=True)
        .first()
        or 0
    )
    if dots_per_person < used:
        raise ValidationError(
            f"Quelqu'un a déjà posé {used} gommettes : le nombre par personne ne peut pas descendre en dessous."
        )
    board.title, board.description, board.meeting = title.strip(), description.strip(), meeting
    board.dots_per_person, board.is_open = dots_per_person, is_open
    board.save()
    return board


@transaction.atomic
def add_card(*, board: LearningBoard, user, column: str, text: str, meeting=None, action=None, decision=None) -> Card:
    if not board.is_open:
        raise ValidationError("Ce tableau est clos : il ne reçoit plus de cartes.")
    if column not in CardColumn.values:
        raise ValidationError("Choisissez une des quatre colonnes du tableau.")
    _check_links(board.cooperation, meeting=meeting, action=action, decision=decision)
    return Card.objects.create(
        board=board,
        column=column,
        text=_clean_text(text),
        author=user,
        meeting=meeting,
        action=action,
        decision=decision,
    )


@transaction.atomic
def edit_card(card: Card, *, text: str, meeting=None, action=None, decision=None) -> Card:
    _check_links(card.board.cooperation, meeting=meeting, action=action, decision=decision)
    card.text, card.meeting, card.action, card.decision = _clean_text(text), meeting, action, decision
    card.save()
    return card


@transaction.atomic
def move_card(card: Card, *, column: str, group: CardGroup | None = None) -> Card:
    if column not in CardColumn.values:
        raise ValidationError("Choisissez une des quatre colonnes du tableau.")
    if group is not None and (group.board_id != card.board_id or group.column != column):
        raise ValidationError("Ce regroupement n'est pas dans cette colonne du tableau.")
    card = Card.objects.select_for_update().get(pk=card.pk)
    card.column, card.group = column, group
    card.save(update_fields=["column", "group", "updated_at"])
    return card


@transaction.atomic
def delete_card(card: Card) -> None:
    if card.conversions.exists():
        raise ValidationError("Cette carte a été transformée : elle reste au tableau pour garder le lien.")
    card.delete()


@transaction.atomic
def create_group(*, board: LearningBoard, column: str, title: str) -> CardGroup:
    title = (title or "").strip()
    if not title:
        raise ValidationError("Donnez un intitulé au regroupement.")
    if column not in CardColumn.values:
        raise ValidationError("Choisissez une des quatre colonnes du tableau.")
    if CardGroup.objects.filter(board=board, column=column, title=title).exists():
        raise ValidationError("Un regroupement de cette colonne porte déjà cet intitulé.")
    return CardGroup.objects.create(board=board, column=column, title=title)


@transaction.atomic
def add_dot(card: Card, *, user) -> int:
    """One more dot on the card; returns the dots the person has left on the board.

    The board row is locked so that two tabs cannot both spend the last dot."""
    board = LearningBoard.objects.select_for_update().get(pk=card.board_id)
    if not board.is_open:
        raise ValidationError("Ce tableau est clos : les gommettes ne changent plus.")
    used = DotVote.objects.filter(card__board=board, voter=user).aggregate(total=Sum("count"))["total"] or 0
    if used >= board.dots_per_person:
        raise ValidationError(f"Vous avez déjà posé vos {board.dots_per_person} gommettes sur ce tableau.")
    updated = DotVote.objects.filter(card=card, voter=user).update(count=F("count") + 1)
    if not updated:
        DotVote.objects.create(card=card, voter=user, count=1)
    return board.dots_per_person - used - 1


@transaction.atomic
def remove_dot(card: Card, *, user) -> int:
    board = LearningBoard.objects.select_for_update().get(pk=card.board_id)
    if not board.is_open:
        raise ValidationError("Ce tableau est clos : les gommettes ne changent plus.")
    vote = DotVote.objects.filter(card=card, voter=user).first()
    if vote is None:
        raise ValidationError("Vous n'avez pas posé de gommette sur cette carte.")
    if vote.count > 1:
        DotVote.objects.filter(pk=vote.pk).update(count=F("count") - 1)
    else:
        vote.delete()
    used = DotVote.objects.filter(card__board=board, voter=user).aggregate(total=Sum("count"))["total"] or 0
    return board.dots_per_person - used


def provenance(card: Card) -> str:
    """The sentence a converted card leaves in the lower app, which cannot link back to it."""
    return f"Issu du tableau d'apprentissage « {card.board.title} » ({card.get_column_display().lower()})."


@transaction.atomic
def _convert(card: Card, *, kind: str, user, make) -> CardConversion:
    """Lock the card, refuse a second conversion of the same kind, create the target and the link.

    The lock serialises two tabs on PostgreSQL; the unique constraint on (card, kind) is the last
    word everywhere: a conversion that loses the race is rolled back whole, its target included."""
    card = Card.objects.select_for_update().select_related("board__cooperation").get(pk=card.pk)
    if CardConversion.objects.filter(card=card, kind=kind).exists():
        raise ValidationError(ALREADY_CONVERTED[kind])
    field, target = make(card)
    try:
        with transaction.atomic():
            return CardConversion.objects.create(card=card, kind=kind, created_by=user, **{field: target})
    except IntegrityError:
        raise ValidationError(ALREADY_CONVERTED[kind]) from None


def convert_to_followup(
    card: Card,
    *,
    user,
    due_on: datetime.date,
    decision: Decision | None = None,
    title="",
    owner=None,
    owner_partner=None,
) -> CardConversion:
    from entente.governance.decision_services import add_followup

    decision = decision or card.decision
    if decision is None:
        raise ValidationError("Une suite à donner découle d'une décision : liez la carte à une décision.")
    _check_links(card.board.cooperation, decision=decision)

    def make(locked):
        return "followup", add_followup(
            decision=decision, title=title or locked.text[:300], due_on=due_on, owner=owner, owner_partner=owner_partner
        )

    return _convert(card, kind=ConversionKind.FOLLOWUP, user=user, make=make)


def convert_to_idea(card: Card, *, user, workshop: Workshop, title="") -> CardConversion:
    from entente.workshops.idea_services import propose_idea

    if workshop.cooperation_id != card.board.cooperation_id:
        raise ValidationError("Cet atelier n'appartient pas à la coopération.")

    def make(locked):
        try:
            idea = propose_idea(
                workshop=workshop,
                participant=None,
                title=(title or locked.text)[:255],
                description=f"{locked.text}\n\n{provenance(locked)}",
                origin_label=f"Tableau d'apprentissage « {locked.board.title} »"[:255],
            )
        except PermissionDenied as error:
            raise ValidationError(str(error)) from None
        return "idea", idea

    return _convert(card, kind=ConversionKind.IDEA, user=user, make=make)


def convert_to_agenda_item(card: Card, *, user, meeting: Meeting, title="") -> CardConversion:
    from entente.governance.agenda_services import add_agenda_item

    _meeting_of(card.board.cooperation, meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError("On n'inscrit un point qu'à l'ordre du jour d'une réunion prévue.")

    def make(locked):
        return "agenda_item", add_agenda_item(
            meeting=meeting,
            title=(title or locked.text)[:300],
            kind=ItemKind.DEBATE,
            description=f"{locked.text}\n\n{provenance(locked)}",
        )

    return _convert(card, kind=ConversionKind.AGENDA_ITEM, user=user, make=make)


def upcoming_meetings(cooperation, now=None):
    """Meetings still to come, the next one first: where a card can be put on the agenda."""
    return (
        Meeting.objects.filter(
            body__cooperation=cooperation, status=MeetingStatus.PLANNED, starts_at__gte=now or timezone.now()
        )
        .select_related("body")
        .order_by("starts_at", "pk")
    )


def linkable(cooperation) -> dict:
    """What a card can be linked to in its cooperation (for the forms)."""
    return {
        "meetings": Meeting.objects.filter(body__cooperation=cooperation).select_related("body").order_by("-starts_at"),
        "actions": Action.objects.filter(cooperation=cooperation).order_by("title"),
        "decisions": Decision.objects.filter(cooperation=cooperation).order_by("-decided_on", "-number"),
    }
