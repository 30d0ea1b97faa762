"""French grammar for generated text: articles of place names, plurals, agreement.

A territory's article comes from Insee's TNCC ("type de nom en clair", 0–8), carried by the
registry (`Territory.tncc`). Insee's charnières for "de" are: 0 "de", 1 "d'", 2 "du",
3 "de la", 4 "des", 5 "de l'", 6 "des", 7 "de las", 8 "de los". A commune's name already
holds its article ("Le Mans", "Les Achards"); a département's or a région's does not ("Loire",
tncc 3): both shapes are handled. Names without a TNCC (EPCI, organisations, a few communes of
the COM) get one inferred from their first word, which is exact for the article in the name and
for the usual institutional nouns ("la CC", "le Conseil départemental").

Everything here takes a Territory, an Organization (its territory's article is used when the
organisation bears the territory's name) or a plain string, and returns plain text: templates
escape it like any other string.
"""

import re
from decimal import Decimal

from .formatting import format_integer, format_number

# The article a TNCC code stands for, as written inside a sentence.
_ARTICLES = {2: "le", 3: "la", 4: "les", 5: "l'", 6: "aux", 7: "las", 8: "los"}
# Forms where the article contracts with the preposition: "de le" → "du", "à les" → "aux".
_CONTRACTED = {
    "de": {2: "du ", 4: "des ", 6: "des "},
    "à": {2: "au ", 4: "aux ", 6: "aux "},
}
_VOWELS = "aeiouyàâäéèêëîïôöùûüœæ"

# Institutional first words of names without a TNCC, with their gender ("f"/"m").
_INSTITUTIONAL = {
    **dict.fromkeys(
        ["cc", "ca", "cu", "communauté", "métropole", "région", "préfecture", "sous-préfecture", "direction",
         "agence", "chambre", "mairie", "ville", "commune", "collectivité", "association", "fédération", "caisse",
         "société", "université", "conférence", "entente", "eurométropole", "dreal", "ddt", "ddtm", "délégation",
         "maison", "mission", "union"],
        "f",
    ),
    **dict.fromkeys(
        ["conseil", "département", "syndicat", "sivom", "sivu", "smictom", "pôle", "petr", "parc", "centre",
         "cnfpt", "groupement", "établissement", "état", "office", "pays", "service", "ministère", "cerema",
         "sdis", "ccas", "gip", "comité", "institut", "secrétariat", "territoire"],
        "m",
    ),
}
# Départements and régions without an article whose locative is "à", not "en" ("à Paris"),
# and those with an article that still take "en" ("en Guadeloupe").
_LOCATIVE_A = {"Paris", "Mayotte", "La Réunion", "Saint-Pierre-et-Miquelon", "Saint-Barthélemy", "Saint-Martin",
               "Wallis et Futuna"}
_LOCATIVE_EN = {"Guadeloupe", "Martinique", "Guyane"}


def _parts(place) -> tuple[str, int, bool, str]:
    """(name, tncc, article_in_name, kind) for a Territory, an Organization or a string."""
    territory = getattr(place, "territory", None)
    if territory is not None and getattr(place, "name", None) == territory.name:
        place = territory  # "Ancenis-Saint-Géréon" the partner is the commune of that name.
    name = str(getattr(place, "name", place) or "").strip()
    kind = getattr(place, "kind", "") if hasattr(place, "tncc") else ""
    tncc = getattr(place, "tncc", None)
    if tncc is None or (tncc == 0 and name[:1].lower() in _VOWELS):
        # Etalab gives 0 to a few COM names starting with a vowel ("Île de Clipperton"): Insee's 0
        # means a consonant, so the name's own first letter decides.
        tncc = infer_tncc(name)
    article = _ARTICLES.get(tncc)
    in_name = bool(article) and _starts_with_article(name, article)
    return name, tncc, in_name, kind


def _starts_with_article(name: str, article: str) -> bool:
    lowered = name.lower().replace("’", "'")
    return lowered.startswith(article) if article.endswith("'") else lowered.startswith(article + " ")


def infer_tncc(name: str) -> int:
    """A TNCC for a name the registry gives none: its own article, an institutional noun, or its first letter."""
    lowered = name.lower().replace("’", "'")
    for tncc, article in _ARTICLES.items():
        if tncc in (2, 3, 4, 5, 6) and _starts_with_article(lowered, article):
            return tncc
    first_word = re.split(r"[\s—–,]+", lowered, maxsplit=1)[0] if lowered else ""
    gender = _INSTITUTIONAL.get(first_word)
    if gender and first_word[0] in _VOWELS:
        return 5  # "de l'Agence", "de l'État": the article elides before a vowel.
    if gender:
        return 3 if gender == "f" else 2
    return 1 if lowered[:1] in _VOWELS else 0


def _with_preposition(place, preposition: str) -> str:
    name, tncc, in_name, _kind = _parts(place)
    contracted = _CONTRACTED[preposition].get(tncc)
    if contracted:
        # "Le Mans" → "du Mans"; "Loiret" (tncc 2, article not in the name) → "du Loiret".
        bare = name.split(" ", 1)[1] if in_name else name
        return contracted + bare
    if tncc == 1 and preposition == "de":
        return "d'" + name
    if in_name or tncc in (0, 1):
        return f"{preposition} {name}"  # "de La Rochelle", "à L'Haÿ-les-Roses", "à Tours".
    article = _ARTICLES[tncc]
    return f"{preposition} {article}{name}" if article.endswith("'") else f"{preposition} {article} {name}"


def de(place) -> str:
    """"de la Loire", "du Loiret", "d'Indre-et-Loire", "des Hauts-de-Seine", "de Tours", "du Mans"."""
    return _with_preposition(place, "de")


def a(place) -> str:
    """"à Tours", "au Mans", "aux Achards", "à la Loire", "à l'Ain", "à La Rochelle"."""
    return _with_preposition(place, "à")


def dans(place) -> str:
    """Where something is: "à Tours" (commune), "dans la Loire", "dans le Loiret", "en Indre-et-Loire",
    "en Bretagne", "à Paris", "sur le territoire de la CC du Pays d'Ancenis" (EPCI)."""
    name, tncc, in_name, kind = _parts(place)
    if kind == "commune":
        return a(place)
    if kind == "epci" or (not kind and tncc in (2, 3, 5) and not in_name):
        return "sur le territoire " + de(place)
    if name in _LOCATIVE_A:
        return "à " + name
    # Feminine régions take "en" ("en Nouvelle-Aquitaine"); for départements "dans la" is never wrong.
    if tncc in (0, 1) or name in _LOCATIVE_EN or (kind == "region" and tncc == 3 and not in_name):
        return "en " + name
    if in_name:
        return "dans " + name[0].lower() + name[1:]
    article = _ARTICLES[tncc]
    return f"dans {article}{name}" if article.endswith("'") else f"dans {article} {name}"


def with_article(place) -> str:
    """The name with its article, as a sentence's subject or object: "la Loire", "l'Ain", "Tours"."""
    name, tncc, in_name, _kind = _parts(place)
    article = _ARTICLES.get(tncc)
    if not article or in_name:
        return name
    return f"{article}{name}" if article.endswith("'") else f"{article} {name}"


def plural_form(count, singular: str, plural: str | None = None) -> str:
    """The noun agreeing with count, French rule: 0 and 1 (and anything below 2) take the singular."""
    value = Decimal(str(count)) if not isinstance(count, Decimal) else count
    if abs(value) < 2:
        return singular
    return plural if plural is not None else singular + "s"


def pluralize_fr(count, singular: str, plural: str | None = None) -> str:
    """"0 déchèterie", "1 déchèterie", "2 déchèteries", "1 500 habitants"."""
    shown = format_integer(count) if isinstance(count, int) else format_number(count)
    return f"{shown} {plural_form(count, singular, plural)}"


# Words after which a label's noun group ends: "places de crèche" → only "places" agrees.
_GROUP_ENDS = {"de", "du", "des", "d", "à", "au", "aux", "en", "pour", "sur", "par", "avec", "et", "ou"}


def _singular_word(word: str) -> str:
    lowered = word.lower()
    if lowered.endswith("eaux") or lowered.endswith(("eux", "oux")):
        return word[:-1]  # bureaux → bureau, lieux → lieu
    if lowered.endswith("aux"):
        return word[:-3] + "al"  # journaux → journal, locaux → local
    if lowered.endswith("s") and not lowered.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def singular_of(plural_label: str) -> str:
    """The singular of a label typed in the plural ("déchèteries", "logements sociaux", "places de crèche").

    Only the noun group agrees: words up to the first preposition or apostrophe. Regular French
    plurals only; a label in the singular comes back unchanged.
    """
    words = plural_label.split(" ")
    for index, word in enumerate(words):
        if word.lower() in _GROUP_ENDS or "'" in word or "’" in word:
            break
        words[index] = _singular_word(word)
    return " ".join(words)


def count_with_label(count, plural_label: str, shown: str | None = None) -> str:
    """A count and a label typed in the plural, agreed: "1 déchèterie", "0 déchèterie", "7 déchèteries"."""
    shown = shown if shown is not None else (format_integer(count) if isinstance(count, int) else str(count))
    if not plural_label:
        return shown
    return f"{shown} {plural_form(count, singular_of(plural_label), plural_label)}"


def agree(adjective: str, *, feminine: bool = False, plural: bool = False) -> str:
    """A regular adjective or past participle agreed with its noun: agree("signé", feminine=True) → "signée".

    Covers the regular forms Entente generates (participles in -é, -i, -u, -t; adjectives in -e
    do not change in the feminine); irregular ones are written out where they are used.
    """
    word = adjective
    if feminine and not word.endswith("e"):
        word += "e"
    if plural and not word.endswith(("s", "x")):
        word += "s"
    if adjective.isupper():
        word = word.upper()
    elif adjective[:1].isupper():
        word = word[0].upper() + word[1:]
    return word


def agree_with_count(word: str, count) -> str:
    """A one-word status or participle after a count: "2 engagées", "1 réalisée"; a phrase
    ("à l'étude") is invariable."""
    if " " in word.strip() or plural_form(count, "", "s") == "":
        return word
    return agree(word, plural=True)
