"""Signing an agreement: signatories, sending to signature (or adopting a trunk), signatures, refusals,
the signed copies."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from entente.core.french import de

from . import agreement_services, signature_services, trunk_services
from .documents import download_name
from .forms import (
    ScanForm,
    SignatoryForm,
    SignatureForm,
)
from .rules import get_agreement_for_user, get_signatory_for_user, get_signature_for_user
from .views import agreement_context, apply_change, form_message, form_status, refuse


@require_POST
def signatory_add(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    form = SignatoryForm(request.POST, cooperation=agreement.cooperation)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, form_message(form), agreement.get_absolute_url())
    return apply_change(
        request,
        agreement,
        lambda: signature_services.add_signatory(
            agreement=agreement,
            organization=form.organization,
            signer_title=form.cleaned_data["signer_title"],
            outside=bool(form.cleaned_data.get("outside")),
        ),
        lambda signatory: f"« {signatory.organization} » est ajouté aux signataires.",
    )


@require_POST
def signatory_remove(request, slug, pk, signatory_pk):
    signatory = get_signatory_for_user(request.user, slug, pk, signatory_pk)
    agreement = signatory.agreement
    return apply_change(
        request,
        agreement,
        lambda: signature_services.remove_signatory(signatory=signatory),
        f"« {signatory.organization} » est retiré des signataires.",
    )


@require_POST
def submit(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    return apply_change(
        request,
        agreement,
        lambda: agreement_services.submit_for_signature(agreement=agreement, user=request.user),
        lambda version: f"La convention est soumise à signature (version {version.number} figée).",
    )


@require_POST
def adopt(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    return apply_change(
        request,
        agreement,
        lambda: trunk_services.adopt_trunk(trunk=agreement, user=request.user),
        lambda version: (
            f"Le tronc commun est adopté (version {version.number} figée) : les contrats qui en "
            "sont déclinés peuvent être soumis à signature."
        ),
    )


@require_POST
def reopen(request, slug, pk):
    agreement = get_agreement_for_user(request.user, slug, pk, "agreements_manage")
    return apply_change(
        request,
        agreement,
        lambda: agreement_services.reopen_draft(agreement=agreement),
        "La convention revient au brouillon.",
    )


def sign(request, slug, pk, signatory_pk):
    signatory = get_signatory_for_user(request.user, slug, pk, signatory_pk)
    agreement = signatory.agreement
    form = SignatureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signature_services.record_signature(
                agreement=agreement,
                organization=signatory.organization,
                signed_on=data["signed_on"],
                deliberation_reference=data["deliberation_reference"],
                scan=data["scan"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"La signature de « {signatory.organization} » est enregistrée.")
            return redirect(agreement)
    return render(
        request,
        "agreements/sign.html",
        {
            **agreement_context(request, agreement, f"Signature {de(signatory.organization)}"),
            "form": form,
            "signatory": signatory,
            "version": agreement.versions.order_by("-number").first(),
        },
        status=form_status(form),
    )


@require_POST
def refusal(request, slug, pk, signatory_pk):
    signatory = get_signatory_for_user(request.user, slug, pk, signatory_pk)
    agreement = signatory.agreement
    return apply_change(
        request,
        agreement,
        lambda: signature_services.record_refusal(signatory=signatory),
        f"Le refus de signer de « {signatory.organization} » est enregistré.",
    )


def signature_scan(request, slug, pk, signature_pk):
    signature = get_signature_for_user(request.user, slug, pk, signature_pk, "agreements_view_scans")
    agreement = signature.signatory.agreement
    if not signature.scan:
        raise Http404("Aucun exemplaire numérisé pour cette signature.")
    extension = signature.scan.name.rsplit(".", 1)[-1]
    name = download_name(f"{agreement.title} signature {signature.signatory.organization}", extension)
    return FileResponse(signature.scan.open("rb"), as_attachment=True, filename=name)


@require_POST
def scan_upload(request, slug, pk, signature_pk):
    """Attach (or replace) the signed copy of a signature already recorded."""
    signature = get_signature_for_user(request.user, slug, pk, signature_pk)
    agreement = signature.signatory.agreement
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        return refuse(request, agreement.cooperation, form_message(form), agreement.get_absolute_url())
    return apply_change(
        request,
        agreement,
        lambda: signature_services.attach_scan(signature=signature, scan=form.cleaned_data["scan"]),
        f"L'exemplaire signé de « {signature.signatory.organization} » est déposé.",
        back=f"{agreement.get_absolute_url()}#signataires",
    )
