"""Changes to an agreement's own text and life: drafting its articles, freezing versions, sending it
to signature, reopening it, amending it once signed. Annexes, signatures, trunks and comments have
their own modules (annex_services, signature_services, trunk_services, comment_services)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from entente.cooperations.models import Partnership
from entente.core.formatting import format_date

from . import presets
from .models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    AgreementVersion,
    Article,
    Signatory,
    SignatoryStatus,
    Signature,
)
from .selectors import snapshot
from .text import check_placeholders


@transaction.atomic
def create_agreement(
    *,
    cooperation,
    user,
    title,
    kind=AgreementKind.CONVENTION,
    preamble="",
    duration_months=None,
    starts_on=None,
    ends_on=None,
    place="",
    with_trunk=True,
    parent=None,
) -> Agreement:
    agreement = Agreement(
        cooperation=cooperation,
        kind=kind,
        title=title.strip(),
        preamble=preamble.strip(),
        duration_months=duration_months,
        starts_on=starts_on,
        ends_on=ends_on,
        place=place.strip(),
        parent=parent,
        created_by=stored_user(user),
    )
    _check_dates(agreement)
    agreement.save()
    if with_trunk:
        bulk_create_with_history(
            [
                Article(agreement=agreement, position=index, title=heading, body=body)
                for index, (heading, body) in enumerate(presets.TRUNK_ARTICLES, start=1)
            ],
            Article,
        )
    return agreement


def _check_dates(agreement) -> None:
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError("La date d'échéance ne peut pas précéder la date de prise d'effet.")


def lock_draft(agreement) -> Agreement:
    """The agreement, locked for the transaction, or a French refusal when it is no longer a draft."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.is_draft:
        if agreement.status == AgreementStatus.ADOPTED:
            raise ValidationError(
                "Ce tronc commun est adopté : son texte, que portent les contrats qui en sont déclinés, ne peut plus "
                "être modifié."
            )
        raise ValidationError(
            f"Ce texte est {agreement.get_status_display().lower()} : il ne peut plus être modifié. "
            "Pour le faire évoluer, rédigez un avenant."
        )
    return agreement


@transaction.atomic
def update_agreement(*, agreement, **fields) -> Agreement:
    agreement = lock_draft(agreement)
    for name, value in fields.items():
        setattr(agreement, name, value.strip() if isinstance(value, str) else value)
    _check_dates(agreement)
    agreement.save()
    return agreement


@transaction.atomic
def add_article(*, agreement, title, body="", position=None) -> Article:
    agreement = lock_draft(agreement)
    check_placeholders(body)
    if position is None:
        position = (agreement.articles.aggregate(m=Max("position"))["m"] or 0) + 1
    return Article.objects.create(agreement=agreement, title=title.strip(), body=body.strip(), position=position)


@transaction.atomic
def update_article(*, article, title, body, position=None) -> Article:
    lock_draft(article.agreement)
    check_placeholders(body)
    article.title, article.body = title.strip(), body.strip()
    if position is not None:
        article.position = position
    article.save()
    return article


@transaction.atomic
def delete_article(*, article) -> None:
    lock_draft(article.agreement)
    article.delete()


@transaction.atomic
def save_version(*, agreement, user, note="", at=None) -> AgreementVersion:
    """Freeze the current text as the next numbered version."""
    agreement = lock_draft(agreement)  # a text in signature keeps the version its signatories sign
    number = (agreement.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    return AgreementVersion.objects.create(
        agreement=agreement,
        number=number,
        content=snapshot(agreement),
        note=note.strip(),
        created_by=stored_user(user),
        created_at=at or timezone.now(),
    )


def check_trunk_settled(agreement) -> None:
    """A contract goes to signature, and is signed, only under a trunk that is no longer a draft."""
    trunk = agreement.derived_from
    if trunk is not None and trunk.is_draft:
        raise ValidationError(
            f"Le tronc commun « {trunk.title} » est encore un brouillon : adoptez-le avant de soumettre ou de "
            "signer un contrat qui en est décliné, pour que tous les contrats portent le même texte."
        )


def _check_no_settled_contracts(trunk) -> None:
    """A trunk goes back to drafting only while none of its contracts is submitted or signed."""
    settled = trunk.derived_contracts.exclude(status=AgreementStatus.DRAFT).count()
    if settled:
        raise ValidationError(
            f"{settled} contrat(s) décliné(s) de ce tronc commun sont en signature ou signés : le tronc commun ne "
            "peut plus redevenir un brouillon."
        )


@transaction.atomic
def submit_for_signature(*, agreement, user, at=None) -> AgreementVersion:
    agreement = lock_draft(agreement)
    check_trunk_settled(agreement)
    if not agreement.articles.exists():
        raise ValidationError("La convention n'a aucun article : rédigez-les avant de la soumettre.")
    if not agreement.signatories.exists():
        raise ValidationError("Ajoutez au moins un signataire avant de soumettre la convention à signature.")
    _check_partners_still_in(agreement)
    version = save_version(agreement=agreement, user=user, note="Texte soumis à signature", at=at)
    agreement.status = AgreementStatus.IN_SIGNATURE
    agreement.save(update_fields=["status"])
    return version


def _check_partners_still_in(agreement) -> None:
    """A text is not sent to signature with an annex or a signatory for a partner who has left."""
    left = {
        p.organization_id: p
        for p in Partnership.objects.departed()
        .filter(cooperation_id=agreement.cooperation_id)
        .select_related("organization")
    }
    active = set(
        Partnership.objects.active()
        .filter(cooperation_id=agreement.cooperation_id)
        .values_list("organization_id", flat=True)
    )
    problems = []
    for annex in agreement.annexes.select_related("partnership__organization"):
        if not annex.partnership.is_active:
            problems.append(
                f"l'annexe « {annex.title} » concerne « {annex.partnership.organization} », qui a quitté "
                f"la coopération le {format_date(annex.partnership.left_on)} : retirez-la"
            )
    for signatory in agreement.signatories.select_related("organization"):
        gone = left.get(signatory.organization_id)
        if gone is not None and signatory.organization_id not in active and not signatory.is_outside_cosigner:
            problems.append(
                f"« {signatory.organization} » figure parmi les signataires mais a quitté la coopération "
                f"le {format_date(gone.left_on)} : retirez-le des signataires"
            )
    if problems:
        raise ValidationError("La convention ne peut pas être soumise à signature : " + " ; ".join(problems) + ".")


@transaction.atomic
def reopen_draft(*, agreement) -> Agreement:
    """Back to drafting after a refusal, as long as nobody has signed yet."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != AgreementStatus.IN_SIGNATURE:
        raise ValidationError("Seule une convention en signature peut revenir au brouillon.")
    _check_no_settled_contracts(agreement)
    if Signature.objects.filter(signatory__agreement=agreement).exists():
        raise ValidationError(
            "Des signatures sont déjà recueillies : rédigez un avenant plutôt que de rouvrir le texte."
        )
    agreement.status = AgreementStatus.DRAFT
    agreement.save(update_fields=["status"])
    agreement.signatories.update(status=SignatoryStatus.PENDING)
    return agreement


def is_partner(agreement, organization) -> bool:
    return (
        Partnership.objects.active().filter(cooperation_id=agreement.cooperation_id, organization=organization).exists()
    )


@transaction.atomic
def create_amendment(*, parent, user, title="") -> Agreement:
    """An avenant to a signed agreement, signed by the same organizations."""
    if parent.status != AgreementStatus.SIGNED:
        raise ValidationError("Seule une convention signée peut faire l'objet d'un avenant.")
    number = parent.amendments.count() + 1
    amendment = create_agreement(
        cooperation=parent.cooperation,
        user=user,
        kind=AgreementKind.AMENDMENT,
        parent=parent,
        with_trunk=False,
        title=title or f"Avenant n° {number} — {parent.title}",
        place=parent.place,
    )
    bulk_create_with_history(
        [
            Article(
                agreement=amendment,
                position=index,
                title=heading,
                body=body.format(parent=parent.title, signed_on=format_date(parent.signed_on)),
            )
            for index, (heading, body) in enumerate(presets.AMENDMENT_ARTICLES, start=1)
        ],
        Article,
    )
    for signatory in parent.signatories.select_related("organization"):
        if signatory.is_outside_cosigner or is_partner(parent, signatory.organization):
            Signatory.objects.create(
                agreement=amendment,
                organization=signatory.organization,
                signer_title=signatory.signer_title,
                is_outside_cosigner=signatory.is_outside_cosigner,
                position=signatory.position,
            )
    return amendment


def stored_user(user):
    """The acting user as a row to keep (created_by, recorded_by...), or None when there is none to name."""
    return user if user is not None and getattr(user, "pk", None) else None
