"""Changes to annexes: one per partner, filled from the partner's actions and shares in the portfolio."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from simple_history.utils import bulk_create_with_history

from entente.cooperations.models import Partnership
from entente.core.formatting import format_date, format_money
from entente.core.french import de
from entente.portfolio.selectors import partner_commitments

from .agreement_services import lock_draft
from .models import Annex, AnnexArticle
from .text import check_placeholders


def active_partnership(agreement, partnership) -> Partnership:
    """The partnership, when it is an active partner of the agreement's cooperation; else a French refusal."""
    if partnership.cooperation_id != agreement.cooperation_id:
        raise ValidationError(f"« {partnership.organization} » n'est pas partenaire de cette coopération.")
    if not partnership.is_active:
        raise ValidationError(
            f"« {partnership.organization} » a quitté la coopération le {format_date(partnership.left_on)} : "
            "on ne peut plus lui consacrer d'annexe."
        )
    return partnership


@transaction.atomic
def add_annex(*, agreement, partnership, title="") -> Annex:
    agreement = lock_draft(agreement)
    active_partnership(agreement, partnership)
    if agreement.annexes.filter(partnership=partnership).exists():
        raise ValidationError(f"La convention a déjà une annexe pour « {partnership.organization} ».")
    position = (agreement.annexes.aggregate(m=Max("position"))["m"] or 0) + 1
    return Annex.objects.create(
        agreement=agreement,
        partnership=partnership,
        position=position,
        title=title.strip() or f"Engagements {de(partnership.organization)}",
    )


@transaction.atomic
def fill_annex_from_portfolio(*, annex) -> int:
    """Replace the annex's portfolio articles with the partner's current actions and shares.

    Articles written by hand in the annex are kept; only those drawn from the portfolio are
    refreshed. Returns the number of actions pulled.
    """
    lock_draft(annex.agreement)
    active_partnership(annex.agreement, annex.partnership)
    commitments = partner_commitments(annex.agreement.cooperation, annex.partnership.organization)
    annex.articles.exclude(source_action="").filter(edited=False).delete()
    rewritten = set(annex.articles.exclude(source_action="").values_list("source_action", flat=True))
    start = (annex.articles.aggregate(m=Max("position"))["m"] or 0) + 1
    fresh = [item for item in commitments if _action_title(item)[:255] not in rewritten]
    rows = [
        AnnexArticle(
            annex=annex,
            position=start + index,
            title=_action_title(item)[:200],
            body=commitment_text(item),
            source_action=_action_title(item)[:255],
        )
        for index, item in enumerate(fresh)
    ]
    recap = financial_summary(commitments)
    if recap and FINANCIAL_SUMMARY not in rewritten:
        rows.append(
            AnnexArticle(
                annex=annex,
                position=start + len(rows),
                title=FINANCIAL_SUMMARY,
                body=recap,
                source_action=FINANCIAL_SUMMARY,
            )
        )
    bulk_create_with_history(rows, AnnexArticle)
    return len(commitments)


FINANCIAL_SUMMARY = "Récapitulatif des participations financières"


def financial_summary(commitments: list[dict]) -> str:
    """The partner's shares action by action and their total, as the annex's closing clause."""
    shares = [(item, item["share"]) for item in commitments if item.get("share") is not None]
    if not shares:
        return ""
    lines = [f"– {_action_title(item)} : {format_money(share)} ;" for item, share in shares]
    lines[-1] = lines[-1].rstrip(" ;") + "."
    total = sum((share for _item, share in shares), Decimal("0"))
    return "\n".join(
        [
            "Le partenaire participe au financement des actions suivantes :",
            *lines,
            f"Soit une participation totale de {format_money(total)}.",
        ]
    )


def _action_title(item: dict) -> str:
    return str(getattr(item["action"], "title", item["action"]))


def commitment_text(item: dict) -> str:
    """The clause describing one action a partner commits to, in the annex's words."""
    lines = []
    description = getattr(item["action"], "description", "")
    if description:
        lines.append(description.strip())
    if item.get("axis"):
        lines.append(f"Axe : {item['axis']}.")
    if item.get("workstream"):
        lines.append(f"Chantier : {item['workstream']}.")
    if item.get("role"):
        lines.append(f"Rôle du partenaire : {item['role']}.")
    share = item.get("share")
    if share is not None:
        lines.append(f"Participation financière : {format_money(share)}.")
    if item.get("explanation"):
        lines.append(str(item["explanation"]))
    return "\n".join(lines)


@transaction.atomic
def generate_annexes(*, agreement, partnerships=None) -> list[Annex]:
    """One annex per active partner (or the given ones), each filled from the portfolio."""
    agreement = lock_draft(agreement)
    if partnerships is None:
        partnerships = agreement.cooperation.partnerships.active().select_related("organization")
    annexes = []
    for partnership in partnerships:
        annex = agreement.annexes.filter(partnership=partnership).first() or add_annex(
            agreement=agreement,
            partnership=partnership,
        )
        fill_annex_from_portfolio(annex=annex)
        annexes.append(annex)
    return annexes


@transaction.atomic
def add_annex_article(*, annex, title, body="") -> AnnexArticle:
    lock_draft(annex.agreement)
    check_placeholders(body, in_annex=True)
    position = (annex.articles.aggregate(m=Max("position"))["m"] or 0) + 1
    return AnnexArticle.objects.create(annex=annex, title=title.strip(), body=body.strip(), position=position)


@transaction.atomic
def update_annex_article(*, annex_article, title, body) -> AnnexArticle:
    lock_draft(annex_article.annex.agreement)
    check_placeholders(body, in_annex=True)
    title, body = title.strip(), body.strip()
    if annex_article.source_action and (title, body) != (annex_article.title, annex_article.body):
        annex_article.edited = True  # a rewritten portfolio clause survives the next refresh of the annex
    annex_article.title, annex_article.body = title, body
    annex_article.save()
    return annex_article


@transaction.atomic
def delete_annex_article(*, annex_article) -> None:
    lock_draft(annex_article.annex.agreement)
    annex_article.delete()


@transaction.atomic
def delete_annex(*, annex) -> None:
    lock_draft(annex.agreement)
    annex.delete()
