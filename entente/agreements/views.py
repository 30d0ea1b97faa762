"""Pages of agreements: list, trunk and annex editor, signatories, signatures, versions, documents."""


from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import can, get_cooperation_for_user
from entente.core.french import de
from entente.core.job_views import document_or_preparation

from . import services
from .diff import diff_contents, summary, word_diff
from .documents import CONTENT_TYPES, DocumentError, agreement_spec, download_name
from .forms import (
    AgreementForm,
    AnnexForm,
    ArticleForm,
    CommentForm,
    DeriveForm,
    DiffForm,
    ScanForm,
    SignatoryForm,
    SignatureForm,
)
from .jobs import AGREEMENT_DOCUMENT, AgreementDocument, derived_contracts, start_contracts_zip
from .models import Agreement, AgreementStatus, Annex, AnnexArticle, Article, Comment, Signatory, Signature
from .rules import get_agreement_for_user
from .selectors import articles_heading, placeholder_values, snapshot
from .text import PLACEHOLDERS, fill_placeholders


def _context(request, agreement_or_cooperation, page_title, *, crumbs=(), **extra):
    agreement = agreement_or_cooperation if isinstance(agreement_or_cooperation, Agreement) else None
    cooperation = agreement.cooperation if agreement else agreement_or_cooperation
    base = [("Chartes et conventions", reverse("agreements:list", args=[cooperation.slug]))]
    if agreement and page_title != agreement.title:
        base.append((agreement.title, agreement.get_absolute_url()))
    return space_context(request, cooperation, page_title=page_title,
                         crumbs=[*base, *crumbs, (page_title, None)], agreement=agreement, **extra)


def form_status(form) -> int:
    """A form sent back with errors answers 400, so that clients and tests see the refusal."""
    return 400 if form.is_bound and form.errors else 200


def refuse(request, cooperation, message, back_url, *, status=400):
    """A refused change: the French reason, a way back, and a 4xx status."""
    return render(request, "agreements/error.html", {
        **space_context(request, cooperation, page_title="Demande refusée"), "message": message, "back_url": back_url,
    }, status=status)


def _apply(request, agreement, change, success, *, back=None):
    back = back or agreement.get_absolute_url()
    try:
        result = change()
    except ValidationError as error:
        return refuse(request, agreement.cooperation, " ".join(error.messages), back)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(back)


def agreement_list(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    agreements = cooperation.agreements.select_related("parent", "derived_from").annotate(
        signatory_count=Count("signatories", distinct=True),
        signed_count=Count("signatories", filter=Q(signatories__status="signe"), distinct=True),
    ).order_by("kind", "title")
    if not can(request.user, "agreements_see_drafts", cooperation):
        agreements = agreements.exclude(status=AgreementStatus.DRAFT)
    charters = []
    for charter in cooperation.charters.prefetch_related("versions").order_by("title"):
        versions = [v for v in charter.versions.all()
                    if v.status != "brouillon" or can(request.user, "agreements_see_drafts", cooperation)]
        if versions:
            charters.append((charter, max(versions, key=lambda v: v.number)))
    return render(request, "agreements/list.html", {
        **space_context(request, cooperation, page_title="Chartes et conventions"),
        "agreements": agreements, "charters": charters,
    })


def agreement_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "agreements_manage")
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.create_agreement(cooperation=cooperation, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "La convention est créée avec un tronc commun type : adaptez ses articles.")
            return redirect(agreement)
    return render(request, "agreements/agreement_form.html", {
        **_context(request, cooperation, "Nouvelle convention"), "form": form, "creating": True,
    }, status=form_status(form))


def agreement_edit(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    if not agreement.is_draft:
        return refuse(request, agreement.cooperation, "Le texte n'est plus un brouillon : ses informations ne "
                      "peuvent plus changer. Pour le faire évoluer, rédigez un avenant.", agreement.get_absolute_url())
    form = AgreementForm(request.POST or None, instance=agreement, amendment=agreement.kind == "avenant")
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.update_agreement(agreement=Agreement.objects.get(pk=pk), **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Les informations de la convention sont enregistrées.")
            return redirect(agreement)
    return render(request, "agreements/agreement_form.html", {
        **_context(request, agreement, "Modifier la convention"), "form": form,
    }, status=form_status(form))


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
    manage = can(request.user, "agreements_manage", cooperation)
    editing = manage and agreement.is_draft
    articles, annexes = list(articles), list(annexes)
    _display_bodies(agreement, articles, annexes, raw=editing)
    return render(request, "agreements/agreement_detail.html", {
        **_context(request, agreement, agreement.title),
        "articles": articles, "annexes": annexes, "signatories": signatories,
        "versions": agreement.versions.select_related("created_by"),
        "amendments": agreement.amendments.all(),
        "derived_contracts": derived_contracts(
            agreement, with_drafts=can(request.user, "agreements_see_drafts", cooperation)),
        "zip_formats": [("pdf", "PDF"), ("docx", "DOCX")],
        "trunk_changed": services.trunk_differs(agreement) if agreement.derived_from_id else False,
        "show_trunk": agreement.derived_from_id is not None and (
            not agreement.derived_from.is_draft or can(request.user, "agreements_see_drafts", cooperation)),
        "editing": editing,
        "commenting": can(request.user, "agreements_comment", cooperation) and agreement.is_draft,
        "article_form": ArticleForm(), "annex_form": AnnexForm(cooperation=cooperation),
        "signatory_form": SignatoryForm(cooperation=cooperation), "comment_form": CommentForm(),
        "derive_form": DeriveForm(agreement=agreement),
        "placeholders": PLACEHOLDERS,
        "articles_heading": articles_heading(agreement, has_annexes=bool(annexes)),
    })


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
def article_add(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    form = ArticleForm(request.POST)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, _form_message(form), agreement.get_absolute_url())
    data = form.cleaned_data
    return _apply(request, agreement, lambda: services.add_article(
        agreement=agreement, title=data["title"], body=data["body"], position=data["position"],
    ), lambda article: f"L'article « {article.title} » est ajouté.")


def _form_message(form) -> str:
    return " ".join(f"{form.fields[name].label if name in form.fields else ''} : {' '.join(errors)}".lstrip(" :")
                    for name, errors in form.errors.items())


def _article_page(request, agreement, article, form, *, in_annex):
    return render(request, "agreements/article_form.html", {
        **_context(request, agreement, f"Modifier « {article.title} »"), "form": form, "article": article,
        "in_annex": in_annex, "placeholders": PLACEHOLDERS,
    }, status=form_status(form))


def article_edit(request, slug, pk, article_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    article = get_object_or_404(Article, agreement=agreement, pk=article_pk)
    initial = {"title": article.title, "body": article.body, "position": article.position}
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_article(article=article, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"L'article « {article.title} » est enregistré.")
            return redirect(f"{agreement.get_absolute_url()}#article-{article.pk}")
    return _article_page(request, agreement, article, form, in_annex=False)


@require_POST
def article_delete(request, slug, pk, article_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    article = get_object_or_404(Article, agreement=agreement, pk=article_pk)
    return _apply(request, agreement, lambda: services.delete_article(article=article),
                  f"L'article « {article.title} » est supprimé.")


@require_POST
def annexes_generate(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    form = AnnexForm(request.POST, cooperation=agreement.cooperation)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, _form_message(form), agreement.get_absolute_url())
    chosen = form.cleaned_data["partnership"]
    return _apply(request, agreement, lambda: services.generate_annexes(
        agreement=agreement, partnerships=[chosen] if chosen else None,
    ), lambda annexes: f"{len(annexes)} annexe(s) tirée(s) du portefeuille d'actions.")


def _annex(agreement, annex_pk) -> Annex:
    return get_object_or_404(Annex.objects.select_related("partnership__organization"), agreement=agreement,
                             pk=annex_pk)


@require_POST
def annex_delete(request, slug, pk, annex_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    annex = _annex(agreement, annex_pk)
    return _apply(request, agreement, lambda: services.delete_annex(annex=annex), f"L'annexe « {annex} » est retirée.")


@require_POST
def annex_article_add(request, slug, pk, annex_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    annex = _annex(agreement, annex_pk)
    form = ArticleForm(request.POST, in_annex=True)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, _form_message(form), agreement.get_absolute_url())
    return _apply(request, agreement, lambda: services.add_annex_article(
        annex=annex, title=form.cleaned_data["title"], body=form.cleaned_data["body"],
    ), "L'article d'annexe est ajouté.")


def annex_article_edit(request, slug, pk, annex_pk, article_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    annex = _annex(agreement, annex_pk)
    article = get_object_or_404(AnnexArticle, annex=annex, pk=article_pk)
    form = ArticleForm(request.POST or None, initial={"title": article.title, "body": article.body}, in_annex=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_annex_article(annex_article=article, title=form.cleaned_data["title"],
                                          body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"L'article « {article.title} » de l'annexe est enregistré.")
            return redirect(f"{agreement.get_absolute_url()}#annexe-{annex.pk}")
    return _article_page(request, agreement, article, form, in_annex=True)


@require_POST
def annex_article_delete(request, slug, pk, annex_pk, article_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    article = get_object_or_404(AnnexArticle, annex=_annex(agreement, annex_pk), pk=article_pk)
    return _apply(request, agreement, lambda: services.delete_annex_article(annex_article=article),
                  f"L'article « {article.title} » est retiré de l'annexe.",
                  back=f"{agreement.get_absolute_url()}#annexe-{annex_pk}")


@require_POST
def signatory_add(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    form = SignatoryForm(request.POST, cooperation=agreement.cooperation)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, _form_message(form), agreement.get_absolute_url())
    return _apply(request, agreement, lambda: services.add_signatory(
        agreement=agreement, organization=form.organization, signer_title=form.cleaned_data["signer_title"],
        outside=bool(form.cleaned_data.get("outside")),
    ), lambda signatory: f"« {signatory.organization} » est ajouté aux signataires.")


def _signatory(agreement, signatory_pk) -> Signatory:
    return get_object_or_404(Signatory.objects.select_related("organization"), agreement=agreement, pk=signatory_pk)


@require_POST
def signatory_remove(request, slug, pk, signatory_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    signatory = _signatory(agreement, signatory_pk)
    return _apply(request, agreement, lambda: services.remove_signatory(signatory=signatory),
                  f"« {signatory.organization} » est retiré des signataires.")


@require_POST
def submit(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    return _apply(request, agreement, lambda: services.submit_for_signature(agreement=agreement, user=request.user),
                  lambda version: f"La convention est soumise à signature (version {version.number} figée).")


@require_POST
def adopt(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    return _apply(request, agreement, lambda: services.adopt_trunk(trunk=agreement, user=request.user),
                  lambda version: f"Le tronc commun est adopté (version {version.number} figée) : les contrats qui en "
                  "sont déclinés peuvent être soumis à signature.")


@require_POST
def reopen(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    return _apply(request, agreement, lambda: services.reopen_draft(agreement=agreement),
                  "La convention revient au brouillon.")


def sign(request, slug, pk, signatory_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    signatory = _signatory(agreement, signatory_pk)
    form = SignatureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_signature(
                agreement=agreement, organization=signatory.organization, signed_on=data["signed_on"],
                deliberation_reference=data["deliberation_reference"], scan=data["scan"], user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La signature de « {signatory.organization} » est enregistrée.")
            return redirect(agreement)
    return render(request, "agreements/sign.html", {
        **_context(request, agreement, f"Signature {de(signatory.organization)}"), "form": form,
        "signatory": signatory, "version": agreement.versions.order_by("-number").first(),
    }, status=form_status(form))


@require_POST
def refusal(request, slug, pk, signatory_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    signatory = _signatory(agreement, signatory_pk)
    return _apply(request, agreement, lambda: services.record_refusal(signatory=signatory),
                  f"Le refus de signer de « {signatory.organization} » est enregistré.")


def signature_scan(request, slug, pk, signature_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_see_scans")
    signature = get_object_or_404(Signature.objects.select_related("signatory__organization"),
                                  signatory__agreement=agreement, pk=signature_pk)
    if not signature.scan:
        raise Http404("Aucun exemplaire numérisé pour cette signature.")
    extension = signature.scan.name.rsplit(".", 1)[-1]
    name = download_name(f"{agreement.title} signature {signature.signatory.organization}", extension)
    return FileResponse(signature.scan.open("rb"), as_attachment=True, filename=name)


@require_POST
def scan_upload(request, slug, pk, signature_pk):
    """Attach (or replace) the signed copy of a signature already recorded."""
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    signature = get_object_or_404(Signature.objects.select_related("signatory__organization"),
                                  signatory__agreement=agreement, pk=signature_pk)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, _form_message(form), agreement.get_absolute_url())
    return _apply(request, agreement, lambda: services.attach_scan(signature=signature, scan=form.cleaned_data["scan"]),
                  f"L'exemplaire signé de « {signature.signatory.organization} » est déposé.",
                  back=f"{agreement.get_absolute_url()}#signataires")


@require_POST
def version_create(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    note = request.POST.get("note", "")[:255]
    return _apply(request, agreement, lambda: services.save_version(agreement=agreement, user=request.user, note=note),
                  lambda version: f"Version {version.number} enregistrée.",
                  back=reverse("agreements:versions", args=[slug, pk]))


def versions(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "view")
    all_versions = list(agreement.versions.select_related("created_by"))
    form = DiffForm(request.GET or None)
    blocks = counts = None
    see_draft = agreement.is_draft and can(request.user, "agreements_see_drafts", agreement.cooperation)
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
    return render(request, "agreements/versions.html", {
        **_context(request, agreement, "Versions et comparaison"), "versions": all_versions, "form": form,
        "blocks": blocks, "counts": counts, "see_draft": see_draft,
        "manage": can(request.user, "agreements_manage", agreement.cooperation) and agreement.is_draft,
    }, status=400 if form.errors else 200)


def _commented_article(agreement, request):
    kind, _, raw = request.POST.get("target", "").partition(":")
    if not raw.isdigit():
        raise Http404("Article introuvable.")
    if kind == "article":
        return {"article": get_object_or_404(Article, agreement=agreement, pk=raw)}
    if kind == "annexe":
        return {"annex_article": get_object_or_404(AnnexArticle, annex__agreement=agreement, pk=raw)}
    raise Http404("Article introuvable.")


@require_POST
def comment_add(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_comment")
    target = _commented_article(agreement, request)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, _form_message(form), agreement.get_absolute_url())
    return _apply(request, agreement, lambda: services.add_comment(
        user=request.user, body=form.cleaned_data["body"], proposed_body=form.cleaned_data["proposed_body"], **target,
    ), lambda comment: "Votre proposition de rédaction est publiée." if comment.proposed_body
        else "Votre commentaire est publié.", back=f"{agreement.get_absolute_url()}#{_anchor(target)}")


def _anchor(target) -> str:
    if "article" in target:
        return f"article-{target['article'].pk}"
    return f"article-annexe-{target['annex_article'].pk}"


def _agreement_comment(agreement, comment_pk) -> Comment:
    return get_object_or_404(
        Comment, Q(article__agreement=agreement) | Q(annex_article__annex__agreement=agreement), pk=comment_pk,
    )


@require_POST
def comment_resolve(request, slug, pk, comment_pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    comment = _agreement_comment(agreement, comment_pk)
    return _apply(request, agreement, lambda: services.resolve_comment(comment=comment, user=request.user),
                  "Le commentaire est marqué comme résolu.")


@require_POST
def comment_apply(request, slug, pk, comment_pk):
    """The coordinator retains a member's proposed wording for an article."""
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    comment = _agreement_comment(agreement, comment_pk)
    return _apply(request, agreement, lambda: services.apply_proposal(comment=comment, user=request.user),
                  lambda applied: f"La rédaction proposée par {applied.author.public_name if applied.author else '—'} "
                  "est reprise dans l'article ; l'historique en garde la trace.")


@require_POST
def derive(request, slug, pk):
    """The Touraine pattern: one bilateral contract per chosen partner, all sharing this trunk."""
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    form = DeriveForm(request.POST, agreement=agreement)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, _form_message(form), agreement.get_absolute_url())
    back = reverse("agreements:list", args=[slug])
    return _apply(request, agreement, lambda: _derive_all(agreement, form.cleaned_data, request.user),
                  lambda contracts: f"{len(contracts)} contrat(s) décliné(s) du tronc commun.", back=back)


@transaction.atomic
def _derive_all(agreement, data, user):
    return [services.derive_contract(trunk=agreement, partnership=partnership, user=user,
                                     signer_title=data["contract_signer_title"])
            for partnership in data["partnerships"]]


@require_POST
def propagate(request, slug, pk):
    """Carry the trunk's current articles over to the contracts derived from it that are still drafts."""
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")

    def success(result):
        updated, skipped = result
        message = f"Tronc commun reporté sur {len(updated)} contrat(s) en brouillon."
        if skipped:
            message += (f" {len(skipped)} contrat(s) déjà soumis ou signés gardent leur texte : "
                        "seul un avenant peut le modifier.")
        return message

    return _apply(request, agreement, lambda: services.propagate_trunk(trunk=agreement), success)


@require_POST
def amendment_create(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    try:
        amendment = services.create_amendment(parent=agreement, user=request.user)
    except ValidationError as error:
        return refuse(request, agreement.cooperation, " ".join(error.messages), agreement.get_absolute_url())
    messages.success(request, "L'avenant est créé : rédigez les dispositions modifiées.")
    return redirect(amendment)


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
        request, ready=wanted.stored(), filename=wanted.filename, content_type=CONTENT_TYPES[fmt],
        kind=AGREEMENT_DOCUMENT, key=wanted.key, start=lambda: wanted.start(request.user),
        title=f"{agreement.title} ({fmt.upper()})", back=(agreement.title, agreement.get_absolute_url()),
    )


@require_POST
def derived_documents(request, slug, pk, fmt):
    """Every contract declined from this trunk in one ZIP file, prepared by the worker (the ten
    Touraine contracts take seconds): the person follows the job's page until it is ready."""
    agreement = get_agreement_for_user(request.user, slug, pk, "view")
    if fmt not in CONTENT_TYPES:
        raise Http404("Format de document inconnu.")
    if not derived_contracts(agreement, with_drafts=can(request.user, "agreements_see_drafts", agreement.cooperation)):
        raise Http404("Aucun contrat décliné de ce tronc commun.")
    job = start_contracts_zip(request.user, agreement, fmt)
    return redirect("core:job", job.pk)


def text(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "view")
    try:
        spec = agreement_spec(agreement)
    except DocumentError as error:
        return refuse(request, agreement.cooperation, str(error), agreement.get_absolute_url(), status=422)
    return render(request, "agreements/text.html", {**_context(request, agreement, "Texte intégral"), "spec": spec})


def history(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_see_drafts")
    entries = []
    sources = [
        ("Convention", agreement.history.all()),
        ("Article", Article.history.filter(agreement_id=agreement.pk)),
        ("Annexe", Annex.history.filter(agreement_id=agreement.pk)),
        ("Article d'annexe", AnnexArticle.history.filter(annex__agreement=agreement)),
        ("Signataire", Signatory.history.filter(agreement_id=agreement.pk)),
        ("Commentaire", Comment.history.filter(
            Q(article__agreement=agreement) | Q(annex_article__annex__agreement=agreement))),
    ]
    for label, records in sources:
        for record in records.select_related("history_user"):
            entries.append({"label": label, "record": record, "changes": _changes(record)})
    entries.sort(key=lambda entry: entry["record"].history_date, reverse=True)
    return render(request, "agreements/history.html", {
        **_context(request, agreement, "Historique des modifications"), "entries": entries[:300],
    })


LONG_TEXT_FIELDS = {"body", "preamble", "proposed_body"}


def _changes(record):
    """What a historical record changed; long texts are shown as a word diff."""
    previous = record.prev_record
    if previous is None or record.history_type != "~":
        return []
    delta = record.diff_against(previous)
    changes = []
    for change in delta.changes:
        field = record.instance._meta.get_field(change.field)
        label = field.verbose_name
        if change.field in LONG_TEXT_FIELDS:
            changes.append({"field": label, "diff": word_diff(change.old or "", change.new or "")})
        elif field.is_relation:
            changes.append({"field": label, "old": _named(previous, field), "new": _named(record, field)})
        elif field.choices:
            labels = dict(field.flatchoices)
            changes.append({"field": label, "old": labels.get(change.old, change.old),
                            "new": labels.get(change.new, change.new)})
        else:
            changes.append({"field": label, "old": change.old, "new": change.new})
    return changes


def _named(record, field) -> str:
    """A related object as people read it (a user by public name), not its id."""
    try:
        related = getattr(record, field.name)
    except ObjectDoesNotExist:  # a deleted related row: say so rather than fail the page
        return "(supprimé)"
    if related is None:
        return ""
    return getattr(related, "public_name", None) or str(related)

