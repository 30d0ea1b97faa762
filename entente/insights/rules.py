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
}


def register() -> None:
    from entente.cooperations.rules import ABILITIES

    for name, predicate in INSIGHTS_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)
