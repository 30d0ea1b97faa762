"""Who may do what with workshops. Roles give abilities; the workshop's phase gives verbs.

A participant who joined with a code has no role in the cooperation: their rights come from
their seat (Participant) in that one workshop, checked by `get_workshop_for_participant`.
"""

import contextlib

from django.core.exceptions import PermissionDenied
from django.http import Http404

from entente.cooperations.models import MemberRole
from entente.cooperations.rules import any_of, can, check, has_role, is_operator, is_public, register_ability

from .models import Idea, Participant, Workshop

ABILITIES = {
    # See the list and the description of workshops (public cooperations: everyone).
    "view_workshops": any_of(
        is_public,
        has_role(MemberRole.COORDINATOR, MemberRole.MEMBER, MemberRole.CONTRIBUTOR, MemberRole.OBSERVER),
        is_operator,
    ),
    # Take part: join with one's account, propose pistes, score.
    "take_part_in_workshops": any_of(
        has_role(MemberRole.COORDINATOR, MemberRole.MEMBER, MemberRole.CONTRIBUTOR),
        is_operator,
    ),
    # Read pistes and results (aggregates only).
    "see_workshop_results": any_of(
        has_role(MemberRole.COORDINATOR, MemberRole.MEMBER, MemberRole.OBSERVER),
        is_operator,
    ),
    # Create and run workshops: phases, join codes, merges, imports, arbitration.
    "run_workshops": any_of(has_role(MemberRole.COORDINATOR), is_operator),
}

PHASE_REFUSALS = {
    "join": "Les inscriptions sont closes : l'atelier est terminé.",
    "propose": "La phase de foisonnement est terminée : on ne peut plus proposer ni modifier de piste.",
    "edit_idea": "La phase de foisonnement est terminée : on ne peut plus proposer ni modifier de piste.",
    "score": "L'évaluation n'est pas ouverte dans la phase actuelle de l'atelier.",
    "merge": "Les fusions ne sont plus possibles une fois l'atelier clos.",
    "import": "L'import de pistes n'est possible que pendant le foisonnement.",
    "arbitrate": "L'arbitrage n'est possible qu'une fois l'atelier clos.",
}


def register():
    for name, predicate in ABILITIES.items():
        with contextlib.suppress(ValueError):  # ready() may run twice in tests
            register_ability(name, predicate)


def require_phase(workshop: Workshop, verb: str) -> None:
    if not workshop.allows(verb):
        raise PermissionDenied(PHASE_REFUSALS[verb])


def get_workshop_for_user(user, slug: str, pk: int, action: str = "view_workshops") -> Workshop:
    """404 for what the user may not see (or that is not in this cooperation), 403 if not allowed."""
    workshop = (
        Workshop.objects.select_related("cooperation", "grid", "host__organization", "facilitator")
        .filter(pk=pk, cooperation__slug=slug)
        .first()
    )
    if workshop is None:
        raise Http404("Atelier introuvable.")
    if action in FACILITATOR_ACTIONS and is_facilitator(user, workshop):
        return workshop
    check(user, action, workshop.cooperation)
    return workshop


# The person designated to facilitate a workshop runs it and watches its results, even without
# the coordinator's role (an agence d'urbanisme, a CNFPT consultant who is a member).
FACILITATOR_ACTIONS = ("run_workshops", "see_workshop_results")


def is_facilitator(user, workshop: Workshop) -> bool:
    return (
        user.is_authenticated
        and workshop.facilitator_id == user.pk
        and can(user, "take_part_in_workshops", workshop.cooperation)
    )


def workshop_abilities(user, workshop: Workshop, abilities: dict) -> dict:
    if is_facilitator(user, workshop):
        return {**abilities, **dict.fromkeys(FACILITATOR_ACTIONS, True)}
    return abilities


def session_participant(session, workshop: Workshop) -> Participant | None:
    token = (session.get("workshop_seats") or {}).get(str(workshop.pk)) if session is not None else None
    return participant_from_token(token, workshop) if token else None


def _had_a_seat(session, workshop: Workshop) -> bool:
    token = (session.get("workshop_seats") or {}).get(str(workshop.pk))
    return bool(token) and Participant.objects.filter(token=token, workshop=workshop).exists()


def participant_from_token(token: str, workshop: Workshop) -> Participant | None:
    return (
        Participant.objects.select_related("organization")
        .filter(token=token, workshop=workshop, revoked_at__isnull=True)
        .first()
    )


def get_workshop_for_participant(request, slug: str, pk: int, token: str | None = None, use_session: bool = True):
    """A workshop and the caller's seat in it: a joined code, or a member's own account.

    Code holders need no account; members who may take part get a seat on first visit.
    Everyone else gets what `get_workshop_for_user` would answer (404 or 403).
    """
    from .services import seat_for_user

    if token:  # one query: the seat, its workshop and its cooperation (the live scoring path)
        participant = (
            Participant.objects.select_related("workshop__cooperation")
            .filter(token=token, workshop_id=pk, workshop__cooperation__slug=slug, revoked_at__isnull=True)
            .first()
        )
        if participant is None:
            raise Http404("Participation inconnue ou révoquée.")
        return participant.workshop, participant
    workshop = Workshop.objects.select_related("cooperation", "grid").filter(pk=pk, cooperation__slug=slug).first()
    if workshop is None:
        raise Http404("Atelier introuvable.")
    # The API never trusts the session alone for a code holder: no CSRF check protects it.
    participant = session_participant(request.session, workshop) if use_session else None
    if participant is not None:
        return workshop, participant
    if use_session and not request.user.is_authenticated and _had_a_seat(request.session, workshop):
        # They held a seat in this very workshop: say why they are out rather than « introuvable ».
        raise PermissionDenied("Votre participation à cet atelier a été révoquée par l'animation.")
    check(request.user, "take_part_in_workshops", workshop.cooperation)
    revoked = Participant.objects.filter(workshop=workshop, user=request.user, revoked_at__isnull=False).exists()
    if revoked:
        raise PermissionDenied("Votre participation à cet atelier a été révoquée par l'animation.")
    return workshop, seat_for_user(workshop, request.user)


def can_edit_idea(user, participant: Participant | None, idea: Idea) -> bool:
    if can(user, "run_workshops", idea.workshop.cooperation) or is_facilitator(user, idea.workshop):
        return True
    return participant is not None and idea.authors.filter(pk=participant.pk).exists()
