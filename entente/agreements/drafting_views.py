"""Drafting an agreement: articles of the trunk, annexes per partner, comments and proposed wordings,
contracts declined from a trunk."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import agreement_services, annex_services, comment_services, trunk_services
from .forms import (
    AnnexForm,
    ArticleForm,
    CommentForm,
    DeriveForm,
)
from .rules import (
    get_agreement_for_user,
    get_annex_article_for_user,
    get_annex_for_user,
    get_article_for_user,
    get_comment_for_user,
    get_commented_article_for_user,
)
from .text import PLACEHOLDERS
from .views import agreement_context, apply_change, form_message, form_status, refuse


@require_POST
def article_add(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, form_message(form), agreement.get_absolute_url())
    data = form.cleaned_data
    return apply_change(
        request,
        agreement,
        lambda: agreement_services.add_article(
            agreement=agreement,
            title=data["title"],
            body=data["body"],
            position=data["position"],
        ),
        lambda article: f"L'article « {article.title} » est ajouté.",
    )


def _article_page(request, agreement, article, form, *, in_annex):
    return render(
        request,
        "agreements/article_form.html",
        {
            **agreement_context(request, agreement, f"Modifier « {article.title} »"),
            "form": form,
            "article": article,
            "in_annex": in_annex,
            "placeholders": PLACEHOLDERS,
        },
        status=form_status(form),
    )


def article_edit(request, slug, pk, article_pk):
    article = get_article_for_user(request.user, slug, pk, article_pk)
    agreement = article.agreement
    initial = {"title": article.title, "body": article.body, "position": article.position}
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agreement_services.update_article(article=article, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"L'article « {article.title} » est enregistré.")
            return redirect(f"{agreement.get_absolute_url()}#article-{article.pk}")
    return _article_page(request, agreement, article, form, in_annex=False)


@require_POST
def article_delete(request, slug, pk, article_pk):
    article = get_article_for_user(request.user, slug, pk, article_pk)
    agreement = article.agreement
    return apply_change(
        request,
        agreement,
        lambda: agreement_services.delete_article(article=article),
        f"L'article « {article.title} » est supprimé.",
    )


@require_POST
def annexes_generate(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    form = AnnexForm(request.POST, cooperation=agreement.cooperation)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, form_message(form), agreement.get_absolute_url())
    chosen = form.cleaned_data["partnership"]
    return apply_change(
        request,
        agreement,
        lambda: annex_services.generate_annexes(
            agreement=agreement,
            partnerships=[chosen] if chosen else None,
        ),
        lambda annexes: f"{len(annexes)} annexe(s) tirée(s) du portefeuille d'actions.",
    )


@require_POST
def annex_delete(request, slug, pk, annex_pk):
    annex = get_annex_for_user(request.user, slug, pk, annex_pk)
    agreement = annex.agreement
    return apply_change(
        request, agreement, lambda: annex_services.delete_annex(annex=annex), f"L'annexe « {annex} » est retirée."
    )


@require_POST
def annex_article_add(request, slug, pk, annex_pk):
    annex = get_annex_for_user(request.user, slug, pk, annex_pk)
    agreement = annex.agreement
    form = ArticleForm(request.POST, in_annex=True)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, form_message(form), agreement.get_absolute_url())
    return apply_change(
        request,
        agreement,
        lambda: annex_services.add_annex_article(
            annex=annex,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        ),
        "L'article d'annexe est ajouté.",
    )


def annex_article_edit(request, slug, pk, annex_pk, article_pk):
    article = get_annex_article_for_user(request.user, slug, pk, annex_pk, article_pk)
    annex, agreement = article.annex, article.annex.agreement
    form = ArticleForm(request.POST or None, initial={"title": article.title, "body": article.body}, in_annex=True)
    if request.method == "POST" and form.is_valid():
        try:
            annex_services.update_annex_article(
                annex_article=article, title=form.cleaned_data["title"], body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"L'article « {article.title} » de l'annexe est enregistré.")
            return redirect(f"{agreement.get_absolute_url()}#annexe-{annex.pk}")
    return _article_page(request, agreement, article, form, in_annex=True)


@require_POST
def annex_article_delete(request, slug, pk, annex_pk, article_pk):
    article = get_annex_article_for_user(request.user, slug, pk, annex_pk, article_pk)
    agreement = article.annex.agreement
    return apply_change(
        request,
        agreement,
        lambda: annex_services.delete_annex_article(annex_article=article),
        f"L'article « {article.title} » est retiré de l'annexe.",
        back=f"{agreement.get_absolute_url()}#annexe-{annex_pk}",
    )


def _commented_article(request, slug, pk) -> dict:
    """The article named by the form's `target` ("article:12" or "annexe:34"), as the service's keyword."""
    kind, _, raw = request.POST.get("target", "").partition(":")
    if not raw.isdigit() or kind not in ("article", "annexe"):
        raise Http404("Article introuvable.")
    if kind == "article":
        return {"article": get_commented_article_for_user(request.user, slug, pk, article_pk=int(raw))}
    return {"annex_article": get_commented_article_for_user(request.user, slug, pk, annex_article_pk=int(raw))}


@require_POST
def comment_add(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_comment")
    target = _commented_article(request, slug, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, form_message(form), agreement.get_absolute_url())
    return apply_change(
        request,
        agreement,
        lambda: comment_services.add_comment(
            user=request.user,
            body=form.cleaned_data["body"],
            proposed_body=form.cleaned_data["proposed_body"],
            **target,
        ),
        lambda comment: (
            "Votre proposition de rédaction est publiée." if comment.proposed_body else "Votre commentaire est publié."
        ),
        back=f"{agreement.get_absolute_url()}#{_anchor(target)}",
    )


def _anchor(target) -> str:
    if "article" in target:
        return f"article-{target['article'].pk}"
    return f"article-annexe-{target['annex_article'].pk}"


@require_POST
def comment_resolve(request, slug, pk, comment_pk):
    comment = get_comment_for_user(request.user, slug, pk, comment_pk)
    agreement = comment.agreement
    return apply_change(
        request,
        agreement,
        lambda: comment_services.resolve_comment(comment=comment, user=request.user),
        "Le commentaire est marqué comme résolu.",
    )


@require_POST
def comment_apply(request, slug, pk, comment_pk):
    """The coordinator retains a member's proposed wording for an article."""
    comment = get_comment_for_user(request.user, slug, pk, comment_pk)
    agreement = comment.agreement
    return apply_change(
        request,
        agreement,
        lambda: comment_services.apply_proposal(comment=comment, user=request.user),
        lambda applied: (
            f"La rédaction proposée par {applied.author.public_name if applied.author else '—'} "
            "est reprise dans l'article ; l'historique en garde la trace."
        ),
    )


@require_POST
def derive(request, slug, pk):
    """The Touraine pattern: one bilateral contract per chosen partner, all sharing this trunk."""
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    form = DeriveForm(request.POST, agreement=agreement)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, form_message(form), agreement.get_absolute_url())
    back = reverse("agreements:list", args=[slug])
    return apply_change(
        request,
        agreement,
        lambda: _derive_all(agreement, form.cleaned_data, request.user),
        lambda contracts: f"{len(contracts)} contrat(s) décliné(s) du tronc commun.",
        back=back,
    )


@transaction.atomic
def _derive_all(agreement, data, user):
    return [
        trunk_services.derive_contract(
            trunk=agreement, partnership=partnership, user=user, signer_title=data["contract_signer_title"]
        )
        for partnership in data["partnerships"]
    ]


@require_POST
def propagate(request, slug, pk):
    """Carry the trunk's current articles over to the contracts derived from it that are still drafts."""
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")

    def success(result):
        updated, skipped = result
        message = f"Tronc commun reporté sur {len(updated)} contrat(s) en brouillon."
        if skipped:
            message += (
                f" {len(skipped)} contrat(s) déjà soumis ou signés gardent leur texte : "
                "seul un avenant peut le modifier."
            )
        return message

    return apply_change(request, agreement, lambda: trunk_services.propagate_trunk(trunk=agreement), success)
