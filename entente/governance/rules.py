"""Who may do what in governance, declared once and read by views, the API and templates.

- The app's cooperation-level verbs (`governance_manage_bodies`, `governance_run_meetings`,
  `governance_update_followups`) join the cooperation's table of abilities; reading bodies, meetings
  and the register follows the cooperation's `view`, the history of changes `view_history`.
- `abilities(user, obj)` answers what a person may do with one body, meeting, decision or follow-up;
  `abilities_for_many(user, objects)` answers it for a list from memberships loaded once.
- `get_<object>_for_user(user, slug, pk, ability)` is the one way to fetch an object for a person:
  404 for what they may not see (or what belongs to another cooperation), 403 for what they see but
  may not change. It returns the object, carrying its `.cooperation`, and never writes anything.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from entente.cooperations.models import Membership
from entente.cooperations.rules import (
    ABILITIES,
    CONTRIBUTOR,
    COORDINATOR,
    MEMBER,
    Actor,
    actor_for,
    any_of,
    get_cooperation_for_user,
    has_role,
    is_operator,
    register_ability,
)

from .body_models import Body, BodyMember, CouncilSession
from .decision_models import Decision, FollowUp, Ratification
from .meeting_models import AgendaDocument, AgendaItem, Meeting

GOVERNANCE_ABILITIES = {
    # Create and configure bodies: composition, periodicity, rotation, quorum, votes.
    "governance_manage_bodies": any_of(has_role(COORDINATOR), is_operator),
    # Run the secretariat: meetings, agenda, attendance, minutes, decisions, votes, ratifications.
    "governance_run_meetings": any_of(has_role(COORDINATOR, MEMBER), is_operator),
    # Report progress on follow-ups (contributors only on those they or their partner own).
    "governance_update_followups": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR), is_operator),
}

UPDATE_FOLLOWUP = "governance_update_followups"


def register() -> None:
    for name, predicate in GOVERNANCE_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)


# --- abilities of one object ---------------------------------------------------------------


def _may(actor: Actor, ability: str) -> bool:
    return ABILITIES[ability](actor)


def body_abilities(actor: Actor) -> dict[str, bool]:
    return {
        "view": _may(actor, "view"),
        # Composition, rotation, weights, council dates, and the body's own settings.
        "edit": _may(actor, "governance_manage_bodies"),
        "schedule_meeting": _may(actor, "governance_run_meetings"),
        # The calendar feed's address is a secret of the cooperation's people.
        "view_feed": _may(actor, "view_private"),
    }


def meeting_abilities(actor: Actor) -> dict[str, bool]:
    return {
        "view": _may(actor, "view"),
        # Agenda, documents, sending, attendance, minutes, decisions.
        "edit": _may(actor, "governance_run_meetings"),
        # Visitors of a public cooperation read approved minutes only, never a draft.
        "view_drafts": _may(actor, "view_private"),
        # Who holds each seat, and who received the agenda at which address.
        "view_members": _may(actor, "view_members"),
        "view_history": _may(actor, "view_history"),
    }


def decision_abilities(actor: Actor) -> dict[str, bool]:
    return {
        "view": _may(actor, "view"),
        # Wording, votes, follow-ups and ratifications are the secretariat's.
        "edit": _may(actor, "governance_run_meetings"),
        "view_history": _may(actor, "view_history"),
    }


def followup_abilities(actor: Actor, followup: FollowUp, user, partner_ids: set) -> dict[str, bool]:
    """The secretariat rewords, reassigns, postpones and reports on any follow-up; a contributor
    reports only on those owned by them or by the partner they represent."""
    runs = _may(actor, "governance_run_meetings")
    owns = bool(user.is_authenticated) and (
        followup.owner_id == user.pk
        or (followup.owner_partner_id is not None and followup.owner_partner_id in partner_ids)
    )
    return {
        "view": _may(actor, "view"),
        "edit": runs,
        "update": runs or (_may(actor, UPDATE_FOLLOWUP) and owns),
    }


def _cooperation_of(obj):
    if isinstance(obj, Meeting):
        return obj.body.cooperation
    return obj.cooperation


def abilities(user, obj) -> dict[str, bool]:
    """What `user` may do with a body, a meeting, a decision or a follow-up."""
    actor = actor_for(user, _cooperation_of(obj))
    if isinstance(obj, Body):
        return body_abilities(actor)
    if isinstance(obj, Meeting):
        return meeting_abilities(actor)
    if isinstance(obj, Decision):
        return decision_abilities(actor)
    if isinstance(obj, FollowUp):
        partner_ids = set()
        if obj.owner_partner_id is not None and user.is_authenticated:
            partner_ids = set(
                Membership.objects.filter(user=user, cooperation_id=obj.cooperation_id, partner__isnull=False)
                .values_list("partner_id", flat=True)
            )
        return followup_abilities(actor, obj, user, partner_ids)
    raise TypeError(f"No governance abilities for {type(obj).__name__}")


def memberships_of(user, cooperation_ids) -> dict[int, tuple[str | None, set[int]]]:
    """The user's role and represented partners in each cooperation, in one query."""
    if not user.is_authenticated:
        return {}
    memberships: dict[int, tuple[str | None, set[int]]] = {}
    rows = Membership.objects.filter(user=user, cooperation_id__in=set(cooperation_ids)).values_list(
        "cooperation_id", "role", "partner_id"
    )
    for cooperation_id, role, partner_id in rows:
        partner_ids = memberships.setdefault(cooperation_id, (role, set()))[1]
        if partner_id is not None:
            partner_ids.add(partner_id)
    return memberships


def abilities_for_many(user, followups, memberships=None) -> dict[int, dict[str, bool]]:
    """`abilities()` of follow-ups, keyed by pk, possibly across cooperations: each follow-up carries
    its `.cooperation`; `memberships` ({cooperation id: (role, partner ids)}, as `memberships_of`
    answers it) is loaded in one query when not given. No query per row."""
    followups = list(followups)
    if memberships is None:
        memberships = memberships_of(user, {f.cooperation_id for f in followups})
    answers = {}
    for followup in followups:
        role, partner_ids = memberships.get(followup.cooperation_id, (None, set()))
        actor = Actor(
            is_authenticated=bool(user.is_authenticated),
            is_operator=bool(user.is_authenticated and user.is_staff),
            role=role,
            is_public=followup.cooperation.is_public,
        )
        answers[followup.pk] = followup_abilities(actor, followup, user, partner_ids)
    return answers


# --- fetch helpers -------------------------------------------------------------------------


def get_body_for_user(user, slug, pk, ability="view") -> Body:
    cooperation = get_cooperation_for_user(user, slug, ability)
    body = Body.objects.filter(cooperation=cooperation, pk=pk).first()
    if body is None:
        raise Http404("Instance introuvable.")
    body.cooperation = cooperation
    return body


def get_seat_for_user(user, slug, pk, ability="governance_manage_bodies") -> BodyMember:
    cooperation = get_cooperation_for_user(user, slug, ability)
    seat = (
        BodyMember.objects.select_related("body", "user", "partner__organization")
        .filter(body__cooperation=cooperation, pk=pk)
        .first()
    )
    if seat is None:
        raise Http404("Siège introuvable.")
    seat.body.cooperation = cooperation
    return seat


def get_council_session_for_user(user, slug, pk, ability="governance_manage_bodies") -> CouncilSession:
    cooperation = get_cooperation_for_user(user, slug, ability)
    session = CouncilSession.objects.select_related("body").filter(body__cooperation=cooperation, pk=pk).first()
    if session is None:
        raise Http404("Date de conseil introuvable.")
    session.body.cooperation = cooperation
    return session


def get_meeting_for_user(user, slug, pk, ability="view") -> Meeting:
    cooperation = get_cooperation_for_user(user, slug, ability)
    meeting = Meeting.objects.select_related("body").filter(body__cooperation=cooperation, pk=pk).first()
    if meeting is None:
        raise Http404("Réunion introuvable.")
    meeting.body.cooperation = cooperation
    return meeting


def get_item_for_user(user, slug, pk, ability="view") -> AgendaItem:
    cooperation = get_cooperation_for_user(user, slug, ability)
    item = (
        AgendaItem.objects.select_related("meeting__body")
        .filter(meeting__body__cooperation=cooperation, pk=pk)
        .first()
    )
    if item is None:
        raise Http404("Point de l'ordre du jour introuvable.")
    item.meeting.body.cooperation = cooperation
    return item


def get_document_for_user(user, slug, pk, ability="view") -> AgendaDocument:
    cooperation = get_cooperation_for_user(user, slug, ability)
    document = (
        AgendaDocument.objects.select_related("item__meeting__body")
        .filter(item__meeting__body__cooperation=cooperation, pk=pk)
        .first()
    )
    if document is None:
        raise Http404("Document introuvable.")
    document.item.meeting.body.cooperation = cooperation
    return document


def get_decision_for_user(user, slug, pk, ability="view") -> Decision:
    cooperation = get_cooperation_for_user(user, slug, ability)
    decision = (
        Decision.objects.select_related("item__meeting__body", "arbitration__workshop")
        .filter(cooperation=cooperation, pk=pk)
        .first()
    )
    if decision is None:
        raise Http404("Décision introuvable.")
    decision.cooperation = decision.item.meeting.body.cooperation = cooperation
    return decision


def get_followup_for_user(user, slug, pk, ability="view") -> FollowUp:
    """With `governance_update_followups`, the follow-up's own rule decides (see `followup_abilities`)."""
    cooperation = get_cooperation_for_user(user, slug, "view" if ability == UPDATE_FOLLOWUP else ability)
    followup = (
        FollowUp.objects.select_related("decision", "owner", "owner_partner__organization")
        .filter(cooperation=cooperation, pk=pk)
        .first()
    )
    if followup is None:
        raise Http404("Suite à donner introuvable.")
    followup.cooperation = followup.decision.cooperation = cooperation
    if ability == UPDATE_FOLLOWUP and not abilities(user, followup)["update"]:
        raise PermissionDenied("Seuls le secrétariat et le responsable de cette suite peuvent la mettre à jour.")
    return followup


def get_ratification_for_user(user, slug, pk, ability="governance_run_meetings") -> Ratification:
    cooperation = get_cooperation_for_user(user, slug, ability)
    ratification = (
        Ratification.objects.select_related("decision", "partner__organization")
        .filter(decision__cooperation=cooperation, pk=pk)
        .first()
    )
    if ratification is None:
        raise Http404("Ratification introuvable.")
    ratification.decision.cooperation = cooperation
    return ratification
