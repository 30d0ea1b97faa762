"""The one French formatting of figures, dates and lists (core.formatting)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from entente.core.formatting import (
    format_cents,
    format_date,
    format_datetime,
    format_integer,
    format_list,
    format_money,
    format_number,
    format_percent,
    format_short_date,
    format_short_datetime,
)
from entente.core.numbers import parse_number

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("10000.01"), f"10{NBSP}000,01{NBSP}€"),
        (Decimal("12500"), f"12{NBSP}500,00{NBSP}€"),
        (0, f"0,00{NBSP}€"),
        (Decimal("-1234567.5"), f"-1{NBSP}234{NBSP}567,50{NBSP}€"),
        (Decimal("1.999"), f"2,00{NBSP}€"),  # rounded, not cut as Django's number_format would
        (12.5, f"12,50{NBSP}€"),
    ],
)
def test_money_is_grouped_by_thousands_with_a_no_break_space(value, expected):
    assert format_money(value) == expected


def test_money_reads_back_through_the_french_parser():
    assert parse_number(format_money(Decimal("987654321.09")), units=("€",)) == Decimal("987654321.09")


def test_rounded_money_and_cents():
    assert format_money(Decimal("1234.56"), decimals=0) == f"1{NBSP}235{NBSP}€"
    assert format_cents(8000001) == f"80{NBSP}000,01{NBSP}€"
    assert format_money(None) == ""


def test_numbers_keep_their_places_unless_trimmed():
    assert format_number(Decimal("10000.10")) == f"10{NBSP}000,10"
    assert format_number(Decimal("10000.10"), trim=True) == f"10{NBSP}000,1"
    assert format_number(Decimal("600000.00"), trim=True) == f"600{NBSP}000"
    assert format_number(Decimal("2.345"), 2) == "2,34"  # half to even
    assert format_integer(1234567) == f"1{NBSP}234{NBSP}567"
    assert format_percent(Decimal("12.5")) == f"12,5{NBSP}%"


def test_the_projects_language_is_used_whatever_the_request_speaks():
    with translation.override("en"):
        assert format_money(Decimal("1000")) == f"1{NBSP}000,00{NBSP}€"
        assert format_date(datetime.date(2020, 3, 1)) == "1er mars 2020"


def test_dates_are_written_in_words_with_the_ordinal_first():
    assert format_date(datetime.date(2019, 10, 24)) == "24 octobre 2019"
    assert format_date(datetime.date(2020, 3, 1)) == "1er mars 2020"
    assert format_short_date(datetime.date(2020, 3, 1)) == "01/03/2020"
    assert format_date(None) == ""


def test_datetimes_are_shown_in_paris_time():
    moment = datetime.datetime(2026, 1, 31, 23, 30, tzinfo=ZoneInfo("UTC"))  # 1 February, 0:30 in Paris
    assert format_date(moment) == "1er février 2026"
    assert format_datetime(moment) == f"1er février 2026 à 0{NBSP}h{NBSP}30"
    assert format_short_datetime(moment) == "01/02/2026 00:30"
    summer = datetime.datetime(2026, 7, 1, 7, 0, tzinfo=ZoneInfo("UTC"))
    assert format_datetime(summer) == f"1er juillet 2026 à 9{NBSP}h"


def test_french_lists_join_the_last_item_with_et():
    assert format_list(["la Loire", "le Cher", "l'Indre"]) == "la Loire, le Cher et l'Indre"
    assert format_list(["a", "", None, "b"]) == "a et b"
    assert format_list(["seul"]) == "seul"
    assert format_list([]) == ""
    assert format_list(["oui", "non"], conjunction="ou") == "oui ou non"
