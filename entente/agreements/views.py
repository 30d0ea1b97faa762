"""The list of a cooperation's charters and agreements, and what every page of the app shares:
the agreement's breadcrumbs, refusals with their French reason, and a change applied then redirected."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user

from .models import Agreement, AgreementStatus, SignatoryStatus
from .rules import agreement_verbs, charter_version_verbs


def agreement_context(request, agreement_or_cooperation, page_title, *, crumbs=(), **extra):
    agreement = agreement_or_cooperation if isinstance(agreement_or_cooperation, Agreement) else None
    cooperation = agreement.cooperation if agreement else agreement_or_cooperation
    base = [("Chartes et conventions", reverse("agreements:list", args=[cooperation.slug]))]
    if agreement and page_title != agreement.title:
        base.append((agreement.title, agreement.get_absolute_url()))
    return space_context(
        request,
        cooperation,
        page_title=page_title,
        crumbs=[*base, *crumbs, (page_title, None)],
        agreement=agreement,
        **extra,
    )


def form_status(form) -> int:
    """A form sent back with errors answers 400, so that clients and tests see the refusal."""
    return 400 if form.is_bound and form.errors else 200


def refuse(request, cooperation, message, back_url, *, status=400):
    """A refused change: the French reason, a way back, and a 4xx status."""
    return render(
        request,
        "cooperations/error.html",
        {
            **space_context(request, cooperation, page_title="Demande refusée"),
            "message": message,
            "back_url": back_url,
        },
        status=status,
    )


def apply_change(request, agreement, change, success, *, back=None):
    back = back or agreement.get_absolute_url()
    try:
        result = change()
    except ValidationError as error:
        return refuse(request, agreement.cooperation, " ".join(error.messages), back)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(back)


def form_message(form) -> str:
    return " ".join(
        f"{form.fields[name].label if name in form.fields else ''} : {' '.join(errors)}".lstrip(" :")
        for name, errors in form.errors.items()
    )


def agreement_list(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    context = space_context(request, cooperation, page_title="Chartes et conventions")
    granted = context["abilities"]
    agreements = (
        cooperation.agreements.select_related("parent", "derived_from")
        .annotate(
            signatory_count=Count("signatories", distinct=True),
            signed_count=Count("signatories", filter=Q(signatories__status=SignatoryStatus.SIGNED), distinct=True),
        )
        .order_by("kind", "title")
    )
    if not granted["agreements_view_drafts"]:
        agreements = agreements.exclude(status=AgreementStatus.DRAFT)
    agreements = list(agreements)
    for agreement in agreements:
        # "Declined from" names the trunk only to those who may read it (a draft trunk stays internal).
        trunk = agreement.derived_from
        agreement.trunk_shown = trunk is not None and agreement_verbs(trunk, granted)["view"]
    charters = []
    for charter in cooperation.charters.prefetch_related("versions").order_by("title"):
        versions = [v for v in charter.versions.all() if charter_version_verbs(v, granted, adopted=False)["view"]]
        if versions:
            charters.append((charter, max(versions, key=lambda v: v.number)))
    return render(request, "agreements/list.html", {**context, "agreements": agreements, "charters": charters})
