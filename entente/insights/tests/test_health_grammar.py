"""Health sentences agree with the name of the body: a body named in the plural takes a plural verb."""

from entente.insights.health_figures import conjugated, met_word, pronoun_of, the_name


def test_a_body_named_in_the_plural_takes_the_plural_article_and_verb():
    assert the_name("Ateliers thématiques") == "les ateliers thématiques"
    assert met_word("Ateliers thématiques") == "réunis"
    assert pronoun_of("Ateliers thématiques") == "ils"
    assert conjugated("Ateliers thématiques", "doit", "doivent") == "doivent"


def test_singular_names_keep_the_singular():
    assert the_name("Comité de suivi") == "le comité de suivi"
    assert the_name("Conférence des Présidents") == "la conférence des Présidents"
    assert met_word("Conférence des Présidents") == "réunie"
    assert the_name("Atelier numérique") == "l'atelier numérique"
    assert the_name("Congrès des maires") == "le congrès des maires"
    assert conjugated("CODIRI", "doit", "doivent") == "doit"
    assert the_name("CoDir") == "le CoDir"


def test_a_feminine_plural_agrees_in_both():
    assert met_word("Commissions thématiques") == "réunies"
    assert pronoun_of("Commissions thématiques") == "elles"


def test_parity_says_why_it_cannot_be_measured():
    from types import SimpleNamespace

    from entente.insights.attendance_health import _no_convener_sentence

    period = SimpleNamespace(in_words="en 2026")
    held = SimpleNamespace(past_meetings=[object()] * 10, period=period)
    assert _no_convener_sentence(held) == (
        "Les 10 réunions tenues en 2026 ne nomment pas de partenaire qui les convoque : la parité ne se mesure pas."
    )
    none = SimpleNamespace(past_meetings=[], period=period)
    assert _no_convener_sentence(none).startswith("Aucune réunion tenue en 2026")
