"""Portfolio verbs, added to the cooperation's table of abilities; the object-level abilities of an
action; and the one way to fetch each portfolio object for a user.

Reading the portfolio follows the cooperation's visibility (a public cooperation is
accountable to everyone). Members and coordinators run actions; contributors may comment
in the journal; coordinators shape the structure (axes, chantiers, order) and delete.

Access helpers answer 404 for what the user may not see (or what belongs to another
cooperation) and 403 for what they see but may not change. They return the object, which
carries its cooperation (`item.cooperation`, `milestone.action.cooperation`).
"""

from django.http import Http404

from entente.cooperations.rules import (
    ABILITIES,
    CONTRIBUTOR,
    COORDINATOR,
    MEMBER,
    any_of,
    get_abilities,
    get_cooperation_for_user,
    has_role,
    is_operator,
    register_ability,
)

from .models import Action, ActionLink, Axis, Milestone, ResultIndicator, Workstream

PORTFOLIO_ABILITIES = {
    "portfolio_view": ABILITIES["view"],
    "portfolio_edit": any_of(has_role(COORDINATOR, MEMBER), is_operator),
    "portfolio_comment": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR), is_operator),
    "portfolio_manage": any_of(has_role(COORDINATOR), is_operator),
}


def register() -> None:
    for name, predicate in PORTFOLIO_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)


# --- abilities on one object -------------------------------------------------------------------


def abilities_for_many(objects, cooperation_abilities: dict) -> dict[int, dict[str, bool]]:
    """Each action's (or axis', chantier's) verbs, from the cooperation's abilities already computed
    for the reader (`space_context` has them): no query per row. `objects` may be rows with a "pk"."""
    verbs = _verbs(cooperation_abilities)
    return {(obj["pk"] if isinstance(obj, dict) else obj.pk): dict(verbs) for obj in objects}


def abilities(user, obj, *, cooperation_abilities: dict | None = None) -> dict[str, bool]:
    """What `user` may do with one action, axis or chantier: view, edit (the action, its milestones,
    indicators, links and financing), comment (the journal), move (its rank), delete.
    `cooperation_abilities` (from `space_context`) saves recomputing the cooperation's table."""
    table = cooperation_abilities if cooperation_abilities is not None else get_abilities(user, obj.cooperation)
    return _verbs(table)


def _verbs(cooperation_abilities: dict) -> dict[str, bool]:
    return {
        "view": cooperation_abilities["portfolio_view"],
        "edit": cooperation_abilities["portfolio_edit"],
        "comment": cooperation_abilities["portfolio_comment"],
        "move": cooperation_abilities["portfolio_manage"],
        "delete": cooperation_abilities["portfolio_manage"],
    }


# --- access helpers ----------------------------------------------------------------------------


def get_action_for_user(user, slug, pk, ability="portfolio_view") -> Action:
    cooperation = get_cooperation_for_user(user, slug, ability)
    action = (
        Action.objects.select_related("workstream__axis", "lead__organization")
        .filter(cooperation=cooperation, pk=pk).first()
    )
    if action is None:
        raise Http404("Action introuvable.")
    action.cooperation = cooperation
    return action


def _child(model, user, slug, action_pk, pk, ability):
    action = get_action_for_user(user, slug, action_pk, ability)
    item = model.objects.filter(action=action, pk=pk).first()
    if item is None:
        raise Http404("Élément introuvable.")
    item.action = action
    return item


def get_milestone_for_user(user, slug, action_pk, pk, ability="portfolio_edit") -> Milestone:
    return _child(Milestone, user, slug, action_pk, pk, ability)


def get_indicator_for_user(user, slug, action_pk, pk, ability="portfolio_edit") -> ResultIndicator:
    return _child(ResultIndicator, user, slug, action_pk, pk, ability)


def get_link_for_user(user, slug, action_pk, pk, ability="portfolio_edit") -> ActionLink:
    action = get_action_for_user(user, slug, action_pk, ability)
    link = ActionLink.objects.filter(source=action, pk=pk).first()
    if link is None:
        raise Http404("Lien introuvable.")
    link.source = action
    return link


def get_structure_item_for_user(user, slug, kind, pk, ability="portfolio_manage") -> Axis | Workstream:
    """An axis (`kind` « axe ») or a chantier (« chantier ») of the cooperation."""
    cooperation = get_cooperation_for_user(user, slug, ability)
    model = {"axe": Axis, "chantier": Workstream}.get(kind)
    if model is None:
        raise Http404("Élément introuvable.")
    item = model.objects.filter(cooperation=cooperation, pk=pk).first()
    if item is None:
        raise Http404("Élément introuvable.")
    item.cooperation = cooperation
    return item
