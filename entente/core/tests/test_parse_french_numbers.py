"""French numbers: every way a French person writes a number is read as meant; anything that could
mean two numbers is refused in French; forms and API types share the parser and the bounds."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from entente.core.formatting import format_number
from entente.core.numbers import (
    MAX_AMOUNT,
    AmountIn,
    AmountInput,
    CountIn,
    CountInput,
    NumberError,
    PercentInput,
    ShareWeightIn,
    parse_number,
)

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 000,01", "10000.01"),
        (f"10{NBSP}000,01", "10000.01"),
        (f"10{NNBSP}000,01", "10000.01"),
        ("10000,01", "10000.01"),
        ("10 000.01", "10000.01"),
        ("10000.01", "10000.01"),
        (f"1{NNBSP}234{NNBSP}567,8", "1234567.8"),
        ("  42  ", "42"),
        ("0,5", "0.5"),
        ("0.125", "0.125"),
        ("1,250", "1.250"),
        ("-3,5", "-3.5"),
        ("\u22123,5", "-3.5"),
        ("+7", "7"),
    ],
)
def test_french_ways_of_writing_a_number_are_read_as_meant(text, expected):
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("1.000,5", "ambigu"),
        ("1,000.5", "ambigu"),
        ("1.000", "ambigu"),
        ("12.500", "ambigu"),
        ("1,2,3", "ambigu"),
        ("1..2", "ambigu"),
        ("10 00", "groupes de trois chiffres"),
        ("1 0000", "groupes de trois chiffres"),
        ("10  000", "groupes de trois chiffres"),
        ("1e5", "n'est pas un nombre"),
        ("NaN", "n'est pas un nombre"),
        ("Infinity", "n'est pas un nombre"),
        ("dix", "n'est pas un nombre"),
        ("10'000", "n'est pas un nombre"),
        (",5", "n'est pas un nombre"),
        ("5,", "n'est pas un nombre"),
        ("-", "n'est pas un nombre"),
        ("", "Saisissez un nombre"),
    ],
)
def test_what_could_mean_two_numbers_is_refused_in_french(text, why):
    with pytest.raises(NumberError, match=why):
        parse_number(text)


def test_a_whole_number_refuses_a_decimal_mark_instead_of_rounding():
    assert parse_number("10 000", integer=True) == 10000
    with pytest.raises(NumberError, match="nombre entier"):
        parse_number("3,5", integer=True)


def test_a_unit_after_the_number_is_allowed_only_where_it_means_nothing_more():
    assert parse_number("10 000,01 €", units=("€",)) == Decimal("10000.01")
    assert parse_number("50 %", units=("%",)) == 50
    with pytest.raises(NumberError):
        parse_number("10 €")


amounts = st.decimals(min_value=0, max_value=MAX_AMOUNT, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(amount=amounts, space=st.sampled_from([" ", NBSP, NNBSP, ""]), mark=st.sampled_from([",", "."]))
def test_any_amount_written_the_french_way_reads_back_exactly(amount, space, mark):
    whole, _, cents = f"{amount:.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = space.join(groups) + mark + cents
    if mark == "." and len(groups) == 1 and len(cents) == 3:  # never produced with two decimals
        return
    assert parse_number(text) == amount


def test_an_amount_field_shows_and_reads_back_the_french_form():
    field = AmountInput(label="Coût total")
    assert field.clean("10 000,01") == Decimal("10000.01")
    assert field.widget.format_value(Decimal("10000.01")) == f"10{NBSP}000,01"
    rendered = field.widget.render("total", Decimal("10000.01"), attrs=field.widget_attrs(field.widget))
    assert 'type="text"' in rendered and 'inputmode="decimal"' in rendered and 'type="number"' not in rendered


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-1", "au moins 0"),
        ("1 000 000 000 000", "ne peut pas dépasser 999"),
        ("10,505", "au plus 2 chiffres après la virgule"),
        ("1.000,5", "ambigu"),
    ],
)
def test_an_amount_field_refuses_in_french(text, message):
    with pytest.raises(ValidationError) as refusal:
        AmountInput(label="Coût total").clean(text)
    assert message in " ".join(refusal.value.messages)


def test_trailing_zeros_beyond_the_cents_are_not_a_refusal():
    assert AmountInput(label="x").clean("10,500") == Decimal("10.50")


def test_count_and_percent_fields_are_whole_and_bounded():
    assert CountInput(label="n").clean("1 200") == 1200
    assert PercentInput(label="q").clean("50 %") == 50
    with pytest.raises(ValidationError, match="100"):
        PercentInput(label="q").clean("101")
    with pytest.raises(ValidationError, match="entier"):
        CountInput(label="n").clean("2,5")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10 000,01", Decimal("10000.01")),
        (10000.01, Decimal("10000.01")),
        (1000, Decimal("1000")),
        ("1000", Decimal("1000")),
        (0.1, Decimal("0.1")),
    ],
)
def test_the_api_amount_takes_a_json_number_or_a_french_string(value, expected):
    assert TypeAdapter(AmountIn).validate_python(value) == expected


@pytest.mark.parametrize("value", ["1.000,5", "abc", True, None, 12345678901234, 1e30, "1e30", -1, [1]])
def test_the_api_weight_refuses_what_the_form_refuses(value):
    with pytest.raises(PydanticError):
        TypeAdapter(ShareWeightIn).validate_python(value)


def test_the_api_count_refuses_ten_to_the_thirty_in_french():
    with pytest.raises(PydanticError) as refusal:
        TypeAdapter(CountIn).validate_python(10**30)
    assert f"ne peut pas dépasser 1{NBSP}000{NBSP}000{NBSP}000" in str(refusal.value)


def test_the_api_schema_documents_both_forms():
    schema = TypeAdapter(AmountIn).json_schema()
    kinds = {option["type"] for option in schema["anyOf"]}
    assert kinds == {"number", "string"}
    assert schema["anyOf"][0]["maximum"] == float(MAX_AMOUNT)


def test_french_writes_thousands_with_a_no_break_space():
    assert format_number(Decimal("1234567.80")) == f"1{NBSP}234{NBSP}567,80"
