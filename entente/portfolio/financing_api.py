"""API of an action's financing plan: read, save (and compute the split), delete."""

from decimal import Decimal

from django.db import transaction
from ninja import Field, Schema
from ninja.errors import HttpError

from entente.core.bounds import Description, Id, Slug, text
from entente.core.numbers import MAX_AMOUNT, AmountIn, CountIn, ShareWeightIn, api_decimal

from . import financing_services
from .action_api import MAX_ITEMS, partnership_in, router
from .models import FinancingPlan, FixedMode, FundingSource, PopulationBasis, SharingKey
from .rules import get_action_for_user

FixedValueIn = api_decimal(maximum=MAX_AMOUNT, decimal_places=2,
                           description="Part fixe, en pourcentage ou en euros selon fixed_mode.")


class FundingIn(Schema):
    source: FundingSource
    label: text(200) = ""
    amount: AmountIn


class FundingIO(Schema):
    source: FundingSource
    label: str = ""
    amount: Decimal


class ShareOut(Schema):
    partner_id: int
    organization_id: int
    name: str
    amount: Decimal
    explanation: str
    count: int | None
    weight: Decimal | None


class FinancingOut(Schema):
    total: Decimal
    external_total: Decimal
    remainder: Decimal
    key: str
    population_basis: str
    fixed_partner_id: int | None
    fixed_mode: str
    fixed_value: Decimal | None
    rest_key: str
    count_label: str
    note: str
    fundings: list[FundingIO]
    shares: list[ShareOut]


class FinancingIn(Schema):
    total: AmountIn
    key: SharingKey = SharingKey.EQUAL
    population_basis: PopulationBasis = PopulationBasis.MUNICIPAL
    fundings: list[FundingIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    fixed_partner_id: Id | None = None
    fixed_mode: FixedMode | None = None
    fixed_value: FixedValueIn | None = None
    rest_key: SharingKey | None = None
    count_label: text(60) = ""
    counts: dict[int, CountIn] = Field(default_factory=dict, description="partenariat → nombre")
    weights: dict[int, ShareWeightIn] = Field(default_factory=dict, description="partenariat → poids")
    note: Description = ""


def financing_out(plan: FinancingPlan) -> dict:
    return {
        "total": plan.total, "external_total": plan.external_total, "remainder": plan.remainder, "key": plan.key,
        "population_basis": plan.population_basis, "fixed_partner_id": plan.fixed_partner_id,
        "fixed_mode": plan.fixed_mode, "fixed_value": plan.fixed_value, "rest_key": plan.rest_key,
        "count_label": plan.count_label, "note": plan.note,
        "fundings": [{"source": f.source, "label": f.label, "amount": f.amount} for f in plan.fundings.all()],
        "shares": [{"partner_id": s.partnership_id, "organization_id": s.partnership.organization_id,
                    "name": s.partnership.organization.name, "amount": s.amount, "explanation": s.explanation,
                    "count": s.count, "weight": s.weight} for s in plan.shares.all()],
    }


@router.get("/cooperations/{slug}/actions/{action_id}/financing", response=FinancingOut,
            summary="Plan de financement d'une action")
def get_financing(request, slug: Slug, action_id: Id):
    action = get_action_for_user(request.user, slug, action_id)
    plan = _plan(action)
    if plan is None:
        raise HttpError(404, "Cette action n'a pas encore de plan de financement.")
    return financing_out(plan)


@router.put("/cooperations/{slug}/actions/{action_id}/financing", response=FinancingOut,
            summary="Enregistrer le plan de financement et calculer la répartition")
@transaction.atomic
def put_financing(request, slug: Slug, action_id: Id, payload: FinancingIn):
    # The plan and the answer read back from it are one transaction: if building the answer fails,
    # nothing of the plan is kept.
    action = get_action_for_user(request.user, slug, action_id, "portfolio_edit")
    cooperation = action.cooperation
    participant_ids = set(action.participants.values_list("pk", flat=True))
    for pk in [*payload.counts, *payload.weights]:
        if pk not in participant_ids:
            raise HttpError(400, f"Le partenariat {pk} ne participe pas à cette action.")
    fixed_partner = partnership_in(cooperation, payload.fixed_partner_id) if payload.fixed_partner_id else None
    financing_services.save_financing(action, data=financing_services.FinancingData(
        total=payload.total, key=payload.key, population_basis=payload.population_basis,
        fundings=[(f.source, f.label, f.amount) for f in payload.fundings], fixed_partner=fixed_partner,
        fixed_mode=payload.fixed_mode or "", fixed_value=payload.fixed_value, rest_key=payload.rest_key or "",
        count_label=payload.count_label, counts=payload.counts, weights=payload.weights, note=payload.note,
    ), user=request.user)
    return FinancingOut.model_validate(financing_out(_plan(action)))


@router.delete("/cooperations/{slug}/actions/{action_id}/financing", response={204: None},
               summary="Retirer le plan de financement d'une action")
def delete_financing(request, slug: Slug, action_id: Id):
    action = get_action_for_user(request.user, slug, action_id, "portfolio_edit")
    plan = _plan(action)
    if plan is None:
        raise HttpError(404, "Cette action n'a pas de plan de financement.")
    financing_services.delete_financing(plan, user=request.user)
    return 204, None


def _plan(action):
    return (FinancingPlan.objects.filter(action=action)
            .prefetch_related("fundings", "shares__partnership__organization").first())
