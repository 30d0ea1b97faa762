"""Co-drafting: comments on the articles of a draft, proposed wordings, and retaining one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .agreement_services import stored_user, update_article
from .annex_services import update_annex_article
from .models import Comment
from .text import check_placeholders


@transaction.atomic
def add_comment(*, user, body, article=None, annex_article=None, proposed_body="") -> Comment:
    """A remark on one article of a draft, with an optional new wording for the whole article."""
    agreement = article.agreement if article else annex_article.annex.agreement
    if not agreement.is_draft:
        raise ValidationError("On ne commente que le brouillon d'une convention.")
    body, proposed_body = body.strip(), (proposed_body or "").strip()
    unchanged = proposed_body == (article or annex_article).body.strip()
    if unchanged:
        proposed_body = ""  # the form offers the current text to edit: left as it is, it proposes nothing
    if not body and not proposed_body:
        raise ValidationError(
            "La rédaction proposée est identique au texte actuel : modifiez-la ou écrivez un commentaire."
            if unchanged
            else "Le commentaire est vide."
        )
    if proposed_body:
        check_placeholders(proposed_body, in_annex=annex_article is not None)
    return Comment.objects.create(
        article=article,
        annex_article=annex_article,
        author=stored_user(user),
        body=body or "Proposition de nouvelle rédaction.",
        proposed_body=proposed_body,
    )


@transaction.atomic
def resolve_comment(*, comment, user) -> Comment:
    if comment.is_resolved:
        raise ValidationError("Ce commentaire est déjà résolu.")
    comment.resolved_at = timezone.now()
    comment.resolved_by = stored_user(user)
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


def proposal_reason(comment) -> str:
    """What the article's history says of a retained proposal (simple_history keeps 100 characters)."""
    author = comment.author.public_name if comment.author_id else "un compte supprimé"
    return f"Proposition de {author} retenue (commentaire n° {comment.pk})"[:100]


@transaction.atomic
def apply_proposal(*, comment, user) -> Comment:
    """The coordinator retains a member's wording: the article takes it, the history names its author."""
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("author", "article__agreement", "annex_article__annex__agreement")
        .get(pk=comment.pk)
    )
    if not comment.proposed_body:
        raise ValidationError("Ce commentaire ne propose pas de nouvelle rédaction.")
    if comment.is_resolved:
        raise ValidationError("Ce commentaire est déjà résolu : sa proposition ne peut plus être retenue.")
    target = comment.target
    target._change_reason = proposal_reason(comment)
    if comment.article_id:
        update_article(article=target, title=target.title, body=comment.proposed_body)
    else:
        update_annex_article(annex_article=target, title=target.title, body=comment.proposed_body)
    comment.resolved_at = comment.applied_at = timezone.now()
    comment.resolved_by = stored_user(user)
    comment.save(update_fields=["resolved_at", "resolved_by", "applied_at"])
    return comment
