"""Cost sharing: split an amount among partners by a key, exact to the cent.

Pure Python, no database. Amounts are handled as integer cents and exact fractions; the
rounding rule is the **largest remainder** method: every partner first receives the floor of
its exact share in cents, then the cents left over go one by one to the partners with the
largest fractional parts; ties go to the smallest partner id (the organization's id), so the
result never depends on the order in which partners are listed. Hence the shares always add
up to the amount, none is negative, and each is within one cent of its exact value.

Each share comes with a French explanation of how it was computed.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from entente.core.formatting import NBSP, format_cents, format_integer, format_money, format_number
from entente.core.french import count_with_label

EQUAL = "parts_egales"
POPULATION = "population"
COUNT = "nombre"
WEIGHTS = "poids"
FIXED = "part_fixe"
BASE_KEYS = (EQUAL, POPULATION, COUNT, WEIGHTS)
PERCENT = "pourcentage"
AMOUNT = "montant"


class SharingError(ValueError):
    """Input that cannot be split; the message is French and names the problem."""

    def __init__(self, message: str, field: str = "key"):
        super().__init__(message)
        self.message = message
        self.field = field  # the input the message is about, for forms and API errors


@dataclass(frozen=True)
class Participant:
    """A partner taking part in the split. `key` is a stable id (the organization's id)."""

    key: int
    name: str
    population: int | None = None  # None: not a territory (no population)
    count: int | None = None
    weight: Decimal | None = None


@dataclass(frozen=True)
class Fixed:
    """A fixed share for one partner, as a percentage of the amount or as an amount."""

    partner_key: int
    mode: str
    value: Decimal


@dataclass(frozen=True)
class Share:
    key: int
    name: str
    amount: Decimal
    explanation: str


def _format_exact_cents(value: Fraction) -> str:
    """An exact amount of cents shown in euros, cut after five decimals (for the rounding note)."""
    scaled = math.floor(value * 1000)  # hundred-thousandths of a euro
    units, rest = divmod(scaled, 100000)
    suffix = "…" if value * 1000 != scaled else ""
    return f"{format_number(Decimal(scaled).scaleb(-5), 5)}{suffix}{NBSP}€"


def to_cents(amount) -> int:
    amount = Decimal(amount)
    if not amount.is_finite():
        raise SharingError("Le montant à répartir n'est pas un nombre.")
    if amount < 0:
        raise SharingError(f"Le montant à répartir ne peut pas être négatif ({format_money(amount)}).")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise SharingError("Le montant à répartir s'exprime au centime près (deux décimales au plus).")
    return int(cents)


def largest_remainder(cents: int, weights: dict[int, Fraction]) -> dict[int, int]:
    """Split `cents` proportionally to `weights` (total > 0); ties broken by smallest key."""
    total = sum(weights.values())
    exact = {key: cents * weight / total for key, weight in weights.items()}
    result = {key: math.floor(value) for key, value in exact.items()}
    left = cents - sum(result.values())
    order = sorted(weights, key=lambda key: (-(exact[key] - result[key]), key))
    for key in order[:left]:
        result[key] += 1
    return result


def split(amount, participants: Sequence[Participant], key: str, *, fixed: Fixed | None = None,
          rest_key: str | None = None, count_label: str = "", population_label: str = "hab.",
          population_source: str = "") -> list[Share]:
    """Split `amount` (euros, Decimal) among `participants`; shares are returned in input order.

    `population_source` names the populations used ("populations légales 2023"): a split by
    inhabitants says which year it counts.
    """
    population_units = (population_label, population_source)
    cents = to_cents(amount)
    _check_participants(participants, cents)
    if not participants:
        return []
    if key == FIXED:
        amounts, explanations = _split_fixed(cents, participants, fixed, rest_key, count_label, population_units)
    elif key in BASE_KEYS:
        amounts, explanations = _split_by_key(cents, participants, key, count_label, population_units)
    else:
        raise SharingError(f"Clé de répartition inconnue : « {key} ».")
    return [
        Share(key=p.key, name=p.name, amount=Decimal(amounts[p.key]) / 100, explanation=explanations[p.key])
        for p in participants
    ]


def _check_participants(participants, cents) -> None:
    keys = [p.key for p in participants]
    if len(set(keys)) != len(keys):
        raise SharingError("Un même partenaire figure deux fois dans la répartition.")
    if not participants and cents > 0:
        raise SharingError(f"Aucun partenaire participant : impossible de répartir {format_cents(cents)}.")


def key_weights(participants, key: str, count_label: str = "") -> dict[int, Fraction]:
    """The weight of each participant under a base key, validated."""
    if key == EQUAL:
        return {p.key: Fraction(1) for p in participants}
    if key == POPULATION:
        weights = {p.key: Fraction(p.population or 0) for p in participants}
        if not any(weights.values()):
            raise SharingError(
                "Aucun des partenaires n'a de population connue (partenaires sans territoire) : "
                "la clé population est impossible, choisissez une autre clé."
            )
        return weights
    if key == COUNT:
        return _count_weights(participants, count_label)
    if key == WEIGHTS:
        return _custom_weights(participants)
    raise SharingError(f"Clé de répartition inconnue : « {key} ».")


def _count_weights(participants, count_label):
    missing = [p.name for p in participants if p.count is None]
    if missing:
        raise SharingError(f"Saisissez le nombre pour chaque partenaire (manquant : {', '.join(missing)}).")
    negative = [p.name for p in participants if p.count < 0]
    if negative:
        raise SharingError(f"Un nombre ne peut pas être négatif ({', '.join(negative)}).")
    if not any(p.count for p in participants):
        what = f"le nombre de {count_label}" if count_label else "le nombre saisi"
        raise SharingError(f"Impossible de répartir : {what} vaut zéro pour tous les partenaires.")
    return {p.key: Fraction(p.count) for p in participants}


def _custom_weights(participants):
    missing = [p.name for p in participants if p.weight is None]
    if missing:
        raise SharingError(f"Saisissez un poids pour chaque partenaire (manquant : {', '.join(missing)}).")
    negative = [p.name for p in participants if p.weight < 0]
    if negative:
        raise SharingError(f"Un poids ne peut pas être négatif ({', '.join(negative)}).")
    if not any(p.weight for p in participants):
        raise SharingError("Impossible de répartir : tous les poids sont nuls.")
    return {p.key: Fraction(Decimal(p.weight)) for p in participants}


def _split_by_key(cents, participants, key, count_label, population_units, prefix=""):
    weights = key_weights(participants, key, count_label)
    amounts = largest_remainder(cents, weights) if cents else {p.key: 0 for p in participants}
    total = sum(weights.values())
    explanations = {}
    for p in participants:
        formula = _formula(p, key, weights[p.key], total, len(participants), cents, count_label, population_units)
        exact = cents * weights[p.key] / total
        text = f"{prefix}{formula} = {format_cents(amounts[p.key])}"
        if exact != amounts[p.key]:
            text += (f" (valeur exacte {_format_exact_cents(exact)}, "
                     "arrondie au centime par la méthode du plus fort reste)")
        explanations[p.key] = text
    return amounts, explanations


def _formula(p, key, weight, total, size, cents, count_label, population_units):
    money = format_cents(cents)
    if key == EQUAL:
        return f"{money} ÷ {size} partenaire{'s' if size > 1 else ''}"
    if key == POPULATION:
        if p.population is None:
            unit = population_units[0]
            return f"partenaire sans territoire, population nulle : 0 {unit} / " \
                   f"{format_integer(int(total))} {unit} × {money}"
        unit, source = population_units
        source = f" ({source})" if source else ""
        return f"{format_integer(p.population)} {unit} / {format_integer(int(total))} {unit}{source} × {money}"
    if key == COUNT:
        # The label is typed in the plural ("déchèteries"): "1 déchèterie / 12 déchèteries".
        return (f"{count_with_label(p.count, count_label, format_integer(p.count))} / "
                f"{count_with_label(int(total), count_label, format_integer(int(total)))} × {money}")
    total_weight = format_number(Decimal(total.numerator) / total.denominator, trim=True)
    return f"poids {format_number(p.weight, trim=True)} / {total_weight} × {money}"


def _split_fixed(cents, participants, fixed, rest_key, count_label, population_units):
    if fixed is None:
        raise SharingError("Choisissez le partenaire qui prend une part fixe.", field="fixed_partner")
    by_key = {p.key: p for p in participants}
    if fixed.partner_key not in by_key:
        raise SharingError("Le partenaire à part fixe doit faire partie des partenaires participants.",
                           field="fixed_partner")
    if rest_key not in BASE_KEYS:
        raise SharingError("Choisissez la clé de répartition du reste (parts égales, population, nombre ou poids).",
                           field="rest_key")
    fixed_cents, fixed_text = _fixed_cents(cents, fixed)
    others = [p for p in participants if p.key != fixed.partner_key]
    rest = cents - fixed_cents
    if rest and not others:
        raise SharingError(f"Aucun autre partenaire pour se partager le reste ({format_cents(rest)}).")
    amounts, explanations = {fixed.partner_key: fixed_cents}, {fixed.partner_key: fixed_text}
    if others:
        rest_amounts, rest_explanations = _split_by_key(
            rest, others, rest_key, count_label, population_units,
            prefix=f"reste après part fixe ({format_cents(rest)}) : ",
        )
        amounts.update(rest_amounts)
        explanations.update(rest_explanations)
    return amounts, explanations


def _fixed_cents(cents, fixed: Fixed) -> tuple[int, str]:
    value = Decimal(fixed.value)
    if not value.is_finite() or value < 0:
        raise SharingError("La part fixe ne peut pas être négative.", field="fixed_value")
    if fixed.mode == PERCENT:
        if value > 100:
            raise SharingError(
                f"Un pourcentage ne peut pas dépasser 100 % (saisi : {format_number(value, trim=True)} %).",
                               field="fixed_value")
        exact = Fraction(cents) * Fraction(value) / 100
        share = math.floor(exact + Fraction(1, 2))  # half up, to the cent
        return share, f"part fixe : {format_number(value, trim=True)} % × {format_cents(cents)} = {format_cents(share)}"
    if fixed.mode == AMOUNT:
        share = to_cents(value)
        if share > cents:
            raise SharingError(
                f"La part fixe ({format_cents(share)}) dépasse le montant à répartir ({format_cents(cents)}).",
                field="fixed_value",
            )
        return share, f"part fixe de {format_cents(share)}"
    raise SharingError("Indiquez si la part fixe est un pourcentage ou un montant.", field="fixed_mode")
