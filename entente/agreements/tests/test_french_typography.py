"""French typography of documents: no-break spaces, guillemets, dates and amounts."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from entente.agreements.text import (
    check_placeholders,
    fill_placeholders,
    french_typography,
)
from entente.core.formatting import format_date, format_money


def test_no_break_spaces_before_double_punctuation():
    assert french_typography("Objet : la coopération ; vraiment ? oui !") == (
        "Objet\u00a0: la coopération\u202f; vraiment\u202f? oui\u202f!"
    )


def test_guillemets_hold_no_break_spaces():
    assert french_typography("« Piloter ensemble »") == "«\u00a0Piloter ensemble\u00a0»"


def test_addresses_and_times_keep_their_colons():
    assert french_typography("https://entente.fr à 10:30") == "https://entente.fr à 10:30"


def test_dates_are_written_in_words():
    assert format_date(datetime.date(2019, 10, 24)) == "24 octobre 2019"
    assert format_date(datetime.date(2020, 3, 1)) == "1er mars 2020"


def test_amounts_group_thousands():
    # One thousands separator everywhere (Django's French localisation): the no-break space.
    assert format_money(Decimal("12500")) == "12\u00a0500,00\u00a0€"


def test_unknown_placeholders_are_refused_in_french():
    with pytest.raises(ValidationError, match="Variable inconnue dans le texte : \\{\\{ budget \\}\\}"):
        check_placeholders("Le {{ budget }} est voté.")


def test_the_partner_placeholder_belongs_to_annexes():
    check_placeholders("Engagements de {{ partenaire }}.", in_annex=True)
    with pytest.raises(ValidationError):
        check_placeholders("Engagements de {{ partenaire }}.")


def test_placeholders_are_filled():
    assert fill_placeholders("Pilotage : {{ instances }}.", {"instances": "le CODIRI"}) == "Pilotage : le CODIRI."


def test_straight_double_quotes_become_guillemets():
    assert french_typography('la démarche "Piloter ensemble" :') == "la démarche «\u00a0Piloter ensemble\u00a0»\u00a0:"


def test_numbers_keep_their_sign_on_the_same_line():
    assert french_typography("Délibération n° 2019-142 : 12 % et 300 €") == (
        "Délibération n°\u00a02019-142\u00a0: 12\u00a0% et 300\u00a0€"
    )


def test_three_dots_become_an_ellipsis_and_apostrophes_curl():
    assert french_typography("l'entente...") == "l’entente…"


def test_typography_applied_twice_changes_nothing():
    once = french_typography('Objet : "Entente" ; n° 3, 12 %...')
    assert french_typography(once) == once


def test_code_articles_keep_their_letter_with_their_number():
    assert french_typography("articles L. 5411-1 et R. 2121-10") == "articles L.\u00a05411-1 et R.\u00a02121-10"
