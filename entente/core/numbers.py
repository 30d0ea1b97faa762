"""French numbers: one parser for every amount, weight, percentage and count typed by a person.

A French person writes ten thousand euros and one cent as `10 000,01`, `10000,01` or `10 000.01`,
with an ordinary, no-break (U+00A0) or narrow no-break (U+202F) space between thousands, the
last two being what a word processor or a French-formatted page puts there. Every one of these
means the same number. What could mean two numbers (`1.000,5`, `1,000.5`, `1.000`, `10 00`,
`1,2,3`) is refused with a French message rather than guessed: an amount stored is always the
amount meant.

The form fields (`DecimalInput`, `IntegerInput` and their kinds below) and the API types
(`api_decimal`, `api_integer`) all call `parse_number` and share the bounds declared here, which
the models' check constraints repeat: a page and a client never disagree on what `10 000,01` is,
and neither can store what the other would refuse.
"""

import re
from decimal import Decimal
from typing import Annotated

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from pydantic import PlainValidator, WithJsonSchema

from .formatting import format_number

SPACES = " \u00a0\u202f"
MINUS_SIGNS = "-\u2212"

# One sign, then either digits without grouping or groups of three after a first group of one to
# three digits, each group after a single space; then at most one decimal mark and its digits.
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+")
_PLAIN = re.compile(r"\d+")
_FRACTION = re.compile(r"\d+")

EXAMPLE = "par exemple 10 000,01"
INTEGER_EXAMPLE = "par exemple 10 000"


class NumberError(ValueError):
    """A text that is not one French number; the message says why, in French, for the person."""


def parse_number(text: str, *, integer: bool = False, units: tuple[str, ...] = ()) -> Decimal:
    """The number a French person meant by `text`, or NumberError when it is not one number.

    `units` are symbols the person may add after the number (« € », « % ») and that mean nothing
    more. With `integer`, any decimal mark is refused instead of being rounded away.
    """
    raw = text.strip(SPACES + "\t")
    body = _without_unit(raw, units)
    noun, example = ("nombre entier", INTEGER_EXAMPLE) if integer else ("nombre", EXAMPLE)
    if not body:
        raise NumberError(f"Saisissez un {noun} ({example}).")
    sign, body = _split_sign(body)
    try:
        whole, mark, fraction = _split_decimal(raw, body)
        _check_whole(raw, whole, mark, fraction)
    except NotANumber:
        raise NumberError(f"« {raw} » n'est pas un {noun} ({example}).") from None
    if mark and integer:
        raise NumberError(f"« {raw} » : un nombre entier est attendu, sans virgule ni point.")
    digits = re.sub(f"[{SPACES}]", "", whole)
    return Decimal(f"{sign}{digits}.{fraction}" if mark else f"{sign}{digits}")


class NotANumber(Exception):
    """Raised by the helpers below when the text is not a number at all; the message depends on the field."""


def _without_unit(raw: str, units: tuple[str, ...]) -> str:
    for unit in units:
        if raw.endswith(unit):
            return raw[: -len(unit)].rstrip(SPACES)
    return raw


def _split_sign(body: str) -> tuple[str, str]:
    if body[0] in MINUS_SIGNS:
        return "-", body[1:]
    if body[0] == "+":
        return "", body[1:]
    return "", body


def _split_decimal(raw: str, body: str) -> tuple[str, str, str]:
    marks = [ch for ch in body if ch in ",."]
    if len(marks) > 1:
        kinds = "une virgule et un point" if len(set(marks)) > 1 else "plusieurs séparateurs décimaux"
        raise NumberError(
            f"« {raw} » est ambigu ({kinds}) : écrivez les milliers avec une espace et les décimales après "
            f"une seule virgule, {EXAMPLE}."
        )
    if not marks:
        return body, "", ""
    whole, _, fraction = body.partition(marks[0])
    if not whole or not _FRACTION.fullmatch(fraction):
        raise NotANumber
    return whole, marks[0], fraction


def _check_whole(raw: str, whole: str, mark: str, fraction: str) -> None:
    if _PLAIN.fullmatch(whole):
        # "1.000" is one in English and a thousand in many French hands: do not choose.
        if mark == "." and len(fraction) == 3 and len(whole) <= 3 and whole[0] != "0":
            raise NumberError(
                f"« {raw} » est ambigu : pour {whole} 000, écrivez {whole}000 ou {whole} 000 ; "
                f"pour {whole} et des décimales, écrivez {whole},{fraction}."
            )
        return
    if _GROUPED.fullmatch(whole):
        return
    if re.fullmatch(r"[\d \u00a0\u202f]+", whole):
        raise NumberError(f"« {raw} » : les espaces séparent les milliers, par groupes de trois chiffres ({EXAMPLE}).")
    raise NotANumber


def column_max(max_digits: int, decimal_places: int) -> Decimal:
    """The largest value a DecimalField(max_digits, decimal_places) column holds: 99 999 999,9999 for (12, 4)."""
    return Decimal(10) ** (max_digits - decimal_places) - Decimal(10) ** -decimal_places


# Bounds shared by forms, API types and database constraints, so that what one accepts the others store.
MAX_AMOUNT = column_max(14, 2)  # 999 999 999 999,99 €: any public budget, and what the columns hold
MAX_COUNT = 1_000_000_000  # a number of equipments, sites or people: far beyond any real one
MAX_SHARE_WEIGHT = column_max(12, 4)
MAX_VOTE_WEIGHT = column_max(12, 2)
MAX_CRITERION_WEIGHT = Decimal(999)


def fit_places(number: Decimal, decimal_places: int, raw: str = "") -> Decimal:
    """`number` with at most `decimal_places` decimals; trailing zeros (10,500) are not a refusal."""
    if number.as_tuple().exponent >= -decimal_places:
        return number
    step = Decimal(10) ** -decimal_places
    if number == number.quantize(step):
        return number.quantize(step)
    shown = f"« {raw} »" if raw else format_number(number)
    places = (
        "aucune décimale"
        if decimal_places == 0
        else f"au plus {decimal_places} chiffre" + ("s après la virgule" if decimal_places > 1 else " après la virgule")
    )
    raise NumberError(f"{shown} : {places} ici.")


# ---------------------------------------------------------------------------------------------------
# Form fields: one family for every page. A text box with `inputmode` (the phone shows a numeric
# keypad) and never `type=number`, whose value a fr-FR browser rewrites or empties before sending.


def _bound_messages(minimum, maximum, unit: str) -> dict:
    suffix = f"\u00a0{unit}" if unit else ""
    messages = {}
    if minimum is not None:
        messages["min_value"] = f"La valeur doit être au moins {format_number(minimum)}{suffix}.".replace("%", "%%")
    if maximum is not None:
        messages["max_value"] = f"La valeur ne peut pas dépasser {format_number(maximum)}{suffix}.".replace("%", "%%")
    return messages


class NumberTextInput(forms.TextInput):
    """A text box that shows a stored number the French way (10 000,01), as the person would type it."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value, 0) if value == value.to_integral_value() else format_number(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return format_number(value, 0)
        return super().format_value(value)


class DecimalInput(forms.DecimalField):
    """A decimal number typed the French way, with bounds and a number of decimals."""

    def __init__(
        self,
        *,
        min_value=None,
        max_value=None,
        decimal_places: int = 2,
        units: tuple[str, ...] = (),
        error_messages=None,
        **kwargs,
    ):
        self.units = units
        messages = _bound_messages(min_value, max_value, units[0] if units else "")
        messages.update(error_messages or {})
        kwargs.setdefault("widget", NumberTextInput)
        super().__init__(
            min_value=min_value, max_value=max_value, decimal_places=decimal_places, error_messages=messages, **kwargs
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            return Decimal(value)
        raw = str(value)
        try:
            return fit_places(parse_number(raw, units=self.units), self.decimal_places, raw.strip())
        except NumberError as error:
            raise ValidationError(str(error), code="invalid") from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "decimal")
        attrs.setdefault("autocomplete", "off")
        return attrs


class IntegerInput(forms.IntegerField):
    """A whole number typed the French way (10 000), with bounds."""

    def __init__(self, *, min_value=None, max_value=None, units: tuple[str, ...] = (), error_messages=None, **kwargs):
        self.units = units
        messages = _bound_messages(min_value, max_value, units[0] if units else "")
        messages.update(error_messages or {})
        kwargs.setdefault("widget", NumberTextInput)
        super().__init__(min_value=min_value, max_value=max_value, error_messages=messages, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return int(parse_number(str(value), integer=True, units=self.units))
        except NumberError as error:
            raise ValidationError(str(error), code="invalid") from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "numeric")
        attrs.setdefault("autocomplete", "off")
        return attrs


def AmountInput(*, min_value=Decimal(0), max_value=MAX_AMOUNT, **kwargs) -> DecimalInput:  # noqa: N802 - a field kind
    """Euros and cents, up to 999 999 999 999,99 €; a trailing « € » is allowed."""
    return DecimalInput(min_value=min_value, max_value=max_value, decimal_places=2, units=("€",), **kwargs)


def QuantityInput(*, min_value=Decimal(0), max_value=MAX_AMOUNT, **kwargs) -> DecimalInput:  # noqa: N802
    """A measured value with two decimals (an indicator's target or current value)."""
    return DecimalInput(min_value=min_value, max_value=max_value, decimal_places=2, **kwargs)


def WeightInput(*, max_value, decimal_places, min_value=Decimal(0), **kwargs) -> DecimalInput:  # noqa: N802
    return DecimalInput(min_value=min_value, max_value=max_value, decimal_places=decimal_places, **kwargs)


def PercentInput(*, min_value=0, max_value=100, **kwargs) -> IntegerInput:  # noqa: N802
    """A whole percentage, 0 to 100 unless told; a trailing « % » is allowed."""
    return IntegerInput(min_value=min_value, max_value=max_value, units=("%",), **kwargs)


def CountInput(*, min_value=0, max_value=MAX_COUNT, **kwargs) -> IntegerInput:  # noqa: N802
    return IntegerInput(min_value=min_value, max_value=max_value, **kwargs)


# ---------------------------------------------------------------------------------------------------
# API types: a JSON number or a French string, the same bounds as the forms, a French 422 otherwise.

_PATTERN = r"^\s*[+\-\u2212]?\d{1,3}([ \u00a0\u202f]?\d{3})*([.,]\d+)?\s*$"


def _api_number(value, *, integer: bool) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise ValueError("un nombre est attendu")
    if isinstance(value, str):
        try:
            return parse_number(value, integer=integer)
        except NumberError as error:
            raise ValueError(str(error)) from None
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))  # 0.1 in JSON means 0.1, not the binary float next to it
    else:
        raise ValueError("un nombre (ou un texte comme « 10 000,01 ») est attendu")
    if not number.is_finite():
        raise ValueError("un nombre fini est attendu")
    return number


def _check_bounds(number, minimum, maximum, exclusive_minimum: bool) -> None:
    if minimum is not None and (number <= minimum if exclusive_minimum else number < minimum):
        relation = "strictement supérieure à" if exclusive_minimum else "au moins"
        raise ValueError(f"la valeur doit être {relation} {format_number(minimum)}")
    if maximum is not None and number > maximum:
        raise ValueError(f"la valeur ne peut pas dépasser {format_number(maximum)}")


def api_decimal(
    *, minimum=Decimal(0), maximum, decimal_places: int, exclusive_minimum: bool = False, description: str = ""
):
    """A decimal in an API schema: a JSON number or a French string (« 10 000,01 »), bounded."""

    def validate(value) -> Decimal:
        number = _api_number(value, integer=False)
        try:
            number = fit_places(number, decimal_places)
        except NumberError as error:
            raise ValueError(str(error)) from None
        _check_bounds(number, minimum, maximum, exclusive_minimum)
        return number

    bounds = {"maximum": float(maximum)}
    if minimum is not None:
        bounds["exclusiveMinimum" if exclusive_minimum else "minimum"] = float(minimum)
    schema = {
        "anyOf": [
            {"type": "number", **bounds},
            {"type": "string", "pattern": _PATTERN, "examples": ["10 000,01", "10000.01"]},
        ],
        "description": (description + " " if description else "")
        + f"Nombre JSON ou texte à la française ; au plus {decimal_places} décimales, entre "
        f"{format_number(minimum) if minimum is not None else '−∞'} et {format_number(maximum)}.",
    }
    return Annotated[Decimal, PlainValidator(validate, json_schema_input_type=Decimal), WithJsonSchema(schema)]


def api_integer(*, minimum=0, maximum, description: str = ""):
    """A whole number in an API schema: a JSON integer or a French string (« 10 000 »), bounded."""

    def validate(value) -> int:
        number = _api_number(value, integer=True)
        if number != number.to_integral_value():
            raise ValueError("un nombre entier est attendu")
        _check_bounds(number, minimum, maximum, False)
        return int(number)

    schema = {
        "anyOf": [
            {"type": "integer", "minimum": minimum, "maximum": maximum},
            {
                "type": "string",
                "pattern": r"^\s*[+\-\u2212]?\d{1,3}([ \u00a0\u202f]?\d{3})*\s*$",
                "examples": ["10 000"],
            },
        ],
        "description": (description + " " if description else "")
        + f"Entier JSON ou texte à la française, entre {format_number(minimum)} et {format_number(maximum)}.",
    }
    return Annotated[int, PlainValidator(validate, json_schema_input_type=int), WithJsonSchema(schema)]


AmountIn = api_decimal(maximum=MAX_AMOUNT, decimal_places=2, description="Montant en euros.")
CountIn = api_integer(maximum=MAX_COUNT)
PercentIn = api_integer(maximum=100, description="Pourcentage.")
ShareWeightIn = api_decimal(maximum=MAX_SHARE_WEIGHT, decimal_places=4, description="Poids.")


# ---------------------------------------------------------------------------------------------------
# Database: the same bounds as check constraints, so that nothing a page cannot show is ever stored.


def at_most(field: str, maximum, *, name: str, nullable: bool = False) -> models.CheckConstraint:
    """A check constraint `field <= maximum` (NULL allowed when `nullable`)."""
    condition = models.Q(**{f"{field}__lte": maximum})
    if nullable:
        condition |= models.Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=condition, name=name)
