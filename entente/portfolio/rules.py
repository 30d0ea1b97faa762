"""Portfolio verbs, added to the cooperation's table of abilities.

Reading the portfolio follows the cooperation's visibility (a public cooperation is
accountable to everyone). Members and coordinators run actions; contributors may comment
in the journal; coordinators shape the structure (axes, chantiers, order) and delete.
"""

from entente.cooperations.rules import (
    ABILITIES,
    CONTRIBUTOR,
    COORDINATOR,
    MEMBER,
    any_of,
    has_role,
    is_operator,
    register_ability,
)

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
