"""Changes to observation settings: atomic, historised."""

from django.db import transaction
from django.utils import timezone

from .models import HealthThresholds


@transaction.atomic
def set_health_thresholds(*, cooperation, by, **values) -> HealthThresholds:
    """Save the cooperation's thresholds (created on first change); history keeps every version."""
    thresholds = HealthThresholds.objects.select_for_update().filter(
        cooperation=cooperation
    ).first() or HealthThresholds(cooperation=cooperation)
    for name, value in values.items():
        setattr(thresholds, name, value)
    thresholds.updated_by = by
    thresholds.updated_at = timezone.now()
    thresholds.full_clean()
    thresholds.save()
    return thresholds
