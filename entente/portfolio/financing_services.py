"""An action's financing plan: total cost, external funding, the remainder split among its participants
by a key (see sharing.py), journaled; shares recomputed when the participants change."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from entente.cooperations.models import Partnership
from entente.core.formatting import format_money
from entente.territories.selectors import legal_populations_label

from . import sharing
from .journal import acting_user, record_event
from .models import (
    Action,
    ActionEvent,
    EventKind,
    ExternalFunding,
    FinancingPlan,
    FinancingShare,
    PopulationBasis,
    SharingKey,
)


@dataclass
class FinancingData:
    """A financing plan as entered: total, external fundings, key and per-partner inputs."""

    total: Decimal
    key: str = SharingKey.EQUAL
    fundings: list = field(default_factory=list)  # (source, label, amount)
    population_basis: str = PopulationBasis.MUNICIPAL
    fixed_partner: Partnership | None = None
    fixed_mode: str = ""
    fixed_value: Decimal | None = None
    rest_key: str = ""
    count_label: str = ""
    counts: dict = field(default_factory=dict)  # partnership pk -> int
    weights: dict = field(default_factory=dict)  # partnership pk -> Decimal
    note: str = ""


def participants_for_sharing(partnerships, data: FinancingData) -> list[sharing.Participant]:
    result = []
    for partnership in partnerships:
        territory = partnership.organization.territory
        population = None
        if territory is not None:
            population = territory.population
            if data.population_basis == PopulationBasis.TOTAL and territory.population_total is not None:
                population = territory.population_total
        result.append(sharing.Participant(
            key=partnership.organization_id, name=partnership.organization.name, population=population,
            count=data.counts.get(partnership.pk), weight=data.weights.get(partnership.pk),
        ))
    return result


def population_source(partnerships, basis: str) -> str:
    """The legal populations a split by inhabitants uses, named in its explanation."""
    return legal_populations_label(
        [p.organization.territory for p in partnerships], total=basis == PopulationBasis.TOTAL,
    )


def compute_shares(action: Action, data: FinancingData, partnerships=None):
    """Validate a plan and compute each participant's share; raises ValidationError in French."""
    if partnerships is None:
        partnerships = list(action.participants.select_related("organization__territory").order_by("pk"))
    if data.total is None or data.total < 0:
        raise ValidationError({"total": "Le coût total ne peut pas être négatif."})
    external = Decimal("0")
    for _source, _label, amount in data.fundings:
        if amount is None or amount < 0:
            raise ValidationError({"fundings": "Un financement extérieur ne peut pas être négatif."})
        external += amount
    if external > data.total:
        raise ValidationError({"fundings": (
            f"Les financements extérieurs ({format_money(external)}) dépassent le coût total "
            f"({format_money(data.total)}).")})
    fixed = None
    if data.key == SharingKey.FIXED:
        if data.fixed_partner is None or data.fixed_value is None or not data.fixed_mode:
            raise ValidationError({"fixed_partner": "Indiquez le partenaire à part fixe, et sa part "
                                                    "(pourcentage ou montant)."})
        fixed = sharing.Fixed(partner_key=data.fixed_partner.organization_id, mode=data.fixed_mode,
                              value=data.fixed_value)
    try:
        shares = sharing.split(
            data.total - external, participants_for_sharing(partnerships, data), data.key, fixed=fixed,
            rest_key=data.rest_key or None, count_label=data.count_label,
            population_source=population_source(partnerships, data.population_basis),
        )
    except sharing.SharingError as error:
        raise ValidationError({error.field: error.message}) from error
    by_org = {p.organization_id: p for p in partnerships}
    return [(by_org[share.key], share) for share in shares], external


@transaction.atomic
def save_financing(action: Action, *, data: FinancingData, user=None, journal: bool = True) -> FinancingPlan:
    shares, external = compute_shares(action, data)
    plan, _ = FinancingPlan.objects.select_for_update().update_or_create(action=action, defaults={
        "total": data.total, "key": data.key, "population_basis": data.population_basis,
        "fixed_partner": data.fixed_partner if data.key == SharingKey.FIXED else None,
        "fixed_mode": data.fixed_mode if data.key == SharingKey.FIXED else "",
        "fixed_value": data.fixed_value if data.key == SharingKey.FIXED else None,
        "rest_key": data.rest_key if data.key == SharingKey.FIXED else "",
        "count_label": data.count_label, "note": data.note,
    })
    plan.fundings.all().delete()
    ExternalFunding.objects.bulk_create(
        ExternalFunding(plan=plan, source=source, label=label, amount=amount)
        for source, label, amount in data.fundings if amount
    )
    plan.shares.all().delete()
    FinancingShare.objects.bulk_create(
        FinancingShare(plan=plan, partnership=partnership, amount=share.amount, explanation=share.explanation[:400],
                       count=data.counts.get(partnership.pk), weight=data.weights.get(partnership.pk))
        for partnership, share in shares
    )
    if not journal:
        return plan
    ActionEvent.objects.create(action=action, kind=EventKind.FINANCING, author=acting_user(user), text=(
        f"Plan de financement : coût total {format_money(data.total)}, financements extérieurs "
        f"{format_money(external)}, reste à charge réparti par la clé « {SharingKey(data.key).label} »."))
    return plan


def financing_data_of(plan: FinancingPlan) -> FinancingData:
    shares = list(plan.shares.all())
    return FinancingData(
        total=plan.total, key=plan.key, population_basis=plan.population_basis,
        fundings=[(f.source, f.label, f.amount) for f in plan.fundings.all()],
        fixed_partner=plan.fixed_partner, fixed_mode=plan.fixed_mode, fixed_value=plan.fixed_value,
        rest_key=plan.rest_key, count_label=plan.count_label, note=plan.note,
        counts={s.partnership_id: s.count for s in shares if s.count is not None},
        weights={s.partnership_id: s.weight for s in shares if s.weight is not None},
    )


def recompute_after_participants_change(action: Action) -> None:
    plan = action.financing
    data = financing_data_of(plan)
    try:
        save_financing(action, data=data, journal=False)
    except ValidationError as error:
        messages = " ".join(error.messages)
        raise ValidationError({"participants": (
            f"Avec ces participants, le plan de financement ne peut plus être réparti : {messages} "
            "Modifiez d'abord le plan de financement.")}) from error


@transaction.atomic
def delete_financing(plan: FinancingPlan, *, user=None) -> None:
    """Withdraw a financing plan; the journal keeps what it said (the plan's history too)."""
    record_event(plan.action, user, EventKind.FINANCING, (
        f"Plan de financement retiré (il prévoyait un coût total de {format_money(plan.total)}, "
        f"reste à charge {format_money(plan.remainder)})."))
    plan.delete()
