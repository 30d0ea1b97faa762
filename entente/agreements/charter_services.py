"""Changes to charters: drafting by headings, putting a version in force, adoption by members."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from entente.cooperations.models import Membership
from entente.core.formatting import format_date

from . import presets
from .agreement_services import stored_user
from .charter_models import (
    Charter,
    CharterAdoption,
    CharterKind,
    CharterSection,
    CharterVersion,
    CharterVersionStatus,
    SectionKind,
)


@transaction.atomic
def create_charter(*, cooperation, user, kind, title, with_presets=True, with_moral_rules=False) -> Charter:
    """A charter in draft, started from the seed's headings and, on request, the moral contract's rules."""
    charter = Charter.objects.create(
        cooperation=cooperation,
        kind=kind,
        title=title.strip(),
        created_by=stored_user(user),
    )
    version = CharterVersion.objects.create(charter=charter, number=1, created_by=stored_user(user))
    groups = []
    if with_presets:
        groups.append(presets.CHARTER_HEADINGS if kind == CharterKind.FUNCTIONING else presets.MORAL_RULES)
    if with_moral_rules and kind == CharterKind.FUNCTIONING:
        groups.append(presets.MORAL_RULES)
    rows = [row for group in groups for row in group]
    bulk_create_with_history(
        [
            CharterSection(
                version=version, kind=presets.section_kind(code), code=code, position=index, title=heading, body=body
            )
            for index, (code, heading, body) in enumerate(rows, start=1)
        ],
        CharterSection,
    )
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
        version=version,
        title=title.strip(),
        body=body.strip(),
        kind=kind,
        code=code,
        position=position,
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
        charter=charter,
        number=(latest.number + 1) if latest else 1,
        note=note,
        created_by=stored_user(user),
    )
    if latest:
        bulk_create_with_history(
            [
                CharterSection(
                    version=version, kind=s.kind, code=s.code, position=s.position, title=s.title, body=s.body
                )
                for s in latest.sections.all()
            ],
            CharterSection,
        )
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
                version=version,
                user=user,
                partner=membership.partner,
                adopted_on=adopted_on,
            )
    except IntegrityError:
        raise ValidationError(f"Vous avez déjà adopté la version {version.number} de cette charte.") from None


def set_charter_bodies(*, charter, bodies) -> None:
    """Link a charter to the bodies it governs (instances of the same cooperation only)."""
    bodies = list(bodies)
    if any(body.cooperation_id != charter.cooperation_id for body in bodies):
        raise ValidationError("Une charte ne peut régir que des instances de sa propre coopération.")
    charter.bodies.set(bodies)
