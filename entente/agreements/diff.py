"""A readable diff between two frozen versions: per article, words struck out and inserted."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)

ADDED, REMOVED, CHANGED, UNCHANGED = "ajouté", "supprimé", "modifié", "inchangé"


@dataclass
class DiffBlock:
    part: str  # "Tronc commun" or the annex's partner
    label: str
    status: str
    html: SafeString

    @property
    def changed(self) -> bool:
        return self.status != UNCHANGED


def word_diff(old: str, new: str) -> SafeString:
    """HTML of `new` with deleted words in <del> and inserted words in <ins>."""
    old_tokens, new_tokens = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(escape("".join(old_tokens[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(old_tokens[i1:i2]))}</del>")
        if tag in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(new_tokens[j1:j2]))}</ins>")
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 — every piece is escaped above


def _article_text(article: dict | None) -> str:
    return f"{article['title']}\n{article['body']}" if article else ""


def _align(old: list[dict], new: list[dict]):
    """Pair articles of two lists: same titles first, then by position inside replaced runs."""
    matcher = difflib.SequenceMatcher(a=[a["title"] for a in old], b=[a["title"] for a in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from zip(old[i1:i2], new[j1:j2], strict=True)
            continue
        olds, news = old[i1:i2], new[j1:j2]
        for index in range(max(len(olds), len(news))):
            yield (olds[index] if index < len(olds) else None, news[index] if index < len(news) else None)


def _block(part: str, number: int, old: dict | None, new: dict | None, prefix: str) -> DiffBlock:
    title = (new or old)["title"]
    label = f"{prefix} {number} — {title}"
    if old is None:
        return DiffBlock(part, label, ADDED, word_diff("", _article_text(new)))
    if new is None:
        return DiffBlock(part, label, REMOVED, word_diff(_article_text(old), ""))
    status = UNCHANGED if _article_text(old) == _article_text(new) else CHANGED
    return DiffBlock(part, label, status, word_diff(_article_text(old), _article_text(new)))


def _articles(part, old, new, prefix) -> list[DiffBlock]:
    return [_block(part, index, a, b, prefix) for index, (a, b) in enumerate(_align(old, new), start=1)]


def diff_contents(old: dict, new: dict) -> list[DiffBlock]:
    trunk = "Tronc commun"
    blocks = []
    for key, label in (("title", "Intitulé"), ("preamble", "Préambule")):
        before, after = old.get(key) or "", new.get(key) or ""
        if before or after:
            status = UNCHANGED if before == after else CHANGED if before and after else ADDED if after else REMOVED
            blocks.append(DiffBlock(trunk, label, status, word_diff(before, after)))
    blocks += _articles(trunk, old.get("articles", []), new.get("articles", []), "Article")
    old_annexes = {a["partner"]: a for a in old.get("annexes", [])}
    new_annexes = {a["partner"]: a for a in new.get("annexes", [])}
    for partner in list(new_annexes) + [p for p in old_annexes if p not in new_annexes]:
        before, after = old_annexes.get(partner), new_annexes.get(partner)
        part = f"Annexe — {partner}"
        blocks += _articles(part, (before or {}).get("articles", []), (after or {}).get("articles", []), "Article")
        if before is None and not (after or {}).get("articles"):
            blocks.append(DiffBlock(part, part, ADDED, word_diff("", after["title"])))
        if after is None and not before.get("articles"):
            blocks.append(DiffBlock(part, part, REMOVED, word_diff(before["title"], "")))
    return blocks


def summary(blocks: list[DiffBlock]) -> dict[str, int]:
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, UNCHANGED: 0}
    for block in blocks:
        counts[block.status] += 1
    return counts
