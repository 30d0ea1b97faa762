"""Pages of learning boards: the list, one board live for the room, cards, dots, groups, conversions, exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Prefetch, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user

from . import board_exports, board_services
from .board_forms import (
    AgendaConversionForm,
    BoardForm,
    CardForm,
    FollowUpConversionForm,
    GroupForm,
    IdeaConversionForm,
    MoveForm,
)
from .board_models import COLUMN_HINTS, Card, CardColumn, CardConversion, ConversionKind, DotVote, LearningBoard
from .rules import cards_abilities, get_board_for_user, get_card_for_user

BOARDS = "Tableaux d'apprentissage"


def _crumbs(cooperation, *trail):
    return [(BOARDS, reverse("reflexivity:boards", args=[cooperation.slug])), *trail]


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def board_list(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view_boards")
    boards = (
        LearningBoard.objects.filter(cooperation=cooperation)
        .select_related("meeting__body")
        .annotate(card_count=Count("cards", distinct=True))
    )
    context = space_context(request, cooperation, page_title=BOARDS, boards=boards)
    return render(request, "reflexivity/board_list.html", context)


@login_required
def board_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_run_boards")
    form = BoardForm(request.POST or None, cooperation=cooperation)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("title", "description", "meeting", "dots_per_person")}
        try:
            board = board_services.create_board(cooperation=cooperation, user=request.user, **data)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, "Le tableau est ouvert : chacun peut y écrire ses cartes.")
            return redirect(board)
    context = space_context(
        request,
        cooperation,
        page_title="Nouveau tableau",
        crumbs=_crumbs(cooperation, ("Nouveau tableau", None)),
        form=form,
    )
    return render(request, "reflexivity/board_form.html", context)


@login_required
def board_edit(request, slug, pk):
    board = get_board_for_user(request.user, slug, pk, "edit")
    initial = {
        "title": board.title,
        "description": board.description,
        "meeting": board.meeting,
        "dots_per_person": board.dots_per_person,
        "is_open": board.is_open,
    }
    form = BoardForm(request.POST or None, cooperation=board.cooperation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            board_services.update_board(board, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, "Tableau enregistré.")
            return redirect(board)
    context = space_context(
        request,
        board.cooperation,
        page_title="Modifier le tableau",
        form=form,
        board=board,
        crumbs=_crumbs(board.cooperation, (board.title, board.get_absolute_url()), ("Modifier", None)),
    )
    return render(request, "reflexivity/board_form.html", context)


def _columns(board, user) -> list[dict]:
    """The four columns with their groups and cards, dots summed: three queries whatever the size."""
    cards = list(
        Card.objects.filter(board=board)
        .select_related("author", "group", "meeting__body__cooperation", "action__cooperation", "decision__cooperation")
        .annotate(dot_total=Sum("dots__count"), my_dots=Sum("dots__count", filter=Q(dots__voter_id=user.pk or 0)))
        .prefetch_related(
            Prefetch(
                "conversions",
                queryset=CardConversion.objects.select_related(
                    "followup__decision__cooperation", "idea__workshop", "agenda_item__meeting__body__cooperation"
                ),
            )
        )
    )
    rights = cards_abilities(user, cards, board.abilities)
    columns = []
    for value, label in CardColumn.choices:
        mine = sorted((c for c in cards if c.column == value), key=lambda c: (-(c.dot_total or 0), c.pk))
        for card in mine:
            card.abilities = rights[card.pk]
        groups: dict = {}
        for card in mine:
            groups.setdefault(card.group, []).append(card)
        ordered = sorted(groups.items(), key=lambda item: (item[0] is None, item[0].title if item[0] else ""))
        columns.append(
            {
                "value": value,
                "label": label,
                "hint": COLUMN_HINTS[value],
                "count": len(mine),
                "groups": [{"group": group, "cards": group_cards} for group, group_cards in ordered],
            }
        )
    return columns


def board_version(board) -> str:
    """A fingerprint of what the room sees (cards, their edits and moves, dots, conversions, open or closed), in
    three aggregate queries: the live poll answers 204 while it does not change."""
    cards = Card.objects.filter(board=board).aggregate(n=Count("pk"), last=Max("updated_at"))
    dots = DotVote.objects.filter(card__board=board).aggregate(
        n=Sum("count"), mix=Sum(F("count") * F("card_id")), rows=Count("pk")
    )
    conversions = CardConversion.objects.filter(card__board=board).count()
    last = cards["last"].timestamp() if cards["last"] else 0
    parts = (cards["n"], last, dots["n"] or 0, dots["mix"] or 0, dots["rows"], conversions, int(board.is_open))
    return "-".join(str(part) for part in parts)


def _live_context(request, board) -> dict:
    used = 0
    if request.user.is_authenticated:
        used = DotVote.objects.filter(card__board=board, voter=request.user).aggregate(t=Sum("count"))["t"] or 0
    return {
        "board": board,
        "columns": _columns(board, request.user),
        "dots_left": board.dots_per_person - used,
        "cooperation": board.cooperation,
        "version": board_version(board),
    }


def board_detail(request, slug, pk):
    board = get_board_for_user(request.user, slug, pk)
    live = _live_context(request, board)
    del live["cooperation"]  # space_context gives it
    context = space_context(
        request,
        board.cooperation,
        page_title=board.title,
        crumbs=_crumbs(board.cooperation, (board.title, None)),
        card_form=CardForm(cooperation=board.cooperation),
        group_form=GroupForm(),
        **live,
    )
    return render(request, "reflexivity/board.html", context)


def board_live(request, slug, pk):
    """What the room's screens refresh every few seconds: the columns, the dots, who converted what."""
    board = get_board_for_user(request.user, slug, pk)
    if request.GET.get("v") == board_version(board):
        return HttpResponse(status=204)
    return render(request, "reflexivity/_board_live.html", _live_context(request, board))


def _back_to_board(request, board):
    if request.htmx:
        return render(request, "reflexivity/_board_live.html", _live_context(request, board))
    return redirect(board)


@require_POST
@login_required
def card_add(request, slug, pk):
    board = get_board_for_user(request.user, slug, pk, "write")
    form = CardForm(request.POST, cooperation=board.cooperation)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(board)
    try:
        board_services.add_card(board=board, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, "Carte ajoutée au tableau.")
    return redirect(f"{board.get_absolute_url()}#colonne-{form.cleaned_data['column']}")


@login_required
def card_edit(request, slug, pk, card_pk):
    card = get_card_for_user(request.user, slug, pk, card_pk, "edit")
    board = card.board
    initial = {
        "column": card.column,
        "text": card.text,
        "meeting": card.meeting_id,
        "action": card.action_id,
        "decision": card.decision_id,
    }
    form = CardForm(request.POST or None, cooperation=board.cooperation, initial=initial)
    move_form = MoveForm(initial={"column": card.column, "group": card.group_id}, board=board)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            board_services.edit_card(
                card, text=data["text"], meeting=data["meeting"], action=data["action"], decision=data["decision"]
            )
            if data["column"] != card.column:
                board_services.move_card(card, column=data["column"], group=None)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, "Carte enregistrée.")
            return redirect(board)
    context = space_context(
        request,
        board.cooperation,
        page_title="Modifier la carte",
        form=form,
        card=card,
        board=board,
        move_form=move_form,
        crumbs=_crumbs(board.cooperation, (board.title, board.get_absolute_url()), ("Modifier la carte", None)),
    )
    return render(request, "reflexivity/card_form.html", context)


@require_POST
@login_required
def card_delete(request, slug, pk, card_pk):
    card = get_card_for_user(request.user, slug, pk, card_pk, "delete")
    try:
        board_services.delete_card(card)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, "Carte retirée du tableau.")
    return redirect(card.board)


@require_POST
@login_required
def card_dot(request, slug, pk, card_pk):
    card = get_card_for_user(request.user, slug, pk, card_pk, "vote")
    change = board_services.remove_dot if request.POST.get("sens") == "retirer" else board_services.add_dot
    try:
        change(card, user=request.user)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(_errors(error), status=409)
        messages.error(request, _errors(error))
    return _back_to_board(request, card.board)


@require_POST
@login_required
def card_move(request, slug, pk, card_pk):
    card = get_card_for_user(request.user, slug, pk, card_pk, "move")
    form = MoveForm(request.POST, board=card.board)
    if form.is_valid():
        try:
            board_services.move_card(card, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, "Carte déplacée.")
    else:
        messages.error(request, "Choisissez une colonne et un regroupement de cette colonne.")
    return redirect(card.board)


@require_POST
@login_required
def group_add(request, slug, pk):
    board = get_board_for_user(request.user, slug, pk, "run")
    form = GroupForm(request.POST)
    if form.is_valid():
        try:
            board_services.create_group(board=board, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, "Regroupement créé : déplacez-y les cartes depuis « Modifier ».")
    else:
        messages.error(request, "Donnez un intitulé au regroupement et choisissez sa colonne.")
    return redirect(board)


CONVERSIONS = {
    "suite": (ConversionKind.FOLLOWUP, FollowUpConversionForm, "Transformer en suite à donner"),
    "piste": (ConversionKind.IDEA, IdeaConversionForm, "Transformer en piste d'atelier"),
    "ordre-du-jour": (ConversionKind.AGENDA_ITEM, AgendaConversionForm, "Inscrire à l'ordre du jour"),
}


def _convert(card, kind, user, data):
    if kind == ConversionKind.FOLLOWUP:
        return board_services.convert_to_followup(card, user=user, **data)
    if kind == ConversionKind.IDEA:
        return board_services.convert_to_idea(card, user=user, **data)
    return board_services.convert_to_agenda_item(card, user=user, **data)


@login_required
def card_convert(request, slug, pk, card_pk, target):
    if target not in CONVERSIONS:
        raise Http404("Transformation inconnue.")
    card = get_card_for_user(request.user, slug, pk, card_pk, "convert")
    kind, form_class, title = CONVERSIONS[target]
    cooperation = card.board.cooperation
    initial = {"title": card.text[:255], "decision": card.decision_id}
    if kind == ConversionKind.AGENDA_ITEM:
        initial["meeting"] = board_services.upcoming_meetings(cooperation).values_list("pk", flat=True).first()
    form = form_class(request.POST or None, cooperation=cooperation, initial=initial)
    done = card.conversions.filter(kind=kind).first()
    if request.method == "POST" and form.is_valid():
        try:
            _convert(card, kind, request.user, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, f"Carte transformée : {ConversionKind(kind).label.lower()} créée, lien gardé.")
            return redirect(card.board)
    context = space_context(
        request,
        cooperation,
        page_title=title,
        form=form,
        card=card,
        board=card.board,
        done=done,
        target=target,
        heading=title,
        crumbs=_crumbs(cooperation, (card.board.title, card.board.get_absolute_url()), (title, None)),
    )
    return render(request, "reflexivity/card_convert.html", context)


def board_export(request, slug, pk, fmt):
    board = get_board_for_user(request.user, slug, pk)
    name = f"tableau-{board.pk}"
    if fmt == "csv":
        response = HttpResponse(board_exports.board_csv(board), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            board_exports.board_xlsx(board),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404("Format inconnu.")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
