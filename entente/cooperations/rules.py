"""Who may do what in a cooperation — declared once, read by views, API and templates.

A role is the user's Membership role in the cooperation (or None). Operators are staff
users: they support every cooperation and may do everything a coordinator does.

Three levels, one grammar:
- cooperation-wide verbs (`ABILITIES`, bare for this app: `view`, `edit`, `manage_members`...;
  `<app>_<verb>` for the apps that register theirs), answered by `can` and `get_abilities`;
- per-object verbs for the objects this app owns (a partner, a member, a timeline step), answered
  by `abilities(user, obj)` and, for a list, `abilities_for_many(user, objects)` at no query per row;
- access helpers `get_<object>_for_user(user, slug, pk, ability)`: the object with its cooperation,
  404 when the user may not see it (or it belongs to another cooperation), 403 when they see it but
  may not do `ability`.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Cooperation, MemberRole, Membership, Partnership, TimelineStep

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


# ---------------------------------------------------------------- per-object abilities


def _partnership_abilities(cooperation_abilities: dict, partnership: Partnership) -> dict[str, bool]:
    # A partner who has left keeps its row for the record: its role and its leaving date are history.
    current = cooperation_abilities["edit"] and partnership.is_active
    return {"view": cooperation_abilities["view"], "edit": current, "leave": current}


def _membership_abilities(cooperation_abilities: dict, membership: Membership) -> dict[str, bool]:
    manage = cooperation_abilities["manage_members"]
    return {"view": cooperation_abilities["view_members"], "edit": manage, "remove": manage}


def _timeline_step_abilities(cooperation_abilities: dict, step: TimelineStep) -> dict[str, bool]:
    return {"view": cooperation_abilities["view"], "delete": cooperation_abilities["edit"]}


OBJECT_ABILITIES = {
    Partnership: _partnership_abilities,
    Membership: _membership_abilities,
    TimelineStep: _timeline_step_abilities,
}


def abilities(user, obj) -> dict[str, bool]:
    """What `user` may do with one partner, member or timeline step of a cooperation."""
    return OBJECT_ABILITIES[type(obj)](get_abilities(user, obj.cooperation), obj)


def abilities_for_many(user, objects, *, cooperation: Cooperation | None = None) -> dict[int, dict[str, bool]]:
    """{pk: abilities} for objects of one cooperation, the user's role read once (no query per row).

    `cooperation` spares loading it from the first object when the caller already holds it.
    """
    objects = list(objects)
    if not objects:
        return {}
    cooperation = cooperation or objects[0].cooperation
    cooperation_abilities = get_abilities(user, cooperation)
    return {obj.pk: OBJECT_ABILITIES[type(obj)](cooperation_abilities, obj) for obj in objects}


# ---------------------------------------------------------------- access helpers


def _get_for_user(model, user, slug, pk, ability, *, see: str, related=()):
    cooperation = get_cooperation_for_user(user, slug, see)
    obj = model.objects.select_related(*related).filter(cooperation=cooperation, pk=pk).first()
    if obj is None:
        raise Http404("Élément introuvable dans cette coopération.")
    obj.cooperation = cooperation  # the one already loaded and checked
    if not OBJECT_ABILITIES[model](get_abilities(user, cooperation), obj)[ability]:
        raise PermissionDenied("Vous n'avez pas le droit d'effectuer cette action dans cette coopération.")
    return obj


def get_partnership_for_user(user, slug: str, pk: int, ability: str = "view") -> Partnership:
    return _get_for_user(Partnership, user, slug, pk, ability, see="view", related=("organization",))


def get_membership_for_user(user, slug: str, pk: int, ability: str = "view") -> Membership:
    return _get_for_user(Membership, user, slug, pk, ability, see="view_members", related=("user", "partner"))


def get_timeline_step_for_user(user, slug: str, pk: int, ability: str = "view") -> TimelineStep:
    return _get_for_user(TimelineStep, user, slug, pk, ability, see="view")
