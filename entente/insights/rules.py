"""Observation verbs, added to the cooperation's table of abilities.

Health names partners and people who never took part: it is for the cooperation's members, not
for the public; its thresholds are the coordinators' to set.
"""

from entente.cooperations.rules import (
    CONTRIBUTOR,
    COORDINATOR,
    MEMBER,
    OBSERVER,
    any_of,
    has_role,
    is_operator,
    is_public,
    register_ability,
)

INSIGHTS_ABILITIES = {
    "insights_view_health": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER), is_operator),
    "insights_edit_health": any_of(has_role(COORDINATOR), is_operator),
    # Shared indicators compare the partners' own figures: read by the cooperation's members, the
    # catalogue and imports kept by coordinators, values typed by members for their own territory.
    "insights_view_indicators": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER), is_operator),
    "insights_manage_indicators": any_of(has_role(COORDINATOR), is_operator),
    "insights_enter_indicator_values": any_of(has_role(COORDINATOR, MEMBER), is_operator),
    # The cross portrait is the cooperation's shared vision, meant to be published as the seeds did: everyone
    # who sees the cooperation reads it (the public too when it is public), but the shared indicators' values
    # in it are shown only to those who hold `insights_view_indicators`; coordinators write it.
    "insights_view_portrait": any_of(is_public, has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER), is_operator),
    "insights_edit_portrait": any_of(has_role(COORDINATOR), is_operator),
    # The annual report carries the health of the year (it names partners and people): the members'
    # like health; its foreword and conclusion are the coordinators' words.
    "insights_view_report": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER), is_operator),
    "insights_edit_report": any_of(has_role(COORDINATOR), is_operator),
}


def register() -> None:
    from entente.cooperations.rules import ABILITIES

    for name, predicate in INSIGHTS_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)


def get_portrait_item_for_user(user, slug: str, model, pk: int, ability: str = "insights_edit_portrait"):
    """A foundation or challenge of the cooperation: 404 when unseen or of another cooperation, 403 when not allowed."""
    from django.http import Http404

    from entente.cooperations.rules import get_cooperation_for_user

    cooperation = get_cooperation_for_user(user, slug, ability)
    item = model.objects.select_related("cooperation").filter(cooperation=cooperation, pk=pk).first()
    if item is None:
        raise Http404("Élément du portrait introuvable.")
    return item
