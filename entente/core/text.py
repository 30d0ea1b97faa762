"""Text normalisation shared by every search (territories, organisations, pistes)."""

import re
import unicodedata

# "Saint-Étienne", "St Etienne" and "st-etienne" must all meet on the same tokens.
_ABBREVIATIONS = {"saint": "st", "sainte": "ste", "saints": "sts", "saintes": "stes"}
_SEPARATORS = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and ligatures, turn punctuation into single spaces."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    ascii_only = ascii_only.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    return _SEPARATORS.sub(" ", ascii_only.lower()).strip()


def search_tokens(text: str) -> list[str]:
    """Folded words with the usual French abbreviations applied."""
    return [_ABBREVIATIONS.get(word, word) for word in fold(text).split()]


def search_key(text: str) -> str:
    return " ".join(search_tokens(text))
