"""Reflexivity verbs, added to the cooperation's table of abilities."""

from entente.cooperations.rules import register_ability

REFLEXIVITY_ABILITIES: dict = {}


def register() -> None:
    from entente.cooperations.rules import ABILITIES

    for name, predicate in REFLEXIVITY_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)
