"""What apps above territories add to the territory and organisation pages, registered in their ready().

Imports run one way (territories < cooperations): the registry's pages do not import cooperations.
Cooperations registers here how to list, for a visitor, the cooperations an organisation takes part
in (only those the visitor may see); until it does, the pages list none.
"""

from collections.abc import Callable

# (user, organization) -> the cooperations to list, in display order
_cooperations_listers: list[Callable] = []


def register_cooperations_lister(lister: Callable) -> None:
    _cooperations_listers[:] = [lister]


def cooperations_of(user, organization) -> list:
    return [cooperation for lister in _cooperations_listers for cooperation in lister(user, organization)]
