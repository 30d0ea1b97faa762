"""Reflexivity verbs, added to the cooperation's table of abilities, and the access helpers of its objects.

The collective looks at itself: its members read the results (never the public), its
coordinators open maturity campaigns and facilitate mirror sessions, those who take part in its
work answer. Operators support every cooperation but are no member of its collective: they do not answer.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from entente.cooperations.rules import (
    CONTRIBUTOR,
    COORDINATOR,
    MEMBER,
    OBSERVER,
    actor_for,
    any_of,
    check,
    get_abilities,
    has_role,
    is_operator,
    is_public,
    register_ability,
)

MEMBER_ROLES = (COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER)

REFLEXIVITY_ABILITIES: dict = {
    # Learning boards are the collective's own words: read by its members, written by those who
    # contribute, run (groups, closing, conversions) by coordinators and members.
    "reflexivity_view_boards": any_of(has_role(*MEMBER_ROLES), is_operator),
    "reflexivity_write_cards": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR), is_operator),
    "reflexivity_run_boards": any_of(has_role(COORDINATOR, MEMBER), is_operator),
    # "Vis ma vie" exchanges name two people: the cooperation's members only.
    "reflexivity_view_exchanges": any_of(has_role(*MEMBER_ROLES), is_operator),
    "reflexivity_record_exchanges": any_of(has_role(COORDINATOR, MEMBER), is_operator),
    # The actor network: organizations for whoever sees the cooperation, people for its members.
    "reflexivity_view_network": any_of(is_public, has_role(*MEMBER_ROLES), is_operator),
    "reflexivity_view_network_people": any_of(has_role(*MEMBER_ROLES), is_operator),
    # Maturity campaigns and mirror sessions: read by the members, opened and facilitated by the
    # coordinators, answered by those who take part in the collective's work.
    "reflexivity_view": any_of(has_role(*MEMBER_ROLES), is_operator),
    "reflexivity_manage": any_of(has_role(COORDINATOR), is_operator),
    "reflexivity_answer": has_role(COORDINATOR, MEMBER, CONTRIBUTOR),
}


def register() -> None:
    from entente.cooperations.rules import ABILITIES

    for name, predicate in REFLEXIVITY_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)


def _require(user, ability: str, cooperation, allowed: bool) -> None:
    """404 when the cooperation's part is invisible, 403 when seen but this object may not change."""
    check(user, ability, cooperation)
    if not allowed:
        raise PermissionDenied("Vous n'avez pas le droit de modifier cet élément.")


# Learning boards ---------------------------------------------------------------------------------


def board_abilities(user, board, cooperation_abilities: dict | None = None) -> dict[str, bool]:
    granted = cooperation_abilities or get_abilities(user, board.cooperation)
    run = granted["reflexivity_run_boards"]
    write = granted["reflexivity_write_cards"] and board.is_open
    return {
        "view": granted["reflexivity_view_boards"],
        "run": run,
        "edit": run,
        "write": write,
        "vote": write,
        "convert": run,
        "delete": granted["edit"],
    }


def card_abilities(user, card, board_rights: dict) -> dict[str, bool]:
    own = user.is_authenticated and card.author_id == user.pk
    return {
        "view": board_rights["view"],
        "edit": board_rights["run"] or (own and board_rights["write"]),
        "delete": board_rights["run"] or (own and board_rights["write"]),
        "vote": board_rights["vote"],
        "move": board_rights["run"],
        "convert": board_rights["convert"],
    }


def cards_abilities(user, cards, board_rights: dict) -> dict[int, dict[str, bool]]:
    """Every card's abilities from the board's, with no query per card."""
    return {card.pk: card_abilities(user, card, board_rights) for card in cards}


def get_board_for_user(user, slug: str, pk: int, ability: str = "view"):
    from .board_models import LearningBoard

    board = LearningBoard.objects.select_related("cooperation", "meeting").filter(pk=pk, cooperation__slug=slug).first()
    if board is None:
        raise Http404("Tableau introuvable.")
    check(user, "reflexivity_view_boards", board.cooperation)
    rights = board_abilities(user, board)
    if not rights.get(ability):
        if ability in ("write", "vote") and not board.is_open:
            raise PermissionDenied("Ce tableau est clos : il ne reçoit plus de cartes ni de gommettes.")
        raise PermissionDenied("Vous n'avez pas le droit d'effectuer cette action sur ce tableau.")
    board.abilities = rights
    return board


def get_card_for_user(user, slug: str, board_pk: int, pk: int, ability: str = "view"):
    from .board_models import Card

    card = (
        Card.objects.select_related("board__cooperation", "group")
        .filter(pk=pk, board_id=board_pk, board__cooperation__slug=slug)
        .first()
    )
    if card is None:
        raise Http404("Carte introuvable.")
    check(user, "reflexivity_view_boards", card.board.cooperation)
    card.board.abilities = board_abilities(user, card.board)
    card.abilities = card_abilities(user, card, card.board.abilities)
    if not card.abilities.get(ability):
        if not card.board.is_open and ability in ("edit", "delete", "vote"):
            raise PermissionDenied("Ce tableau est clos : ses cartes ne changent plus.")
        raise PermissionDenied("Vous n'avez pas le droit d'effectuer cette action sur cette carte.")
    return card


# "Vis ma vie" exchanges ---------------------------------------------------------------------------


def exchange_abilities(user, exchange, cooperation_abilities: dict | None = None) -> dict[str, bool]:
    granted = cooperation_abilities or get_abilities(user, exchange.cooperation)
    involved = user.is_authenticated and user.pk in (exchange.host_id, exchange.visitor_id, exchange.created_by_id)
    change = granted["edit"] or (granted["reflexivity_record_exchanges"] and involved)
    return {"view": granted["reflexivity_view_exchanges"], "edit": change, "delete": change}


def exchanges_abilities(user, exchanges, cooperation_abilities: dict) -> dict[int, dict[str, bool]]:
    return {exchange.pk: exchange_abilities(user, exchange, cooperation_abilities) for exchange in exchanges}


def get_exchange_for_user(user, slug: str, pk: int, ability: str = "view"):
    from .exchange_models import Exchange

    exchange = (
        Exchange.objects.select_related("cooperation", "host", "visitor").filter(pk=pk, cooperation__slug=slug).first()
    )
    if exchange is None:
        raise Http404("Échange introuvable.")
    check(user, "reflexivity_view_exchanges", exchange.cooperation)
    exchange.abilities = exchange_abilities(user, exchange)
    _require(user, "reflexivity_view_exchanges", exchange.cooperation, exchange.abilities.get(ability, False))
    return exchange


# --- maturity campaigns --------------------------------------------------------------------------

CAMPAIGN_ABILITY = {"view": "reflexivity_view", "answer": "reflexivity_answer", "manage": "reflexivity_manage"}


def campaign_abilities(user, campaign) -> dict[str, bool]:
    actor = actor_for(user, campaign.cooperation)
    return _campaign_abilities(actor, campaign)


def _campaign_abilities(actor, campaign) -> dict[str, bool]:
    view = REFLEXIVITY_ABILITIES["reflexivity_view"](actor)
    manage = REFLEXIVITY_ABILITIES["reflexivity_manage"](actor)
    return {
        "view": view,
        "answer": REFLEXIVITY_ABILITIES["reflexivity_answer"](actor) and campaign.is_open,
        "edit": manage,
        "close": manage and campaign.is_open,
        "reopen": manage and not campaign.is_open,
        "export": view,
    }


def campaigns_abilities(user, cooperation, campaigns) -> dict[int, dict[str, bool]]:
    """Bulk form: one actor (its role is cached on the user), no query per campaign."""
    actor = actor_for(user, cooperation)
    return {campaign.pk: _campaign_abilities(actor, campaign) for campaign in campaigns}


def get_campaign_for_user(user, slug: str, pk: int, ability: str = "view"):
    from .maturity_models import MaturityCampaign

    campaign = MaturityCampaign.objects.select_related("cooperation").filter(cooperation__slug=slug, pk=pk).first()
    if campaign is None:
        # Same answer for an unknown campaign and one of a cooperation the user cannot see.
        from entente.cooperations.rules import get_cooperation_for_user

        get_cooperation_for_user(user, slug, "reflexivity_view")
        raise Http404("Campagne introuvable.")
    check(user, "reflexivity_view", campaign.cooperation)
    check(user, CAMPAIGN_ABILITY[ability], campaign.cooperation)
    return campaign


# --- mirror sessions -----------------------------------------------------------------------------


def mirror_abilities(user, session) -> dict[str, bool]:
    actor = actor_for(user, session.cooperation)
    view = REFLEXIVITY_ABILITIES["reflexivity_view"](actor)
    manage = REFLEXIVITY_ABILITIES["reflexivity_manage"](actor)
    return {
        "view": view,
        "answer": view and session.accepts_answers,
        "facilitate": manage,
        "edit_questions": manage,
    }


def get_mirror_for_user(user, slug: str, pk: int, ability: str = "view"):
    from .mirror_models import MirrorSession

    session = (
        MirrorSession.objects.select_related("cooperation", "meeting__body")
        .filter(cooperation__slug=slug, pk=pk)
        .first()
    )
    if session is None:
        from entente.cooperations.rules import get_cooperation_for_user

        get_cooperation_for_user(user, slug, "reflexivity_view")
        raise Http404("Temps miroir introuvable.")
    check(user, "reflexivity_view", session.cooperation)
    if ability == "facilitate":
        check(user, "reflexivity_manage", session.cooperation)
    elif ability != "view":
        raise PermissionDenied("Action inconnue.")
    return session


# One entry point for every reflexivity object ------------------------------------------------------


def abilities(user, obj) -> dict[str, bool]:
    """What `user` may do with one object of this app, in bare verbs (view, edit, delete, vote, convert…)."""
    from .board_models import Card, LearningBoard
    from .exchange_models import Exchange
    from .maturity_models import MaturityCampaign
    from .mirror_models import MirrorSession

    if isinstance(obj, LearningBoard):
        return board_abilities(user, obj)
    if isinstance(obj, Card):
        return card_abilities(user, obj, board_abilities(user, obj.board))
    if isinstance(obj, Exchange):
        return exchange_abilities(user, obj)
    if isinstance(obj, MaturityCampaign):
        return campaign_abilities(user, obj)
    if isinstance(obj, MirrorSession):
        return mirror_abilities(user, obj)
    raise TypeError(f"Pas de droits déclarés pour {type(obj).__name__}")


def abilities_for_many(user, objects, cooperation_abilities: dict) -> dict[int, dict[str, bool]]:
    """Boards or exchanges of one cooperation, from its abilities already computed: no query per object."""
    from .board_models import LearningBoard

    return {
        obj.pk: board_abilities(user, obj, cooperation_abilities)
        if isinstance(obj, LearningBoard)
        else exchange_abilities(user, obj, cooperation_abilities)
        for obj in objects
    }
