"""French formatting: the one home for amounts, numbers, percentages, dates and lists as people read them.

Every page, message, export and document prints a figure through these functions, so that the same
amount never appears two ways. Numbers use Django's French localisation (`django/conf/locale/fr`):
comma as decimal mark and a no-break space (U+00A0) between thousands, the character the number
parser (`core.numbers`) reads back and that keeps "10 000,01 €" on one line. The language is the
project's (`LANGUAGE_CODE`), not the request's: a worker or a command prints the same text as a page.

Dates and times are shown in the project's time zone (Europe/Paris): an aware datetime is
converted first, so that a meeting at 9:00 in Paris never prints as 8:00.
"""

import datetime
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, numberformat, timezone, translation

NBSP = "\u00a0"


def _separators() -> tuple[str, str]:
    """(decimal mark, thousands separator) of the project's language; get_format caches them."""
    lang = settings.LANGUAGE_CODE
    return (
        formats.get_format("DECIMAL_SEPARATOR", lang=lang, use_l10n=True),
        formats.get_format("THOUSAND_SEPARATOR", lang=lang, use_l10n=True),
    )


def _decimal(value) -> Decimal:
    # str() first: Decimal(0.1) would carry the binary float's 55 digits.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def format_number(value, decimals: int | None = None, *, trim: bool = False) -> str:
    """10 000,5: grouped thousands; `decimals` rounds (half to even) to that many places.

    Without `decimals`, a Decimal keeps the places it carries (a field's "10 000,10" stays so);
    `trim` drops trailing zeros instead ("1,50" → "1,5", "100,00" → "100"), for computed figures.
    """
    if value is None:
        return ""
    if isinstance(value, int) and decimals is None:
        return format_integer(value)
    number = _decimal(value)
    if not number.is_finite():
        return str(value)
    if decimals is not None:
        # Django's numberformat cuts extra places off; round first so 1,999 € prints as 2,00 €.
        number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)
    elif trim:
        number = number.normalize()
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
    decimal_mark, thousands = _separators()
    return numberformat.format(
        number, decimal_mark, decimal_pos=decimals, grouping=3, thousand_sep=thousands, force_grouping=True
    )


def format_integer(value: int) -> str:
    """12 345 (a count, a population)."""
    if value is None:
        return ""
    _, thousands = _separators()
    return numberformat.format(int(value), "", grouping=3, thousand_sep=thousands, force_grouping=True)


def format_money(value, decimals: int = 2) -> str:
    """10 000,01 € (euros; `decimals=0` for rounded figures such as budgets in a chart)."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}{NBSP}€"


def format_measure(value: Decimal | None, unit: str = "") -> str:
    """A measured value as pages and tables write it: whole numbers without decimals, others with
    two, rounded as a person does (12,625 → 12,63, not to the even digit), then its unit."""
    if value is None:
        return "—"
    if value == value.to_integral_value():
        text = format_number(value, 0)
    else:
        text = format_number(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), 2)
    return f"{text}\u00a0{unit}" if unit else text


def format_cents(cents: int) -> str:
    """An amount held as integer cents (cost sharing), printed in euros: 8000001 → 80 000,01 €."""
    return format_money(Decimal(int(cents)).scaleb(-2))


def format_percent(value, decimals: int | None = None) -> str:
    """12,5 % (value already in percent, not a ratio)."""
    if value is None:
        return ""
    return f"{format_number(value, decimals)}{NBSP}%"


def _local(value: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(value):
        return value
    return timezone.localtime(value, ZoneInfo(settings.TIME_ZONE))


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """24 octobre 2019; 1er mars 2020 (the ordinal is written for the first of the month)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    day = "1er" if value.day == 1 else str(value.day)
    with translation.override(settings.LANGUAGE_CODE):
        month = formats.date_format(value, "F")
    return f"{day} {month} {value.year}"


def format_short_date(value: datetime.date | datetime.datetime | None) -> str:
    """24/10/2019 (tables, exports)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return value.strftime("%d/%m/%Y")


def format_time(value: datetime.datetime | datetime.time | None) -> str:
    """14 h 30; 9 h (the French way of writing an hour in running text)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value)
    return f"{value.hour}{NBSP}h" + (f"{NBSP}{value.minute:02d}" if value.minute else "")


def format_datetime(value: datetime.datetime | None) -> str:
    """24 octobre 2019 à 14 h 30, in Europe/Paris."""
    if value is None:
        return ""
    return f"{format_date(value)} à {format_time(value)}"


def format_short_datetime(value: datetime.datetime | None) -> str:
    """24/10/2019 14:30, in Europe/Paris (history tables, exports)."""
    if value is None:
        return ""
    return _local(value).strftime("%d/%m/%Y %H:%M")


def format_list(items, conjunction: str = "et") -> str:
    """a, b et c (empty items are left out; `conjunction="ou"` for alternatives)."""
    words = [str(item) for item in items if item is not None and str(item)]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
