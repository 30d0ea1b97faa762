"""Pages of one agreement: creation, its page, versions and their comparison, documents, history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from entente.cooperations.rules import get_cooperation_for_user
from entente.core.french import de
from entente.core.job_views import document_or_preparation

from . import agreement_services, trunk_services
from .diff import diff_contents, summary, word_diff
from .documents import CONTENT_TYPES, DocumentError, agreement_spec
from .forms import (
    AgreementForm,
    AnnexForm,
    ArticleForm,
    CommentForm,
    DeriveForm,
    DiffForm,
    SignatoryForm,
)
from .history import agreement_history
from .jobs import AGREEMENT_DOCUMENT, AgreementDocument, derived_contracts, start_contracts_zip
from .models import Agreement, AgreementKind, AnnexArticle, Comment, Signature
from .rules import abilities, abilities_for_many, agreement_verbs, get_agreement_for_user
from .selectors import articles_heading, placeholder_values, snapshot
from .text import PLACEHOLDERS, fill_placeholders
from .views import agreement_context, apply_change, form_status, refuse


def agreement_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "agreements_manage")
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = agreement_services.create_agreement(
                cooperation=cooperation, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "La convention est créée avec un tronc commun type : adaptez ses articles.")
            return redirect(agreement)
    return render(
        request,
        "agreements/agreement_form.html",
        {
            **agreement_context(request, cooperation, "Nouvelle convention"),
            "form": form,
            "creating": True,
        },
        status=form_status(form),
    )


def agreement_edit(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    if not abilities(request.user, agreement)["edit"]:
        return refuse(
            request,
            agreement.cooperation,
            "Le texte n'est plus un brouillon : ses informations ne "
            "peuvent plus changer. Pour le faire évoluer, rédigez un avenant.",
            agreement.get_absolute_url(),
        )
    form = AgreementForm(request.POST or None, instance=agreement, amendment=agreement.kind == AgreementKind.AMENDMENT)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            agreement_services.update_agreement(agreement=Agreement.objects.get(pk=pk), **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Les informations de la convention sont enregistrées.")
            return redirect(agreement)
    return render(
        request,
        "agreements/agreement_form.html",
        {
            **agreement_context(request, agreement, "Modifier la convention"),
            "form": form,
        },
        status=form_status(form),
    )


def _comments_prefetch():
    return Prefetch("comments", queryset=Comment.objects.select_related("author", "resolved_by"))


def agreement_detail(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "view")
    cooperation = agreement.cooperation
    articles = agreement.articles.prefetch_related(_comments_prefetch())
    annexes = agreement.annexes.select_related("partnership__organization__territory").prefetch_related(
        Prefetch("articles", queryset=AnnexArticle.objects.prefetch_related(_comments_prefetch())),
    )
    signatories = agreement.signatories.select_related("organization").prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.select_related("version")),
    )
    context = agreement_context(request, agreement, agreement.title)
    granted = context["abilities"]
    verbs = agreement_verbs(agreement, granted)
    articles, annexes, signatories = list(articles), list(annexes), list(signatories)
    _display_bodies(agreement, articles, annexes, raw=verbs["edit"])
    _attach_abilities(agreement, granted, signatories, articles, annexes)
    trunk = agreement.derived_from
    return render(
        request,
        "agreements/agreement_detail.html",
        {
            **context,
            "agreement_abilities": verbs,
            "articles": articles,
            "annexes": annexes,
            "signatories": signatories,
            "versions": agreement.versions.select_related("created_by"),
            "amendments": agreement.amendments.all(),
            "derived_contracts": derived_contracts(agreement, with_drafts=granted["agreements_view_drafts"]),
            "zip_formats": [("pdf", "PDF"), ("docx", "DOCX")],
            "trunk_changed": trunk_services.trunk_differs(agreement) if trunk else False,
            "show_trunk": trunk is not None and agreement_verbs(trunk, granted)["view"],
            "article_form": ArticleForm(),
            "annex_form": AnnexForm(cooperation=cooperation),
            "signatory_form": SignatoryForm(cooperation=cooperation),
            "comment_form": CommentForm(),
            "derive_form": DeriveForm(agreement=agreement),
            "placeholders": PLACEHOLDERS,
            "articles_heading": articles_heading(agreement, has_annexes=bool(annexes)),
        },
    )


def _attach_abilities(agreement, granted, signatories, articles, annexes) -> None:
    """Each signatory and comment carries what the reader may do with it (`.abilities`), from the
    abilities already computed for the page: no query per row."""
    comments = [comment for article in articles for comment in article.comments.all()]
    comments += [comment for annex in annexes for article in annex.articles.all() for comment in article.comments.all()]
    by_pk = abilities_for_many(signatories, granted, agreement=agreement)
    for signatory in signatories:
        signatory.abilities = by_pk[signatory.pk]
    by_pk = abilities_for_many(comments, granted, agreement=agreement)
    for comment in comments:
        comment.abilities = by_pk[comment.pk]


def _display_bodies(agreement, articles, annexes, *, raw: bool) -> None:
    """Editors see the placeholders they write; readers see the text as the documents print it."""
    values = placeholder_values(agreement) if not raw else {}

    def shown(body, extra=None):
        if raw:
            return body
        try:
            return fill_placeholders(body, {**values, **(extra or {})})
        except ValidationError:
            return body

    def with_proposals(article):
        for comment in article.comments.all():
            if comment.proposed_body:
                comment.proposal_diff = word_diff(article.body, comment.proposed_body)

    for article in articles:
        article.display_body = shown(article.body)
        with_proposals(article)
    for annex in annexes:
        for article in annex.articles.all():
            organization = annex.partnership.organization
            annex_values = {"partenaire": organization.name, "partenaire_de": de(organization)}
            article.display_body = shown(article.body, annex_values)
            with_proposals(article)


@require_POST
def amendment_create(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    try:
        amendment = agreement_services.create_amendment(parent=agreement, user=request.user)
    except ValidationError as error:
        return refuse(request, agreement.cooperation, " ".join(error.messages), agreement.get_absolute_url())
    messages.success(request, "L'avenant est créé : rédigez les dispositions modifiées.")
    return redirect(amendment)


@require_POST
def version_create(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    note = request.POST.get("note", "")[:255]
    return apply_change(
        request,
        agreement,
        lambda: agreement_services.save_version(agreement=agreement, user=request.user, note=note),
        lambda version: f"Version {version.number} enregistrée.",
        back=reverse("agreements:versions", args=[slug, pk]),
    )


def versions(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "view")
    all_versions = list(agreement.versions.select_related("created_by"))
    form = DiffForm(request.GET or None)
    blocks = counts = None
    context = agreement_context(request, agreement, "Versions et comparaison")
    verbs = agreement_verbs(agreement, context["abilities"])
    see_draft = verbs["view_draft"]
    if form.is_valid():
        contents = {v.number: v.content for v in all_versions}
        if see_draft:
            contents[0] = snapshot(agreement)  # 0 stands for the text being drafted
        old, new = contents.get(form.cleaned_data["de"]), contents.get(form.cleaned_data["a"])
        if old is None or new is None:
            form.add_error(None, "Ces numéros de version n'existent pas pour cette convention.")
        else:
            blocks = diff_contents(old, new)
            counts = summary(blocks)
    elif not request.GET and len(all_versions) >= 2:
        form = DiffForm(initial={"de": all_versions[1].number, "a": all_versions[0].number})
    elif not request.GET and all_versions and see_draft:
        form = DiffForm(initial={"de": all_versions[0].number, "a": 0})
    return render(
        request,
        "agreements/versions.html",
        {
            **context,
            "versions": all_versions,
            "form": form,
            "blocks": blocks,
            "counts": counts,
            "see_draft": see_draft,
            "agreement_abilities": verbs,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def document(request, slug, pk, fmt):
    """The document of the current version, served from storage; else prepared by the worker."""
    agreement = get_agreement_for_user(request.user, slug, pk, "view")
    if fmt not in CONTENT_TYPES:
        raise Http404("Format de document inconnu.")
    try:
        wanted = AgreementDocument(agreement, fmt)
    except DocumentError as error:
        return refuse(request, agreement.cooperation, str(error), agreement.get_absolute_url(), status=422)
    return document_or_preparation(
        request,
        ready=wanted.stored(),
        filename=wanted.filename,
        content_type=CONTENT_TYPES[fmt],
        kind=AGREEMENT_DOCUMENT,
        key=wanted.key,
        start=lambda: wanted.start(request.user),
        title=f"{agreement.title} ({fmt.upper()})",
        back=(agreement.title, agreement.get_absolute_url()),
    )


@require_POST
def derived_documents(request, slug, pk, fmt):
    """Every contract declined from this trunk in one ZIP file, prepared by the worker (the ten
    Touraine contracts take seconds): the person follows the job's page until it is ready."""
    agreement = get_agreement_for_user(request.user, slug, pk, "view")
    if fmt not in CONTENT_TYPES:
        raise Http404("Format de document inconnu.")
    if not derived_contracts(agreement, with_drafts=abilities(request.user, agreement)["view_drafts"]):
        raise Http404("Aucun contrat décliné de ce tronc commun.")
    job = start_contracts_zip(request.user, agreement, fmt)
    return redirect("core:job", job.pk)


def text(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "view")
    try:
        spec = agreement_spec(agreement)
    except DocumentError as error:
        return refuse(request, agreement.cooperation, str(error), agreement.get_absolute_url(), status=422)
    return render(
        request, "agreements/text.html", {**agreement_context(request, agreement, "Texte intégral"), "spec": spec}
    )


def history(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_view_drafts")
    return render(
        request,
        "agreements/history.html",
        {
            **agreement_context(request, agreement, "Historique des modifications"),
            "entries": agreement_history(agreement),
        },
    )
