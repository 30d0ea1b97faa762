"""Who may do what with workshops. Roles give abilities; the workshop's phase gives verbs.

A participant who joined with a code has no role in the cooperation: their rights come from
their seat (Participant) in that one workshop, found by `get_seat_for_user`.
"""

import contextlib

from django.core.exceptions import PermissionDenied
from django.http import Http404

from entente.cooperations.models import MemberRole
from entente.cooperations.rules import (
    any_of,
    can,
    check,
    get_abilities,
    has_role,
    is_operator,
    is_public,
    register_ability,
)

from .models import Idea, Participant, Workshop
from .participation_selectors import organization_of_member

ABILITIES = {
    # See the list and the description of workshops (public cooperations: everyone).
    "workshops_view": any_of(
        is_public,
        has_role(MemberRole.COORDINATOR, MemberRole.MEMBER, MemberRole.CONTRIBUTOR, MemberRole.OBSERVER),
        is_operator,
    ),
    # Take part: join with one's account, propose pistes, score.
    "workshops_take_part": any_of(
        has_role(MemberRole.COORDINATOR, MemberRole.MEMBER, MemberRole.CONTRIBUTOR),
        is_operator,
    ),
    # Read pistes and results (aggregates only).
    "workshops_see_results": any_of(
        has_role(MemberRole.COORDINATOR, MemberRole.MEMBER, MemberRole.OBSERVER),
        is_operator,
    ),
    # Create and run workshops: phases, join codes, merges, imports, arbitration.
    "workshops_run": any_of(has_role(MemberRole.COORDINATOR), is_operator),
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


def get_workshop_for_user(user, slug: str, pk: int, ability: str = "workshops_view") -> Workshop:
    """404 for what the user may not see (or that is not in this cooperation), 403 if not allowed."""
    workshop = (
        Workshop.objects.select_related("cooperation", "grid", "host__organization", "facilitator")
        .filter(pk=pk, cooperation__slug=slug)
        .first()
    )
    if workshop is None:
        raise Http404("Atelier introuvable.")
    if ability in FACILITATOR_ABILITIES and is_facilitator(user, workshop):
        return workshop
    check(user, ability, workshop.cooperation)
    return workshop


# The person designated to facilitate a workshop runs it and watches its results, even without
# the coordinator's role (an agence d'urbanisme, a CNFPT consultant who is a member).
FACILITATOR_ABILITIES = ("workshops_run", "workshops_see_results")


def is_facilitator(user, workshop: Workshop) -> bool:
    return (
        user.is_authenticated
        and workshop.facilitator_id == user.pk
        and can(user, "workshops_take_part", workshop.cooperation)
    )


# --- abilities on one object -------------------------------------------------------------------


def abilities(user, obj, *, seat: Participant | None = None, cooperation_abilities: dict | None = None) -> dict:
    """What `user` may do with one workshop or one piste, as bare verbs.

    A workshop: view, take_part, see_results, run (the facilitator runs theirs and sees its results).
    A piste: edit and withdraw, for its authors (through `seat`, their seat in the workshop) and for
    those who run the workshop, while its phase allows editing pistes.
    `cooperation_abilities` (from `space_context`) saves recomputing the cooperation's table.
    """
    if isinstance(obj, Idea):
        workshop = obj.workshop
        return abilities_for_many(user, workshop, [obj], seat=seat, workshop_abilities=abilities(user, workshop))[
            obj.pk
        ]
    table = cooperation_abilities if cooperation_abilities is not None else get_abilities(user, obj.cooperation)
    facilitates = is_facilitator(user, obj)
    return {
        "view": table["workshops_view"],
        "take_part": table["workshops_take_part"],
        "see_results": table["workshops_see_results"] or facilitates,
        "run": table["workshops_run"] or facilitates,
    }


def abilities_for_many(
    user, workshop: Workshop, ideas, *, seat: Participant | None, workshop_abilities: dict
) -> dict[int, dict]:
    """The verbs of each piste of `workshop`, from the workshop's abilities already computed and the
    pistes' authors prefetched (`prefetch_related("authors")`): no query per row."""
    editable = workshop.allows("edit_idea")
    answer = {}
    for idea in ideas:
        may = editable and _owns(idea, seat, workshop_abilities, prefetched=True)
        answer[idea.pk] = {"edit": may, "withdraw": may}
    return answer


def _owns(idea: Idea, seat: Participant | None, workshop_abilities: dict, prefetched: bool = False) -> bool:
    """Those who run the workshop, and the piste's authors (a seat not yet taken has written nothing)."""
    if workshop_abilities["run"]:
        return True
    if seat is None or seat.pk is None:
        return False
    if prefetched:
        return any(author.pk == seat.pk for author in idea.authors.all())
    return idea.authors.filter(pk=seat.pk).exists()


# --- access helpers ----------------------------------------------------------------------------


def session_participant(session, workshop: Workshop) -> Participant | None:
    token = (session.get("workshop_seats") or {}).get(str(workshop.pk)) if session is not None else None
    return participant_from_token(token, workshop) if token else None


def _had_a_seat(session, workshop: Workshop) -> bool:
    token = (session.get("workshop_seats") or {}).get(str(workshop.pk))
    return bool(token) and Participant.objects.filter(token=token, workshop=workshop).exists()


def participant_from_token(token: str, workshop: Workshop) -> Participant | None:
    seat = (
        Participant.objects.select_related("organization")
        .filter(token=token, workshop=workshop, revoked_at__isnull=True)
        .first()
    )
    if seat is not None:
        seat.workshop = workshop
    return seat


REVOKED = "Votre participation à cet atelier a été révoquée par l'animation."


def get_seat_for_user(request, slug: str, pk: int, token: str | None = None, use_session: bool = True) -> Participant:
    """The caller's seat in a workshop (it carries `.workshop`): a joined code, or a member's own account.

    Code holders need no account. A member who may take part and has no seat yet gets an unsaved
    one (`pk` None): a GET creates nothing, the seat is created by their first change
    (`participant_services.seated`, called by the services that propose a piste or store a score).
    Everyone else gets what `get_workshop_for_user` would answer (404 or 403).
    """
    if token:  # one query: the seat, its workshop and its cooperation (the live scoring path)
        seat = (
            Participant.objects.select_related("workshop__cooperation")
            .filter(token=token, workshop_id=pk, workshop__cooperation__slug=slug, revoked_at__isnull=True)
            .first()
        )
        if seat is None:
            raise Http404("Participation inconnue ou révoquée.")
        return seat
    workshop = Workshop.objects.select_related("cooperation", "grid").filter(pk=pk, cooperation__slug=slug).first()
    if workshop is None:
        raise Http404("Atelier introuvable.")
    # The API never trusts the session alone for a code holder: no CSRF check protects it.
    seat = session_participant(request.session, workshop) if use_session else None
    if seat is not None:
        return seat
    if use_session and not request.user.is_authenticated and _had_a_seat(request.session, workshop):
        # They held a seat in this very workshop: say why they are out rather than « introuvable ».
        raise PermissionDenied(REVOKED)
    check(request.user, "workshops_take_part", workshop.cooperation)
    seat = Participant.objects.select_related("organization").filter(workshop=workshop, user=request.user).first()
    if seat is not None and seat.revoked_at is not None:
        raise PermissionDenied(REVOKED)
    if seat is None:
        require_phase(workshop, "join")
        seat = Participant(
            user=request.user,
            display_name=request.user.public_name,
            organization=organization_of_member(workshop, request.user),
        )
    seat.workshop = workshop
    return seat


def get_workshop_for_reader(request, slug: str, pk: int, token: str | None = None) -> Workshop:
    """Pistes are read by participants (code or account) and by those who see results."""
    if token:
        return get_seat_for_user(request, slug, pk, token=token).workshop
    workshop = get_workshop_for_user(request.user, slug, pk)
    if not (
        can(request.user, "workshops_see_results", workshop.cooperation)
        or can(request.user, "workshops_take_part", workshop.cooperation)
    ):
        get_workshop_for_user(request.user, slug, pk, "workshops_see_results")
    return workshop


IDEA_REFUSALS = {
    "edit": "Seuls les auteur·rices de la piste et l'animation peuvent la modifier.",
    "withdraw": "Seuls les auteur·rices de la piste et l'animation peuvent la retirer.",
}


def get_idea_for_seat(user, seat: Participant, idea_pk: int, verb: str) -> Idea:
    """A piste of the seat's workshop that `user` may edit or withdraw: 404 if not there, 403 with the
    reason otherwise (not an author nor the facilitation; for editing, a phase that is over).
    Withdrawing a merged piste is refused by the service, which says why."""
    queryset = Idea.objects.select_related("workshop__cooperation").filter(workshop=seat.workshop)
    if verb == "edit":
        queryset = queryset.filter(merged_into__isnull=True)
    idea = queryset.filter(pk=idea_pk).first()
    if idea is None:
        raise Http404("Piste introuvable.")
    if not _owns(idea, seat, abilities(user, idea.workshop)):
        raise PermissionDenied(IDEA_REFUSALS[verb])
    if verb == "edit":
        require_phase(idea.workshop, "edit_idea")
    return idea
