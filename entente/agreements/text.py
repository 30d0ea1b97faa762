"""French typography of documents and the placeholders articles may hold.

Dates, amounts and lists are formatted by `entente.core.formatting`.
"""

import re

from django.core.exceptions import ValidationError

NBSP = "\u00a0"  # before « : » and inside guillemets
NNBSP = "\u202f"  # thin no-break space before ; ! ?

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
PLACEHOLDERS = {
    "cooperation": "le nom de la coopération",
    "partenaires": "la liste des partenaires actifs",
    "signataires": "la liste des signataires",
    "instances": "les instances de la coopération (comités, conférences…)",
    "finalites": "les finalités de la coopération",
    "formes": "les formes de coopération retenues",
    "duree": "la durée de la convention",
    "date_debut": "la date de prise d'effet",
    "date_fin": "la date d'échéance",
    "partenaire": "le partenaire de l'annexe (dans une annexe seulement)",
}


def french_duration(months: int | None) -> str:
    if not months:
        return ""
    if months % 12 == 0:
        years = months // 12
        return f"{years} an" if years == 1 else f"{years} ans"
    return f"{months} mois"


_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]*([;!?])(?=\s|$|[»)])")
_SPACE_BEFORE_COLON = re.compile(r"(?<=[\w»)\]%€])[ \u00a0\u202f]*:(?=\s|$)")
_OPENING_GUILLEMET = re.compile(r"«[ \u00a0\u202f]*")
_CLOSING_GUILLEMET = re.compile(r"[ \u00a0\u202f]*»")


_STRAIGHT_QUOTES = re.compile(r'"([^"\n]+)"')
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_NUMERO = re.compile(r"(?:(?<=\s)|^)([nN]°|[nN]os?\b|art\.|[LRD]\.)[ \u00a0\u202f]*(?=\d)")
_SPACE_BEFORE_UNIT = re.compile(r"(?<=\d)[ \u00a0\u202f]*(%|€)")


def french_typography(text: str) -> str:
    """French typography, so that no line starts with a lone sign and quotes are French.

    No-break spaces before ; : ! ? and inside « » (straight "double quotes" become guillemets),
    before % and € after a figure and after n° or art.; three dots become an ellipsis; the straight
    apostrophe becomes a typographic one. Only punctuation followed by a space or the end of a
    line is touched, so that addresses (https://…) and times (10:30) keep their form.
    """
    if not text:
        return ""
    text = _STRAIGHT_QUOTES.sub(lambda m: f"«{m.group(1).strip()}»", text)
    text = _ELLIPSIS.sub("…", text)
    text = _NUMERO.sub(lambda m: m.group(1) + NBSP, text)
    text = _SPACE_BEFORE_UNIT.sub(lambda m: NBSP + m.group(1), text)
    text = _SPACE_BEFORE.sub(lambda m: NNBSP + m.group(1), text)
    text = _SPACE_BEFORE_COLON.sub(NBSP + ":", text)
    text = _OPENING_GUILLEMET.sub("«" + NBSP, text)
    text = _CLOSING_GUILLEMET.sub(NBSP + "»", text)
    text = text.replace("'", "’")
    return text


def check_placeholders(text: str, *, in_annex: bool = False) -> None:
    """Refuse a body that names a placeholder the documents do not know."""
    allowed = set(PLACEHOLDERS) - (set() if in_annex else {"partenaire"})
    unknown = sorted({name for name in PLACEHOLDER.findall(text or "") if name not in allowed})
    if unknown:
        names = ", ".join(f"{{{{ {name} }}}}" for name in unknown)
        choices = ", ".join(f"{{{{ {name} }}}}" for name in sorted(allowed))
        raise ValidationError(f"Variable inconnue dans le texte : {names}. Variables possibles : {choices}.")
    if (text or "").count("{{") != len(PLACEHOLDER.findall(text or "")):
        raise ValidationError(
            "Une variable est mal écrite : écrivez-la entre doubles accolades, par exemple {{ instances }}."
        )


# "de {{ partenaire }}": the preposition is rewritten with the partner's article ("de la Loire",
# "d'Ancenis-Saint-Géréon") when `values` holds the "de" form under "<name>_de".
_DE_PLACEHOLDER = re.compile(r"\b([Dd])e\s+\{\{\s*([a-z_]+)\s*\}\}")


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    def replace(match):
        name = match.group(1)
        if name not in values:
            raise ValidationError(f"La variable {{{{ {name} }}}} n'a pas de valeur dans ce document.")
        return values[name]

    def replace_with_article(match):
        capital, name = match.groups()
        if f"{name}_de" not in values:
            return match.group(0)
        de_form = values[f"{name}_de"]
        return de_form[0].upper() + de_form[1:] if capital == "D" else de_form

    return PLACEHOLDER.sub(replace, _DE_PLACEHOLDER.sub(replace_with_article, text or ""))


def paragraphs(text: str) -> list[str]:
    """Split a body into paragraphs on blank lines; single line breaks stay inside a paragraph."""
    blocks = re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n").strip())
    return [block.strip() for block in blocks if block.strip()]
