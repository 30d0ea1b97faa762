"""Changes to evaluation grids (criteria) and to a cooperation's list of domains.

A scale or a kind of answer never changes under existing scores (the values would change
meaning), and a criterion or a domain in use is never deleted: nothing is lost silently.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from .models import BoundRule, Criterion, CriterionKind, Domain, Grid, Idea, Phase, Score, Workshop
from .presets import DOMAIN_PRESETS, GRID_PRESETS

SCALE_LOWEST, SCALE_HIGHEST = 0, 10
TERNARY_SCALE = (0, 2)  # non = 0, en partie = 1, oui = 2
MAX_CRITERIA = 12


@dataclass(frozen=True)
class CriterionInput:
    label: str
    kind: str = CriterionKind.SCALE
    scale_min: int = 1
    scale_max: int = 4
    weight: Decimal = Decimal(1)
    axis: str = ""


def _check_open(workshop: Workshop) -> None:
    if workshop.phase == Phase.CLOSED:
        raise PermissionDenied("L'atelier est clos : sa grille ne change plus.")


def _scale_of(data: CriterionInput) -> tuple[int, int]:
    if data.kind == CriterionKind.TERNARY:
        return TERNARY_SCALE
    if data.kind != CriterionKind.SCALE:
        raise ValidationError(f"Type de réponse inconnu : « {data.kind} ».")
    low, high = data.scale_min, data.scale_max
    if low is None or high is None:
        raise ValidationError(f"Indiquez le minimum et le maximum de l'échelle de « {data.label} ».")
    if not SCALE_LOWEST <= low < high <= SCALE_HIGHEST:
        raise ValidationError(
            f"Échelle de « {data.label} » invalide : le minimum doit être inférieur au maximum, "
            f"entre {SCALE_LOWEST} et {SCALE_HIGHEST}."
        )
    return low, high


def _check_input(data: CriterionInput) -> tuple[str, tuple[int, int]]:
    label = (data.label or "").strip()
    if not label:
        raise ValidationError("Chaque critère doit avoir un libellé.")
    if data.weight is None or not Decimal(data.weight).is_finite() or not 0 < data.weight < 1000:
        raise ValidationError(f"Le poids du critère « {label} » doit être positif (999 au plus).")
    from .models import Axis

    if data.axis not in Axis.values:
        raise ValidationError("Axe de matrice inconnu.")
    return label, _scale_of(data)


@transaction.atomic
def add_criterion(workshop: Workshop, data: CriterionInput) -> Criterion:
    _check_open(workshop)
    label, (low, high) = _check_input(data)
    Grid.objects.select_for_update().filter(pk=workshop.grid_id).first()  # one addition at a time per grid
    existing = Criterion.objects.filter(grid_id=workshop.grid_id)
    if existing.count() >= MAX_CRITERIA:
        raise ValidationError(f"Une grille compte au plus {MAX_CRITERIA} critères.")
    position = (existing.aggregate(last=Max("position"))["last"] or 0) + 1
    return Criterion.objects.create(
        grid_id=workshop.grid_id,
        label=label[:200],
        kind=data.kind,
        scale_min=low,
        scale_max=high,
        weight=data.weight,
        axis=data.axis,
        position=position,
    )


@transaction.atomic
def update_criteria(workshop: Workshop, changes: dict[int, CriterionInput]) -> None:
    """Labels, weights, matrix axes, and scales of criteria that have no score yet."""
    _check_open(workshop)
    scored = set(
        Score.objects.filter(criterion__grid_id=workshop.grid_id, criterion_id__in=changes)
        .values_list("criterion_id", flat=True)
        .distinct()
    )
    for criterion in Criterion.objects.filter(grid_id=workshop.grid_id, pk__in=changes):
        data = changes[criterion.pk]
        label, (low, high) = _check_input(data)
        if (data.kind, low, high) != (criterion.kind, criterion.scale_min, criterion.scale_max):
            if criterion.pk in scored:
                raise ValidationError(
                    f"Le critère « {criterion.label} » a déjà reçu des notes : son échelle ne peut plus changer "
                    "(les notes données changeraient de sens). Ajoutez plutôt un nouveau critère."
                )
            criterion.kind, criterion.scale_min, criterion.scale_max = data.kind, low, high
        criterion.label, criterion.weight, criterion.axis = label[:200], data.weight, data.axis
        criterion.save()


@transaction.atomic
def remove_criterion(workshop: Workshop, criterion: Criterion) -> None:
    _check_open(workshop)
    if criterion.grid_id != workshop.grid_id:
        raise ValidationError("Ce critère ne fait pas partie de la grille de cet atelier.")
    if Criterion.objects.filter(grid_id=workshop.grid_id).count() <= 1:
        raise ValidationError("Une grille garde au moins un critère.")
    scores = Score.objects.filter(criterion=criterion).count()
    if scores:
        raise ValidationError(
            f"Le critère « {criterion.label} » a déjà reçu {scores} note(s) : il ne peut plus être supprimé. "
            "Vous pouvez baisser son poids."
        )
    criterion.delete()


@transaction.atomic
def move_criterion(workshop: Workshop, criterion: Criterion, direction: str) -> None:
    _check_open(workshop)
    _move(list(Criterion.objects.filter(grid_id=workshop.grid_id).order_by("position", "pk")), criterion, direction)


@transaction.atomic
def apply_grid_preset(workshop: Workshop, preset: str) -> None:
    """Replace the grid's criteria by those of a preset, as long as nobody has scored."""
    _check_open(workshop)
    if preset not in GRID_PRESETS:
        raise ValidationError(f"Grille d'évaluation inconnue : « {preset} ».")
    if Score.objects.filter(criterion__grid_id=workshop.grid_id).exists():
        raise ValidationError("Des notes ont déjà été données : la grille ne peut plus être remplacée.")
    spec = GRID_PRESETS[preset]
    grid = workshop.grid
    grid.criteria.all().delete()
    Criterion.objects.bulk_create(
        [Criterion(grid=grid, position=index, **criterion) for index, criterion in enumerate(spec["criteria"])]
    )
    grid.name, grid.preset = spec["name"], preset
    grid.save(update_fields=["name", "preset"])


def _move(items: list, item, direction: str) -> None:
    """Swap an item with its neighbour and renumber the list 0, 1, 2…"""
    index = next((i for i, other in enumerate(items) if other.pk == item.pk), None)
    if index is None or direction not in ("monter", "descendre"):
        raise ValidationError("Déplacement impossible.")
    target = index - 1 if direction == "monter" else index + 1
    if 0 <= target < len(items):
        items[index], items[target] = items[target], items[index]
    for position, other in enumerate(items):
        if other.position != position:
            other.position = position
            other.save(update_fields=["position"])


# Domains -------------------------------------------------------------------------------------


def _clean_label(label: str) -> str:
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("Le libellé du domaine est obligatoire.")
    if len(label) > 120:
        raise ValidationError("Le libellé du domaine dépasse 120 caractères.")
    return label


def _check_unique(cooperation_id, label: str, exclude=None) -> None:
    others = Domain.objects.filter(cooperation_id=cooperation_id, label__iexact=label)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    if others.exists():
        raise ValidationError(f"Le domaine « {label} » existe déjà dans cette coopération.")


@transaction.atomic
def add_domain(cooperation, label: str) -> Domain:
    label = _clean_label(label)
    _check_unique(cooperation.pk, label)
    last = Domain.objects.filter(cooperation=cooperation).aggregate(last=Max("position"))["last"]
    return Domain.objects.create(cooperation=cooperation, label=label, position=0 if last is None else last + 1)


@transaction.atomic
def rename_domain(domain: Domain, label: str) -> Domain:
    label = _clean_label(label)
    _check_unique(domain.cooperation_id, label, exclude=domain)
    domain.label = label
    domain.save(update_fields=["label"])
    return domain


@transaction.atomic
def remove_domain(domain: Domain) -> None:
    used = Idea.objects.filter(domain=domain).count()
    if used:
        raise ValidationError(
            f"Le domaine « {domain.label} » est celui de {used} piste(s) : il ne peut pas être supprimé. "
            "Renommez-le ou changez d'abord le domaine de ces pistes."
        )
    domain.delete()


@transaction.atomic
def move_domain(domain: Domain, direction: str) -> None:
    _move(
        list(Domain.objects.filter(cooperation_id=domain.cooperation_id).order_by("position", "label")),
        domain,
        direction,
    )


@transaction.atomic
def add_preset_domains(cooperation) -> int:
    """Add the domains of the seeds that the cooperation does not have yet."""
    existing = {
        label.lower() for label in Domain.objects.filter(cooperation=cooperation).values_list("label", flat=True)
    }
    last = Domain.objects.filter(cooperation=cooperation).aggregate(last=Max("position"))["last"]
    position = -1 if last is None else last
    added = 0
    for label in DOMAIN_PRESETS:
        if label.lower() in existing:
            continue
        position += 1
        Domain.objects.create(cooperation=cooperation, label=label, position=position)
        added += 1
    return added


@transaction.atomic
def set_matrix_bounds(workshop: Workshop, *, value_threshold: int, feasibility_threshold: int, bound_rule: str):
    """Place the quadrant bounds of the priority matrix. Scores are untouched, so any phase allows it;
    the workshop's history keeps the former bounds."""
    for label, threshold in (("plus-value", value_threshold), ("faisabilité", feasibility_threshold)):
        if not 1 <= threshold <= 99:
            raise ValidationError(f"Le seuil de {label} va de 1 à 99 (sur 100).")
    if bound_rule not in BoundRule.values:
        raise ValidationError("Choisissez où va une piste notée exactement au seuil.")
    workshop.value_threshold, workshop.feasibility_threshold = value_threshold, feasibility_threshold
    workshop.bound_rule = bound_rule
    workshop.save(update_fields=["value_threshold", "feasibility_threshold", "bound_rule"])
    return workshop
