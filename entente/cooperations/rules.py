"""Who may do what in a cooperation — declared once, read by views, API and templates.

A role is the user's Membership role in the cooperation (or None). Operators are staff
users: they support every cooperation and may do everything a coordinator does.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Cooperation, MemberRole, Membership

COORDINATOR = MemberRole.COORDINATOR
MEMBER = MemberRole.MEMBER
CONTRIBUTOR = MemberRole.CONTRIBUTOR
OBSERVER = MemberRole.OBSERVER


@dataclass(frozen=True)
class Actor:
    """What the rules need to know about the caller in one cooperation."""

    is_authenticated: bool
    is_operator: bool
    role: str | None
    is_public: bool


def is_operator(actor: Actor) -> bool:
    return actor.is_operator


def has_role(*roles):
    def predicate(actor: Actor) -> bool:
        return actor.role in roles

    return predicate


def is_public(actor: Actor) -> bool:
    return actor.is_public


def any_of(*predicates):
    def predicate(actor: Actor) -> bool:
        return any(p(actor) for p in predicates)

    return predicate


# The table of abilities. Every app adds its verbs here through `register_ability`, so that
# a single dict answers "may this actor do X in this cooperation".
ABILITIES = {
    "view": any_of(is_public, has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER), is_operator),
    "view_private": any_of(has_role(COORDINATOR, MEMBER, OBSERVER), is_operator),
    "view_members": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER), is_operator),
    "contribute": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR), is_operator),
    "edit": any_of(has_role(COORDINATOR), is_operator),
    "manage_members": any_of(has_role(COORDINATOR), is_operator),
    "view_history": any_of(has_role(COORDINATOR, MEMBER, OBSERVER), is_operator),
    "delete": any_of(has_role(COORDINATOR), is_operator),
}


def register_ability(name: str, predicate) -> None:
    if name in ABILITIES:
        raise ValueError(f"Ability {name!r} is already declared")
    ABILITIES[name] = predicate


def role_of(user, cooperation: Cooperation) -> str | None:
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_cooperation_roles", None)
    if cache is None:
        cache = {}
        user._cooperation_roles = cache
    if cooperation.pk not in cache:
        cache[cooperation.pk] = (
            Membership.objects.filter(user=user, cooperation=cooperation).values_list("role", flat=True).first()
        )
    return cache[cooperation.pk]


def actor_for(user, cooperation: Cooperation) -> Actor:
    return Actor(
        is_authenticated=user.is_authenticated,
        is_operator=bool(user.is_authenticated and user.is_staff),
        role=role_of(user, cooperation),
        is_public=cooperation.is_public,
    )


def can(user, action: str, cooperation: Cooperation) -> bool:
    return ABILITIES[action](actor_for(user, cooperation))


def get_abilities(user, cooperation: Cooperation) -> dict[str, bool]:
    actor = actor_for(user, cooperation)
    return {name: predicate(actor) for name, predicate in ABILITIES.items()}


def check(user, action: str, cooperation: Cooperation) -> None:
    """Raise 404 when the cooperation is invisible to the user, 403 when visible but not allowed."""
    actor = actor_for(user, cooperation)
    if not ABILITIES["view"](actor):
        raise Http404("Coopération introuvable.")
    if not ABILITIES[action](actor):
        raise PermissionDenied("Vous n'avez pas le droit d'effectuer cette action dans cette coopération.")


def get_cooperation_for_user(user, slug: str, action: str = "view") -> Cooperation:
    """The single way to fetch a cooperation for a user: 404 if unseen, 403 if not allowed."""
    cooperation = Cooperation.objects.filter(slug=slug).first()
    if cooperation is None:
        raise Http404("Coopération introuvable.")
    check(user, action, cooperation)
    return cooperation


def visible_cooperations(user):
    """Cooperations the user may see: public ones, their own, everything for operators."""
    from django.db.models import Q

    queryset = Cooperation.objects.all()
    if user.is_authenticated and user.is_staff:
        return queryset
    if user.is_authenticated:
        return queryset.filter(Q(visibility="public") | Q(memberships__user=user)).distinct()
    return queryset.filter(visibility="public")
