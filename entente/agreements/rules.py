"""Who may do what with charters and agreements; read by views, the API and templates.

Two levels. The cooperation-wide verbs (`agreements_manage`...) join the cooperation's table of
abilities. The verbs on one object (`abilities(user, obj)`: may this coordinator still edit this
agreement, record a signature on it, retain this proposal, adopt this charter version?) combine
those with the object's state; `abilities_for_many` does the same for rows already loaded,
without a query per row. Views, API handlers and templates read these dicts and never recompute
a rule.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from entente.cooperations.rules import (
    CONTRIBUTOR,
    COORDINATOR,
    MEMBER,
    OBSERVER,
    any_of,
    can,
    get_abilities,
    get_cooperation_for_user,
    has_role,
    is_operator,
    register_ability,
)

from .charter_models import Charter, CharterSection, CharterVersion, CharterVersionStatus
from .models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Annex,
    AnnexArticle,
    Article,
    Comment,
    Signatory,
    SignatoryStatus,
    Signature,
)

AGREEMENT_ABILITIES = {
    # Drafts, their comments and the history stay inside the cooperation; public visitors read
    # texts once submitted.
    "agreements_view_drafts": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER), is_operator),
    "agreements_comment": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR), is_operator),
    "agreements_manage": any_of(has_role(COORDINATOR), is_operator),
    "agreements_view_scans": any_of(has_role(COORDINATOR, MEMBER, OBSERVER), is_operator),
    # Adopting a charter is a personal act of a member: operators support, they do not adopt.
    "agreements_adopt_charters": has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER),
}


def register() -> None:
    from entente.cooperations.rules import ABILITIES

    for name, predicate in AGREEMENT_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)


# --- verbs on one object -------------------------------------------------------------------------


def agreement_verbs(agreement: Agreement, granted: dict[str, bool]) -> dict[str, bool]:
    """What the holder of the cooperation-wide abilities `granted` may do with this agreement now."""
    manage = granted["agreements_manage"]
    draft = agreement.is_draft
    in_signature = agreement.status == AgreementStatus.IN_SIGNATURE
    return {
        "view": granted["view"] and (not draft or granted["agreements_view_drafts"]),
        # The text being drafted, as compared with the frozen versions.
        "view_draft": draft and granted["agreements_view_drafts"],
        # Drafts of the cooperation (contracts declined from a trunk among them), comments, history.
        "view_drafts": granted["agreements_view_drafts"],
        "view_comments": granted["agreements_view_drafts"],
        "view_history": granted["agreements_view_drafts"],
        "view_scans": granted["agreements_view_scans"],
        "manage": manage,
        # Its information, articles, annexes and signatories change only while it is a draft.
        "edit": manage and draft,
        "comment": granted["agreements_comment"] and draft,
        "save_version": manage and draft,
        "submit": manage and draft,
        "adopt": manage and draft,
        "derive": manage and draft and agreement.kind != AgreementKind.AMENDMENT and not agreement.derived_from_id,
        "propagate": manage and draft,
        "sign": manage and in_signature,
        "reopen": manage and in_signature,
        "amend": manage and agreement.status == AgreementStatus.SIGNED,
        "attach_scans": manage,
    }


def signatory_verbs(signatory: Signatory, agreement_abilities: dict[str, bool]) -> dict[str, bool]:
    return {
        "remove": agreement_abilities["edit"],
        "sign": agreement_abilities["sign"] and signatory.status != SignatoryStatus.SIGNED,
        "refuse": agreement_abilities["sign"] and signatory.status == SignatoryStatus.PENDING,
    }


def comment_verbs(comment: Comment, agreement_abilities: dict[str, bool]) -> dict[str, bool]:
    """The coordination settles the comments of a draft: resolves them, or retains a proposed wording."""
    resolve = agreement_abilities["edit"] and not comment.is_resolved
    return {"resolve": resolve, "apply": resolve and bool(comment.proposed_body)}


def charter_version_verbs(version: CharterVersion, granted: dict[str, bool], *, adopted: bool) -> dict[str, bool]:
    """`adopted`: whether the reader has already adopted this version (each member adopts once)."""
    manage = granted["agreements_manage"]
    return {
        "view": granted["view"] and (not version.is_draft or granted["agreements_view_drafts"]),
        "manage": manage,
        "edit": manage and version.is_draft,
        "publish": manage and version.is_draft,
        "adopt": granted["agreements_adopt_charters"]
        and version.status == CharterVersionStatus.PUBLISHED
        and not adopted,
    }


def abilities(user, obj) -> dict[str, bool]:
    """What `user` may do with one agreement, signatory, comment or charter version."""
    if isinstance(obj, Agreement):
        return agreement_verbs(obj, get_abilities(user, obj.cooperation))
    if isinstance(obj, Signatory):
        return signatory_verbs(obj, abilities(user, obj.agreement))
    if isinstance(obj, Comment):
        agreement = obj.article.agreement if obj.article_id else obj.annex_article.annex.agreement
        return comment_verbs(obj, abilities(user, agreement))
    if isinstance(obj, CharterVersion):
        granted = get_abilities(user, obj.charter.cooperation)
        adopted = user.is_authenticated and obj.adoptions.filter(user_id=user.pk).exists()
        return charter_version_verbs(obj, granted, adopted=adopted)
    raise TypeError(f"No abilities for {type(obj).__name__}")


def abilities_for_many(objects, granted: dict[str, bool], *, agreement: Agreement | None = None):
    """Each object's verbs by primary key, from the cooperation-wide abilities already computed for the
    reader (`space_context` gives them): agreements of a list, or the signatories and comments of
    `agreement`. No query is made."""
    objects = list(objects)
    if agreement is None:
        return {obj.pk: agreement_verbs(obj, granted) for obj in objects}
    of_agreement = agreement_verbs(agreement, granted)
    verbs = {Signatory: signatory_verbs, Comment: comment_verbs}
    return {obj.pk: verbs[type(obj)](obj, of_agreement) for obj in objects}


# --- access helpers ------------------------------------------------------------------------------


def _deny_unless(user, ability, cooperation) -> None:
    if not can(user, ability, cooperation):
        raise PermissionDenied("Vous n'avez pas le droit d'effectuer cette action sur ces textes de la coopération.")


def get_agreement_for_user(user, slug, pk, ability="view") -> Agreement:
    """The agreement of that cooperation: 404 if unseen (drafts included), 403 if seen but not allowed."""
    cooperation = get_cooperation_for_user(user, slug, "view")
    agreement = (
        Agreement.objects.select_related("cooperation", "parent", "derived_from", "created_by")
        .filter(cooperation=cooperation, pk=pk)
        .first()
    )
    if agreement is None or (agreement.is_draft and not can(user, "agreements_view_drafts", cooperation)):
        raise Http404("Convention introuvable.")
    _deny_unless(user, ability, cooperation)
    return agreement


def visible_charter_versions(user, charter):
    versions = charter.versions.all()
    if not can(user, "agreements_view_drafts", charter.cooperation):
        versions = versions.exclude(status=CharterVersionStatus.DRAFT)
    return versions


def get_charter_for_user(user, slug, pk, ability="view") -> Charter:
    """A charter is public once a version is in force; before that only members see it."""
    cooperation = get_cooperation_for_user(user, slug, "view")
    charter = Charter.objects.select_related("cooperation").filter(cooperation=cooperation, pk=pk).first()
    if charter is None or not visible_charter_versions(user, charter).exists():
        raise Http404("Charte introuvable.")
    _deny_unless(user, ability, cooperation)
    return charter


# The parts of an agreement or a charter: each helper checks the agreement (or charter) first, then
# answers 404 for a part that belongs to another one; the part carries the object it was reached by.


def _part(queryset, not_found: str, **lookup):
    part = queryset.filter(**lookup).first()
    if part is None:
        raise Http404(not_found)
    return part


def get_article_for_user(user, slug, pk, article_pk, ability="agreements_manage") -> Article:
    agreement = get_agreement_for_user(user, slug, pk, ability)
    article = _part(Article.objects, "Article introuvable.", agreement=agreement, pk=article_pk)
    article.agreement = agreement
    return article


def get_annex_for_user(user, slug, pk, annex_pk, ability="agreements_manage") -> Annex:
    agreement = get_agreement_for_user(user, slug, pk, ability)
    annex = _part(
        Annex.objects.select_related("partnership__organization"),
        "Annexe introuvable.",
        agreement=agreement,
        pk=annex_pk,
    )
    annex.agreement = agreement
    return annex


def get_annex_article_for_user(user, slug, pk, annex_pk, article_pk, ability="agreements_manage") -> AnnexArticle:
    annex = get_annex_for_user(user, slug, pk, annex_pk, ability)
    article = _part(AnnexArticle.objects, "Article d'annexe introuvable.", annex=annex, pk=article_pk)
    article.annex = annex
    return article


def get_commented_article_for_user(
    user, slug, pk, *, article_pk=None, annex_article_pk=None, ability="agreements_comment"
):
    """The article (of the trunk or of an annex) a comment is written on."""
    agreement = get_agreement_for_user(user, slug, pk, ability)
    if article_pk is not None:
        article = _part(Article.objects, "Article introuvable.", agreement=agreement, pk=article_pk)
        article.agreement = agreement
        return article
    article = _part(
        AnnexArticle.objects.select_related("annex"),
        "Article introuvable.",
        annex__agreement=agreement,
        pk=annex_article_pk,
    )
    article.annex.agreement = agreement
    return article


def get_comment_for_user(user, slug, pk, comment_pk, ability="agreements_manage") -> Comment:
    agreement = get_agreement_for_user(user, slug, pk, ability)
    comment = _part(
        Comment.objects.filter(Q(article__agreement=agreement) | Q(annex_article__annex__agreement=agreement)),
        "Commentaire introuvable.",
        pk=comment_pk,
    )
    comment.agreement = agreement  # the comment's own agreement, whichever article it is written on
    return comment


def get_signatory_for_user(user, slug, pk, signatory_pk, ability="agreements_manage") -> Signatory:
    agreement = get_agreement_for_user(user, slug, pk, ability)
    signatory = _part(
        Signatory.objects.select_related("organization"),
        "Signataire introuvable.",
        agreement=agreement,
        pk=signatory_pk,
    )
    signatory.agreement = agreement
    return signatory


def get_signature_for_user(user, slug, pk, signature_pk, ability="agreements_manage") -> Signature:
    agreement = get_agreement_for_user(user, slug, pk, ability)
    signature = _part(
        Signature.objects.select_related("signatory__organization"),
        "Signature introuvable.",
        signatory__agreement=agreement,
        pk=signature_pk,
    )
    signature.signatory.agreement = agreement
    return signature


def get_charter_section_for_user(user, slug, pk, section_pk, ability="agreements_manage") -> CharterSection:
    charter = get_charter_for_user(user, slug, pk, ability)
    section = _part(
        CharterSection.objects.select_related("version"),
        "Rubrique introuvable.",
        version__charter=charter,
        pk=section_pk,
    )
    section.version.charter = charter
    return section
