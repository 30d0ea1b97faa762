"""The history of one agreement, read with the core history builder (entente.core.history).

Its sources are the agreement and everything written inside it: articles, annexes and their
articles, signatories and comments. Long texts (an article's body, the preamble, a proposed
wording) changed in place are shown as a word diff (diff.py) through the builder's diff hook;
a comment or a proposed wording appears with its text when it is written.
"""

from django.db.models import Q

from entente.core.history import Ref, Source, history_entries
from entente.territories.models import Organization

from .diff import word_diff
from .models import Annex, AnnexArticle, Article, Comment, Signatory

LONG_TEXT_FIELDS = {"body", "preamble", "proposed_body"}
CREATED = "+"


def word_diff_of_long_texts(field, old, new):
    """The diff hook: a long text changed in place reads as words removed and added."""
    if field.name in LONG_TEXT_FIELDS:
        return word_diff(old or "", new or "")
    return None


def _comment_label(record) -> str:
    return "Proposition de rédaction" if record.proposed_body else "Commentaire"


def agreement_history(agreement, *, limit: int = 300) -> list:
    """The `limit` latest changes to the agreement and its parts, newest first."""
    comments = Comment.history.filter(Q(article__agreement=agreement) | Q(annex_article__annex__agreement=agreement))
    sources = [
        Source("Convention", agreement.history.all(), lambda record: record.title),
        Source("Article", Article.history.filter(agreement_id=agreement.pk), lambda record: record.title),
        Source("Annexe", Annex.history.filter(agreement_id=agreement.pk), lambda record: record.title),
        Source(
            "Article d'annexe",
            AnnexArticle.history.filter(annex__agreement=agreement),
            lambda record: record.title,
        ),
        Source(
            "Signataire",
            Signatory.history.filter(agreement_id=agreement.pk),
            lambda record: Ref(Organization, record.organization_id),
        ),
        Source("Commentaire", comments, lambda record: record.body[:60]),
    ]
    entries = history_entries(sources, limit=limit, diff=word_diff_of_long_texts)
    for entry in entries:
        if entry.kind == "Commentaire" and entry.record.history_type == CREATED:
            entry.operation = _comment_label(entry.record)
    return entries
