"""Arbitration of a closed workshop's pistes by the steering body (recorded by governance when it has bodies)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import hooks
from .models import (
    Arbitration,
    ArbitrationDecision,
    ArbitrationStatus,
    Idea,
    Workshop,
)
from .rules import require_phase


@dataclass(frozen=True)
class DecisionInput:
    idea_id: int
    status: str
    reason: str = ""


@transaction.atomic
def arbitrate(
    *, workshop: Workshop, user, decided_on, decisions: list[DecisionInput], body: str = "", sitting: str = ""
) -> Arbitration:
    """Record one sitting of the steering body; each piste keeps its latest status.

    With `sitting` (a meeting of one of the cooperation's bodies, see hooks.py), the arbitration is
    also recorded as a decision of that meeting, in the same transaction; otherwise `body` names it.
    """
    require_phase(workshop, "arbitrate")
    recorder = hooks.arbitration_recorder() if sitting else None
    if sitting and recorder is None:
        raise ValidationError(
            "Les instances de la coopération ne sont pas disponibles : indiquez l'instance qui arbitre."
        )
    if not sitting and not body.strip():
        raise ValidationError("Indiquez l'instance qui arbitre (par exemple « Comité de pilotage »).")
    valid = {ArbitrationStatus.RETAINED, ArbitrationStatus.REJECTED, ArbitrationStatus.POSTPONED}
    decisions = [d for d in decisions if d.status]
    if not decisions:
        raise ValidationError("Aucune décision à enregistrer : choisissez au moins un statut.")
    ideas = {
        idea.pk: idea
        for idea in Idea.objects.filter(
            workshop=workshop, merged_into__isnull=True, pk__in=[d.idea_id for d in decisions]
        )
    }
    arbitration = Arbitration.objects.create(
        workshop=workshop,
        body=body.strip()[:200],
        decided_on=decided_on or timezone.localdate(),
        recorded_by=user if user and user.pk else None,
    )
    for decision in decisions:
        idea = ideas.get(decision.idea_id)
        if idea is None:
            raise ValidationError(f"La piste n° {decision.idea_id} n'existe pas dans cet atelier.")
        if decision.status not in valid:
            raise ValidationError(f"Décision inconnue : « {decision.status} ».")
        ArbitrationDecision.objects.create(
            arbitration=arbitration,
            idea=idea,
            status=decision.status,
            reason=decision.reason.strip(),
        )
        if idea.arbitration_status != decision.status or idea.arbitration_reason != decision.reason.strip():
            idea.arbitration_status, idea.arbitration_reason = decision.status, decision.reason.strip()
            idea.save()
    arbitration.recorded_decision = recorder.record(arbitration, sitting=sitting, user=user) if recorder else None
    return arbitration
