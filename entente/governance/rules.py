"""Governance verbs, added to the cooperation's table of abilities.

Reading bodies, meetings and the register follows the cooperation's `view`; the history of
changes follows `view_history`.
"""

from entente.cooperations.rules import (
    CONTRIBUTOR,
    COORDINATOR,
    MEMBER,
    any_of,
    has_role,
    is_operator,
    register_ability,
)

GOVERNANCE_ABILITIES = {
    # Create and configure bodies: composition, periodicity, rotation, quorum, votes.
    "governance_manage_bodies": any_of(has_role(COORDINATOR), is_operator),
    # Run the secretariat: meetings, agenda, attendance, minutes, decisions, votes, ratifications.
    "governance_run_meetings": any_of(has_role(COORDINATOR, MEMBER), is_operator),
    # Report progress on follow-ups (contributors only on those they or their partner own).
    "governance_update_followups": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR), is_operator),
}


def register() -> None:
    from entente.cooperations.rules import ABILITIES

    for name, predicate in GOVERNANCE_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)
