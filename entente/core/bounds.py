"""The bounds every input of Entente respects, in one place: the API schemas, the forms and the models
read them from here.

Why bounds at all: a date in year 9999 overflows as soon as a page converts it to Europe/Paris, an
integer of 2^63 does not fit a database column, and a 2 MB description slows every page that shows
it. An input outside these bounds is refused at the edge with a French message, so nothing stored
can break a page later.

Amounts, weights, percentages and counts have their bounds, their French parser, their form fields
and their API types in `entente.core.numbers`.
"""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from pydantic import AfterValidator, Field, StringConstraints

# Dates: far enough for history (a commune created in 1901, an agreement signed in 1990) and for
# plans (a 2050 target), with room for date arithmetic (deadlines, periodicities) on both sides.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)
DATE_RANGE_MESSAGE = "la date doit être comprise entre le 01/01/1900 et le 31/12/2100"

# Identifiers are BigAutoField keys; SQLite and PostgreSQL both store signed 64-bit integers.
MAX_ID = 2**63 - 1
# A page of a list: 100 items unless asked, 500 at most; an offset beyond any list we hold.
DEFAULT_PAGE = 100
MAX_PAGE = 500
MAX_OFFSET = 1_000_000

# Text lengths, by use.
SEARCH_LENGTH = 100  # a search box
LABEL_LENGTH = 255  # a title, a name, a place
DESCRIPTION_LENGTH = 20_000  # a description, a mandate, a note (about ten printed pages)
DOCUMENT_LENGTH = 100_000  # the text of an agreement article, minutes of a meeting


def is_realistic_date(value: date | datetime) -> bool:
    day = value.date() if isinstance(value, datetime) else value
    return MIN_DATE <= day <= MAX_DATE


def validate_realistic_date(value):
    """Form and model validator: a date (or date and time) between 1900 and 2100."""
    if value is not None and not is_realistic_date(value):
        raise ValidationError(DATE_RANGE_MESSAGE[0].upper() + DATE_RANGE_MESSAGE[1:] + ".", code="date_range")


def _check_date(value):
    if value is not None and not is_realistic_date(value):
        raise ValueError(DATE_RANGE_MESSAGE)
    return value


def _check_text(value: str) -> str:
    # PostgreSQL refuses the NUL character in text; other control characters have no place in a
    # field typed by a person (tabs and line breaks stay).
    if any(ord(char) < 32 and char not in "\t\n\r" for char in value):
        raise ValueError("la valeur contient des caractères de contrôle")
    return value


# --- types for the API schemas -----------------------------------------------------------------

ApiDate = Annotated[date, AfterValidator(_check_date), Field(description="entre le 1900-01-01 et le 2100-12-31")]
ApiDateTime = Annotated[
    datetime, AfterValidator(_check_date), Field(description="ISO 8601, entre le 1900-01-01 et le 2100-12-31")
]
Id = Annotated[int, Field(ge=1, le=MAX_ID, description="identifiant")]
SmallInt = Annotated[int, Field(ge=-1_000_000, le=1_000_000)]


def text(max_length: int, min_length: int = 0):
    """A string type of at most `max_length` characters, without control characters."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length), AfterValidator(_check_text)]


SearchText = text(SEARCH_LENGTH)
Label = text(LABEL_LENGTH)
Description = text(DESCRIPTION_LENGTH)
Document = text(DOCUMENT_LENGTH)
# A cooperation's slug as it appears in a path.
Slug = Annotated[str, StringConstraints(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]
DECISION_LENGTH = 10_000  # the text of a decision, as the register prints it
COMMENT_LENGTH = 4_000  # a comment on an article of an agreement
