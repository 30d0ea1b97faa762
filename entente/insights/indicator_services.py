"""Changes to shared indicators: atomic, each one kept in history with who made it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from .indicators import PRESETS, own_territory_ids, partner_territories
from .models import ImportMapping, Indicator, IndicatorValue, ValueOrigin

# What a person edits on an indicator, in the order the form shows it (the form's Meta reads it).
INDICATOR_FIELDS = [
    "name",
    "code",
    "theme",
    "definition",
    "unit",
    "source",
    "year",
    "territory_kind",
    "direction",
    "target",
]


@transaction.atomic
def add_presets(*, cooperation, by) -> list[Indicator]:
    """Add the seed presets the cooperation does not have yet (by code); they stay editable afterwards."""
    existing = set(cooperation.indicators.values_list("code", flat=True))
    start = cooperation.indicators.count()
    created = []
    for offset, preset in enumerate(p for p in PRESETS if p["code"] not in existing):
        indicator = Indicator(cooperation=cooperation, position=start + offset, **preset)
        indicator._history_user = by
        indicator.full_clean()
        indicator.save()
        created.append(indicator)
    return created


@transaction.atomic
def save_indicator(*, cooperation, by, indicator: Indicator | None = None, **values) -> Indicator:
    """Create an indicator in the catalogue or change one; the code stays unique in the cooperation."""
    if indicator is None:
        indicator = Indicator(cooperation=cooperation, position=cooperation.indicators.count())
    for name in INDICATOR_FIELDS:
        if name in values:
            setattr(indicator, name, values[name])
    indicator._history_user = by
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def delete_indicator(*, indicator, by) -> None:
    indicator._history_user = by
    indicator.delete()


@transaction.atomic
def set_indicator_value(
    *, indicator, territory, year: int, value, by, may_write_any: bool, origin: str = ValueOrigin.TYPED
) -> IndicatorValue:
    """Record a partner's value for one year; history keeps the previous one and who changed it.

    A territory that is not an active partner is refused; a member who is not a coordinator writes
    only for the territory of the partner they represent.
    """
    if indicator.registry_figure:
        raise ValidationError("Cet indicateur est calculé depuis le registre des territoires : il ne se saisit pas.")
    partners = {p.territory.pk for p in partner_territories(indicator.cooperation)}
    if territory.pk not in partners:
        raise ValidationError(f"{territory} n'est pas un territoire partenaire de la coopération.")
    if indicator.territory_kind and territory.kind != indicator.territory_kind:
        raise ValidationError(
            f"« {indicator.name} » vaut pour les territoires de type « {indicator.get_territory_kind_display()} » : "
            f"{territory} n'en est pas un."
        )
    if not may_write_any and territory.pk not in own_territory_ids(by, indicator.cooperation):
        raise PermissionDenied("Vous ne pouvez saisir des valeurs que pour le territoire que vous représentez.")
    current = (
        IndicatorValue.objects.select_for_update().filter(indicator=indicator, territory=territory, year=year).first()
    )
    record = current or IndicatorValue(indicator=indicator, territory=territory, year=year)
    record.value = value
    record.origin = origin
    record.updated_by = by
    record.updated_at = timezone.now()
    record._history_user = by
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def save_import_mapping(*, cooperation, by, name: str, mapping) -> ImportMapping:
    """Keep a column mapping under a name, so that the next file of the same source needs no choice."""
    saved = ImportMapping(
        cooperation=cooperation,
        name=name,
        code_column=mapping.code_column,
        code_kind=mapping.code_kind,
        year_column=mapping.year_column,
        fixed_year=mapping.fixed_year,
        indicator_column=mapping.indicator_column,
        fixed_indicator=mapping.fixed_indicator,
        value_column=mapping.value_column,
    )
    saved._history_user = by
    saved.full_clean()
    saved.save()
    return saved
