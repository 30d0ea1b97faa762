"""Signatories and signatures: who signs, what each signed and when, the signed copies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from entente.core.formatting import format_date

from .agreement_services import check_trunk_settled, is_partner, lock_draft, stored_user
from .models import Agreement, AgreementStatus, Signatory, SignatoryStatus, Signature


@transaction.atomic
def add_signatory(*, agreement, organization, signer_title="", outside=False) -> Signatory:
    """A partner signs as such; any other organization only as an explicitly declared co-signer."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status == AgreementStatus.SIGNED:
        raise ValidationError("La convention est signée : ses signataires ne peuvent plus changer.")
    if agreement.status == AgreementStatus.ADOPTED:
        raise ValidationError("Un tronc commun adopté ne se signe pas : ce sont les contrats qui en sont déclinés.")
    partner = is_partner(agreement, organization)
    if not partner and not outside:
        raise ValidationError(
            f"« {organization} » n'est pas partenaire de la coopération : pour qu'elle signe, déclarez-la "
            "explicitement comme cosignataire extérieur (l'État, par exemple)."
        )
    if agreement.signatories.filter(organization=organization).exists():
        raise ValidationError(f"« {organization} » figure déjà parmi les signataires.")
    position = (agreement.signatories.aggregate(m=Max("position"))["m"] or 0) + 1
    return Signatory.objects.create(
        agreement=agreement,
        organization=organization,
        signer_title=signer_title.strip(),
        is_outside_cosigner=not partner,
        position=position,
    )


@transaction.atomic
def remove_signatory(*, signatory) -> None:
    if signatory.signatures.exists():
        raise ValidationError("Ce signataire a déjà signé : il ne peut plus être retiré.")
    lock_draft(signatory.agreement)
    signatory.delete()


def check_can_sign(agreement, organization) -> Signatory:
    """The signatory row for an organization, or a French refusal when it may not sign."""
    signatory = agreement.signatories.filter(organization=organization).first()
    if signatory is None:
        if is_partner(agreement, organization):
            raise ValidationError(
                f"« {organization} » est partenaire mais ne figure pas parmi les signataires de cette convention."
            )
        raise ValidationError(
            f"« {organization} » n'est ni partenaire de la coopération ni cosignataire déclaré de cette "
            "convention : elle ne peut pas la signer."
        )
    if not signatory.is_outside_cosigner and not is_partner(agreement, organization):
        raise ValidationError(f"« {organization} » a quitté la coopération : elle ne peut plus signer.")
    return signatory


@transaction.atomic
def record_signature(*, agreement, organization, signed_on, user, deliberation_reference="", scan=None) -> Signature:
    """Record that an organization signed the text in signature, with its date and scan."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.IN_SIGNATURE:
        raise ValidationError("La convention n'est pas en signature : soumettez-la d'abord à signature.")
    check_trunk_settled(agreement)
    signatory = check_can_sign(agreement, organization)
    version = agreement.versions.order_by("-number").first()
    version_date = timezone.localdate(version.created_at)
    if signed_on < version_date:
        raise ValidationError(
            f"La date de signature ({format_date(signed_on)}) précède la version {version.number} qu'elle signe, "
            f"établie le {format_date(version_date)}."
        )
    if signed_on > timezone.localdate():
        raise ValidationError("La date de signature ne peut pas être dans le futur.")
    if signatory.signatures.filter(version=version).exists():
        raise ValidationError(f"La signature de « {organization} » est déjà enregistrée pour cette version.")
    signature = Signature(
        signatory=signatory,
        version=version,
        signed_on=signed_on,
        deliberation_reference=deliberation_reference.strip(),
        recorded_by=stored_user(user),
    )
    if scan is not None:
        signature.scan.save(scan.name, scan, save=False)
    signature.save()
    signatory.status = SignatoryStatus.SIGNED
    signatory.save(update_fields=["status"])
    _close_when_all_signed(agreement)
    return signature


@transaction.atomic
def attach_scan(*, signature, scan) -> Signature:
    """File the signed copy that arrived after the signature was recorded (or replace a poor scan)."""
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    previous = signature.scan.name if signature.scan else ""
    signature.scan.save(scan.name, scan, save=False)
    signature.save(update_fields=["scan"])
    if previous and previous != signature.scan.name:
        storage = signature.scan.storage
        transaction.on_commit(lambda: storage.delete(previous))
    return signature


def _close_when_all_signed(agreement) -> None:
    if agreement.signatories.exclude(status=SignatoryStatus.SIGNED).exists():
        return
    latest = Signature.objects.filter(signatory__agreement=agreement).aggregate(m=Max("signed_on"))["m"]
    agreement.status = AgreementStatus.SIGNED
    agreement.signed_on = latest
    agreement.save(update_fields=["status", "signed_on"])


@transaction.atomic
def record_refusal(*, signatory) -> Signatory:
    agreement = Agreement.objects.select_for_update().get(pk=signatory.agreement_id)
    if agreement.status != AgreementStatus.IN_SIGNATURE:
        raise ValidationError("La convention n'est pas en signature.")
    if signatory.status == SignatoryStatus.SIGNED:
        raise ValidationError("Ce signataire a déjà signé.")
    signatory.status = SignatoryStatus.REFUSED
    signatory.save(update_fields=["status"])
    return signatory
