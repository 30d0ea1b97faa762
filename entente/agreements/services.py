"""Every change to charters and agreements goes through these functions: atomic and validated."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from entente.cooperations.models import Membership, Partnership
from entente.core.formatting import format_date, format_money
from entente.core.french import de

from . import presets
from .models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    AgreementVersion,
    Annex,
    AnnexArticle,
    Article,
    Charter,
    CharterAdoption,
    CharterKind,
    CharterSection,
    CharterVersion,
    CharterVersionStatus,
    Comment,
    SectionKind,
    Signatory,
    SignatoryStatus,
    Signature,
)
from .selectors import partner_commitments, snapshot
from .text import check_placeholders

# ---------------------------------------------------------------- charters


@transaction.atomic
def create_charter(*, cooperation, user, kind, title, with_presets=True, with_moral_rules=False) -> Charter:
    """A charter in draft, started from the seed's headings and, on request, the moral contract's rules."""
    charter = Charter.objects.create(
        cooperation=cooperation, kind=kind, title=title.strip(), created_by=_user(user),
    )
    version = CharterVersion.objects.create(charter=charter, number=1, created_by=_user(user))
    groups = []
    if with_presets:
        groups.append(presets.CHARTER_HEADINGS if kind == CharterKind.FUNCTIONING else presets.MORAL_RULES)
    if with_moral_rules and kind == CharterKind.FUNCTIONING:
        groups.append(presets.MORAL_RULES)
    rows = [row for group in groups for row in group]
    bulk_create_with_history([
        CharterSection(version=version, kind=presets.section_kind(code), code=code, position=index, title=heading,
                       body=body)
        for index, (code, heading, body) in enumerate(rows, start=1)
    ], CharterSection)
    return charter


@transaction.atomic
def add_preset_section(*, version, code) -> CharterSection:
    """Put back one of the seed's headings or moral-contract rules into a draft (once)."""
    preset = presets.charter_preset(code)
    if preset is None:
        raise ValidationError("Cette rubrique type n'existe pas.")
    version = CharterVersion.objects.select_for_update().get(pk=version.pk)
    _require_charter_draft(version)
    if version.sections.filter(code=code).exists():
        raise ValidationError(f"La rubrique « {preset[1]} » figure déjà dans cette version de la charte.")
    _code, title, body = preset
    return add_charter_section(version=version, title=title, body=body, kind=presets.section_kind(code), code=code)


def _require_charter_draft(version: CharterVersion) -> None:
    if not version.is_draft:
        raise ValidationError(
            f"La version {version.number} de la charte n'est plus un brouillon : elle ne peut plus être modifiée. "
            "Ouvrez une nouvelle version."
        )


@transaction.atomic
def add_charter_section(*, version, title, body="", kind=SectionKind.FREE, code="") -> CharterSection:
    version = CharterVersion.objects.select_for_update().get(pk=version.pk)
    _require_charter_draft(version)
    position = (version.sections.aggregate(m=Max("position"))["m"] or 0) + 1
    return CharterSection.objects.create(
        version=version, title=title.strip(), body=body.strip(), kind=kind, code=code, position=position,
    )


@transaction.atomic
def update_charter_section(*, section, title, body, position=None) -> CharterSection:
    _require_charter_draft(CharterVersion.objects.select_for_update().get(pk=section.version_id))
    section.title = title.strip()
    section.body = body.strip()
    if position is not None:
        section.position = position
    section.save()
    return section


@transaction.atomic
def delete_charter_section(*, section) -> None:
    _require_charter_draft(CharterVersion.objects.select_for_update().get(pk=section.version_id))
    section.delete()


@transaction.atomic
def publish_charter_version(*, version, user=None, at=None) -> CharterVersion:
    """The draft becomes the charter in force; the previous text is superseded and frozen."""
    version = CharterVersion.objects.select_for_update().get(pk=version.pk)
    _require_charter_draft(version)
    if not version.sections.exists():
        raise ValidationError("Une charte sans aucune rubrique ne peut pas être mise en vigueur.")
    CharterVersion.objects.filter(charter_id=version.charter_id, status=CharterVersionStatus.PUBLISHED).update(
        status=CharterVersionStatus.SUPERSEDED,
    )
    version.status = CharterVersionStatus.PUBLISHED
    version.published_at = at or timezone.now()
    version.save(update_fields=["status", "published_at"])
    return version


@transaction.atomic
def open_charter_draft(*, charter, user, note="") -> CharterVersion:
    """A new draft starting from the latest text, to revise a charter already in force."""
    charter = Charter.objects.select_for_update().get(pk=charter.pk)
    if charter.versions.filter(status=CharterVersionStatus.DRAFT).exists():
        raise ValidationError("Un brouillon de cette charte est déjà ouvert : modifiez-le plutôt.")
    latest = charter.versions.order_by("-number").first()
    version = CharterVersion.objects.create(
        charter=charter, number=(latest.number + 1) if latest else 1, note=note, created_by=_user(user),
    )
    if latest:
        bulk_create_with_history([
            CharterSection(version=version, kind=s.kind, code=s.code, position=s.position, title=s.title, body=s.body)
            for s in latest.sections.all()
        ], CharterSection)
    return version


@transaction.atomic
def adopt_charter(*, version, user, adopted_on=None) -> CharterAdoption:
    """A member adopts the charter in force; each member adopts each version once."""
    if version.status != CharterVersionStatus.PUBLISHED:
        raise ValidationError("Seule la version en vigueur d'une charte peut être adoptée.")
    membership = Membership.objects.filter(user=user, cooperation_id=version.charter.cooperation_id).first()
    if membership is None:
        raise ValidationError("Seuls les membres de la coopération adoptent sa charte.")
    adopted_on = adopted_on or timezone.localdate()
    if adopted_on > timezone.localdate():
        raise ValidationError("La date d'adoption ne peut pas être dans le futur.")
    if version.published_at and adopted_on < timezone.localdate(version.published_at):
        raise ValidationError(
            f"La date d'adoption ({format_date(adopted_on)}) précède la mise en vigueur de la version "
            f"{version.number} ({format_date(timezone.localdate(version.published_at))})."
        )
    try:
        with transaction.atomic():
            return CharterAdoption.objects.create(
                version=version, user=user, partner=membership.partner, adopted_on=adopted_on,
            )
    except IntegrityError:
        raise ValidationError(f"Vous avez déjà adopté la version {version.number} de cette charte.") from None


def set_charter_bodies(*, charter, bodies) -> None:
    """Link a charter to the bodies it governs (instances of the same cooperation only)."""
    bodies = list(bodies)
    if any(body.cooperation_id != charter.cooperation_id for body in bodies):
        raise ValidationError("Une charte ne peut régir que des instances de sa propre coopération.")
    charter.bodies.set(bodies)


# ---------------------------------------------------------------- agreements


@transaction.atomic
def create_agreement(*, cooperation, user, title, kind=AgreementKind.CONVENTION, preamble="", duration_months=None,
                     starts_on=None, ends_on=None, place="", with_trunk=True, parent=None) -> Agreement:
    agreement = Agreement(
        cooperation=cooperation, kind=kind, title=title.strip(), preamble=preamble.strip(),
        duration_months=duration_months, starts_on=starts_on, ends_on=ends_on, place=place.strip(),
        parent=parent, created_by=_user(user),
    )
    _check_dates(agreement)
    agreement.save()
    if with_trunk:
        bulk_create_with_history([
            Article(agreement=agreement, position=index, title=heading, body=body)
            for index, (heading, body) in enumerate(presets.TRUNK_ARTICLES, start=1)
        ], Article)
    return agreement


def _check_dates(agreement) -> None:
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError("La date d'échéance ne peut pas précéder la date de prise d'effet.")


def _locked(agreement) -> Agreement:
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
    agreement = _locked(agreement)
    for name, value in fields.items():
        setattr(agreement, name, value.strip() if isinstance(value, str) else value)
    _check_dates(agreement)
    agreement.save()
    return agreement


@transaction.atomic
def add_article(*, agreement, title, body="", position=None) -> Article:
    agreement = _locked(agreement)
    check_placeholders(body)
    if position is None:
        position = (agreement.articles.aggregate(m=Max("position"))["m"] or 0) + 1
    return Article.objects.create(agreement=agreement, title=title.strip(), body=body.strip(), position=position)


@transaction.atomic
def update_article(*, article, title, body, position=None) -> Article:
    _locked(article.agreement)
    check_placeholders(body)
    article.title, article.body = title.strip(), body.strip()
    if position is not None:
        article.position = position
    article.save()
    return article


@transaction.atomic
def delete_article(*, article) -> None:
    _locked(article.agreement)
    article.delete()


def _active_partnership(agreement, partnership) -> Partnership:
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
    agreement = _locked(agreement)
    _active_partnership(agreement, partnership)
    if agreement.annexes.filter(partnership=partnership).exists():
        raise ValidationError(f"La convention a déjà une annexe pour « {partnership.organization} ».")
    position = (agreement.annexes.aggregate(m=Max("position"))["m"] or 0) + 1
    return Annex.objects.create(
        agreement=agreement, partnership=partnership, position=position,
        title=title.strip() or f"Engagements {de(partnership.organization)}",
    )


@transaction.atomic
def fill_annex_from_portfolio(*, annex) -> int:
    """Replace the annex's portfolio articles with the partner's current actions and shares.

    Articles written by hand in the annex are kept; only those drawn from the portfolio are
    refreshed. Returns the number of actions pulled.
    """
    _locked(annex.agreement)
    _active_partnership(annex.agreement, annex.partnership)
    commitments = partner_commitments(annex.agreement.cooperation, annex.partnership.organization)
    annex.articles.exclude(source_action="").filter(edited=False).delete()
    rewritten = set(annex.articles.exclude(source_action="").values_list("source_action", flat=True))
    start = (annex.articles.aggregate(m=Max("position"))["m"] or 0) + 1
    fresh = [item for item in commitments if _action_title(item)[:255] not in rewritten]
    rows = [
        AnnexArticle(annex=annex, position=start + index, title=_action_title(item)[:200],
                     body=commitment_text(item), source_action=_action_title(item)[:255])
        for index, item in enumerate(fresh)
    ]
    recap = financial_summary(commitments)
    if recap and FINANCIAL_SUMMARY not in rewritten:
        rows.append(AnnexArticle(annex=annex, position=start + len(rows), title=FINANCIAL_SUMMARY, body=recap,
                                 source_action=FINANCIAL_SUMMARY))
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
    return "\n".join([
        "Le partenaire participe au financement des actions suivantes :", *lines,
        f"Soit une participation totale de {format_money(total)}.",
    ])


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
    agreement = _locked(agreement)
    if partnerships is None:
        partnerships = agreement.cooperation.partnerships.active().select_related("organization")
    annexes = []
    for partnership in partnerships:
        annex = agreement.annexes.filter(partnership=partnership).first() or add_annex(
            agreement=agreement, partnership=partnership,
        )
        fill_annex_from_portfolio(annex=annex)
        annexes.append(annex)
    return annexes


@transaction.atomic
def add_annex_article(*, annex, title, body="") -> AnnexArticle:
    _locked(annex.agreement)
    check_placeholders(body, in_annex=True)
    position = (annex.articles.aggregate(m=Max("position"))["m"] or 0) + 1
    return AnnexArticle.objects.create(annex=annex, title=title.strip(), body=body.strip(), position=position)


@transaction.atomic
def update_annex_article(*, annex_article, title, body) -> AnnexArticle:
    _locked(annex_article.annex.agreement)
    check_placeholders(body, in_annex=True)
    title, body = title.strip(), body.strip()
    if annex_article.source_action and (title, body) != (annex_article.title, annex_article.body):
        annex_article.edited = True  # a rewritten portfolio clause survives the next refresh of the annex
    annex_article.title, annex_article.body = title, body
    annex_article.save()
    return annex_article


@transaction.atomic
def delete_annex_article(*, annex_article) -> None:
    _locked(annex_article.annex.agreement)
    annex_article.delete()


@transaction.atomic
def delete_annex(*, annex) -> None:
    _locked(annex.agreement)
    annex.delete()


@transaction.atomic
def derive_contract(*, trunk, partnership, user, title="", signer_title="") -> Agreement:
    """A bilateral contract sharing the trunk of another agreement, with the partner's annex.

    The Touraine pattern: one accord collectif, one contract per communauté de communes, each
    with its thematic annex; the trunk articles are copied, the annex pulled from the portfolio.
    """
    if trunk.derived_from_id:
        raise ValidationError(
            f"« {trunk.title} » est lui-même décliné d'un tronc commun : déclinez plutôt « {trunk.derived_from} »."
        )
    if trunk.kind == AgreementKind.AMENDMENT:
        raise ValidationError("Un avenant ne se décline pas en contrats bilatéraux.")
    _active_partnership(trunk, partnership)
    contract = create_agreement(
        cooperation=trunk.cooperation, user=user, kind=trunk.kind, with_trunk=False,
        title=title or f"{trunk.title} — {partnership.organization}", preamble=trunk.preamble,
        duration_months=trunk.duration_months, starts_on=trunk.starts_on, ends_on=trunk.ends_on, place=trunk.place,
    )
    contract.derived_from = trunk
    contract.save(update_fields=["derived_from"])
    bulk_create_with_history([
        Article(agreement=contract, position=a.position, title=a.title, body=a.body) for a in trunk.articles.all()
    ], Article)
    generate_annexes(agreement=contract, partnerships=[partnership])
    add_signatory(agreement=contract, organization=partnership.organization, signer_title=signer_title)
    return contract


def trunk_differs(contract) -> bool:
    """Whether a derived contract's articles no longer match its trunk's."""
    if contract.derived_from_id is None:
        return False
    mine = [(a.title, a.body) for a in contract.articles.all()]
    theirs = [(a.title, a.body) for a in contract.derived_from.articles.all()]
    return mine != theirs


@transaction.atomic
def propagate_trunk(*, trunk) -> tuple[list[Agreement], list[Agreement]]:
    """Copy the trunk's articles into every derived contract still in draft; annexes stay as they are.

    Returns (updated, skipped): contracts already submitted or signed keep their text, which
    only an avenant can change.
    """
    updated, skipped = [], []
    articles = list(trunk.articles.all())
    for contract in trunk.derived_contracts.order_by("title", "pk"):
        if not contract.is_draft:
            skipped.append(contract)
            continue
        contract = _locked(contract)
        contract.articles.all().delete()
        bulk_create_with_history([
            Article(agreement=contract, position=a.position, title=a.title, body=a.body) for a in articles
        ], Article)
        updated.append(contract)
    if not updated and not skipped:
        raise ValidationError("Aucun contrat n'a été décliné de ce tronc commun.")
    return updated, skipped


@transaction.atomic
def save_version(*, agreement, user, note="", at=None) -> AgreementVersion:
    """Freeze the current text as the next numbered version."""
    agreement = _locked(agreement)  # a text in signature keeps the version its signatories sign
    number = (agreement.versions.aggregate(m=Max("number"))["m"] or 0) + 1
    return AgreementVersion.objects.create(
        agreement=agreement, number=number, content=snapshot(agreement), note=note.strip(),
        created_by=_user(user), created_at=at or timezone.now(),
    )


@transaction.atomic
def adopt_trunk(*, trunk, user, at=None) -> AgreementVersion:
    """The common trunk (accord collectif) is adopted: its text is frozen as a numbered version.

    Its derived contracts may then go to signature; a trunk is never signed under its own name,
    and once adopted it never goes back to a draft.
    """
    trunk = _locked(trunk)
    if not trunk.derived_contracts.exists():
        raise ValidationError(
            "Seul un tronc commun s'adopte : déclinez d'abord cette convention en contrats bilatéraux, "
            "ou soumettez-la à signature."
        )
    if not trunk.articles.exists():
        raise ValidationError("Le tronc commun n'a aucun article : rédigez-le avant de l'adopter.")
    version = save_version(agreement=trunk, user=user, note="Tronc commun adopté", at=at)
    trunk.status = AgreementStatus.ADOPTED
    trunk.save(update_fields=["status"])
    return version


def _check_trunk_settled(agreement) -> None:
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
    agreement = _locked(agreement)
    _check_trunk_settled(agreement)
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
    left = {p.organization_id: p for p in Partnership.objects.departed().filter(
        cooperation_id=agreement.cooperation_id).select_related("organization")}
    active = set(Partnership.objects.active().filter(
        cooperation_id=agreement.cooperation_id).values_list("organization_id", flat=True))
    problems = []
    for annex in agreement.annexes.select_related("partnership__organization"):
        if not annex.partnership.is_active:
            problems.append(f"l'annexe « {annex.title} » concerne « {annex.partnership.organization} », qui a quitté "
                            f"la coopération le {format_date(annex.partnership.left_on)} : retirez-la")
    for signatory in agreement.signatories.select_related("organization"):
        gone = left.get(signatory.organization_id)
        if gone is not None and signatory.organization_id not in active and not signatory.is_outside_cosigner:
            problems.append(f"« {signatory.organization} » figure parmi les signataires mais a quitté la coopération "
                            f"le {format_date(gone.left_on)} : retirez-le des signataires")
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
    return Partnership.objects.active().filter(
        cooperation_id=agreement.cooperation_id, organization=organization,
    ).exists()


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
        agreement=agreement, organization=organization, signer_title=signer_title.strip(),
        is_outside_cosigner=not partner, position=position,
    )


@transaction.atomic
def remove_signatory(*, signatory) -> None:
    if signatory.signatures.exists():
        raise ValidationError("Ce signataire a déjà signé : il ne peut plus être retiré.")
    _locked(signatory.agreement)
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
    _check_trunk_settled(agreement)
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
        signatory=signatory, version=version, signed_on=signed_on,
        deliberation_reference=deliberation_reference.strip(), recorded_by=_user(user),
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


@transaction.atomic
def create_amendment(*, parent, user, title="") -> Agreement:
    """An avenant to a signed agreement, signed by the same organizations."""
    if parent.status != AgreementStatus.SIGNED:
        raise ValidationError("Seule une convention signée peut faire l'objet d'un avenant.")
    number = parent.amendments.count() + 1
    amendment = create_agreement(
        cooperation=parent.cooperation, user=user, kind=AgreementKind.AMENDMENT, parent=parent, with_trunk=False,
        title=title or f"Avenant n° {number} — {parent.title}", place=parent.place,
    )
    bulk_create_with_history([
        Article(agreement=amendment, position=index,
                title=heading, body=body.format(parent=parent.title, signed_on=format_date(parent.signed_on)))
        for index, (heading, body) in enumerate(presets.AMENDMENT_ARTICLES, start=1)
    ], Article)
    for signatory in parent.signatories.select_related("organization"):
        if signatory.is_outside_cosigner or is_partner(parent, signatory.organization):
            Signatory.objects.create(
                agreement=amendment, organization=signatory.organization, signer_title=signatory.signer_title,
                is_outside_cosigner=signatory.is_outside_cosigner, position=signatory.position,
            )
    return amendment


# ---------------------------------------------------------------- co-drafting


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
            if unchanged else "Le commentaire est vide."
        )
    if proposed_body:
        check_placeholders(proposed_body, in_annex=annex_article is not None)
    return Comment.objects.create(
        article=article, annex_article=annex_article, author=_user(user),
        body=body or "Proposition de nouvelle rédaction.", proposed_body=proposed_body,
    )


@transaction.atomic
def resolve_comment(*, comment, user) -> Comment:
    if comment.is_resolved:
        raise ValidationError("Ce commentaire est déjà résolu.")
    comment.resolved_at = timezone.now()
    comment.resolved_by = _user(user)
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


def proposal_reason(comment) -> str:
    """What the article's history says of a retained proposal (simple_history keeps 100 characters)."""
    author = comment.author.public_name if comment.author_id else "un compte supprimé"
    return f"Proposition de {author} retenue (commentaire n° {comment.pk})"[:100]


@transaction.atomic
def apply_proposal(*, comment, user) -> Comment:
    """The coordinator retains a member's wording: the article takes it, the history names its author."""
    comment = Comment.objects.select_for_update(of=("self",)).select_related(
        "author", "article__agreement", "annex_article__annex__agreement").get(pk=comment.pk)
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
    comment.resolved_by = _user(user)
    comment.save(update_fields=["resolved_at", "resolved_by", "applied_at"])
    return comment


def _user(user):
    return user if user is not None and getattr(user, "pk", None) else None


