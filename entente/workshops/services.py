"""Every change to workshops goes through these functions: atomic, validated, historised."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from .models import (
    PHASE_ORDER,
    Criterion,
    Domain,
    Grid,
    Score,
    Workshop,
    WorkshopKind,
    new_join_code,
)
from .presets import DOMAIN_PRESETS, GRID_PRESETS


def ensure_domains(cooperation) -> None:
    """Give a cooperation the preset domains the first time it runs a workshop."""
    if Domain.objects.filter(cooperation=cooperation).exists():
        return
    Domain.objects.bulk_create(
        [Domain(cooperation=cooperation, label=label, position=index) for index, label in enumerate(DOMAIN_PRESETS)],
        ignore_conflicts=True,
    )


@transaction.atomic
def create_grid_from_preset(cooperation, preset: str) -> Grid:
    if preset not in GRID_PRESETS:
        raise ValidationError(f"Grille d'évaluation inconnue : « {preset} ».")
    spec = GRID_PRESETS[preset]
    grid = Grid.objects.create(cooperation=cooperation, name=spec["name"], preset=preset)
    Criterion.objects.bulk_create(
        [Criterion(grid=grid, position=index, **criterion) for index, criterion in enumerate(spec["criteria"])]
    )
    return grid


@transaction.atomic
def create_workshop(
    *,
    cooperation,
    user,
    title,
    kind,
    grid_preset="plus_value_faisabilite",
    host=None,
    held_on=None,
    place="",
    facilitator=None,
    anonymous=False,
) -> Workshop:
    if kind == WorkshopKind.INTERNAL and host is None:
        raise ValidationError("Un atelier interne doit indiquer le partenaire qui l'organise.")
    if host is not None and host.cooperation_id != cooperation.pk:
        raise ValidationError("Ce partenaire n'appartient pas à cette coopération.")
    ensure_domains(cooperation)
    grid = create_grid_from_preset(cooperation, grid_preset)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return Workshop.objects.create(
                    cooperation=cooperation,
                    title=title.strip(),
                    kind=kind,
                    host=host,
                    held_on=held_on,
                    place=place,
                    facilitator=facilitator or (user if user and user.pk else None),
                    grid=grid,
                    anonymous=anonymous,
                    join_code=new_join_code(),
                    created_by=user if user and user.pk else None,
                )
        except IntegrityError:  # join code collision: draw another one
            continue
    raise ValidationError("Impossible de générer un code de participation unique, réessayez.")


@transaction.atomic
def update_workshop(
    workshop: Workshop, *, title, kind, host=None, held_on=None, place="", facilitator=None, anonymous=False
) -> Workshop:
    """Description, facilitator and anonymity. Anonymity promised to evaluators is never withdrawn."""
    if kind == WorkshopKind.INTERNAL and host is None:
        raise ValidationError("Un atelier interne doit indiquer le partenaire qui l'organise.")
    if host is not None and host.cooperation_id != workshop.cooperation_id:
        raise ValidationError("Ce partenaire n'appartient pas à cette coopération.")
    if not title.strip():
        raise ValidationError("L'intitulé de l'atelier est obligatoire.")
    if workshop.anonymous and not anonymous and Score.objects.filter(workshop=workshop).exists():
        raise ValidationError(
            "L'évaluation a commencé sous anonymat : elle reste anonyme, sinon les notes déjà données "
            "deviendraient nominatives."
        )
    workshop.title, workshop.kind, workshop.host = title.strip(), kind, host
    workshop.held_on, workshop.place, workshop.facilitator = held_on, place.strip(), facilitator
    workshop.anonymous = anonymous
    workshop.save()
    return workshop


@transaction.atomic
def set_phase(workshop: Workshop, phase: str) -> Workshop:
    if phase not in PHASE_ORDER:
        raise ValidationError(f"Phase inconnue : « {phase} ».")
    workshop.phase = phase
    workshop.save(update_fields=["phase"])
    return workshop


def move_phase(workshop: Workshop, direction: str) -> Workshop:
    index = PHASE_ORDER.index(workshop.phase)
    target = index + (1 if direction == "suivante" else -1)
    if direction not in ("suivante", "precedente") or not 0 <= target < len(PHASE_ORDER):
        raise ValidationError("Il n'y a pas de phase dans cette direction.")
    return set_phase(workshop, PHASE_ORDER[target])


@transaction.atomic
def renew_join_code(workshop: Workshop) -> Workshop:
    workshop.join_code = new_join_code()
    workshop.save(update_fields=["join_code"])
    return workshop
