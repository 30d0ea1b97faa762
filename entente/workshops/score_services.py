"""Scores: one value per participant, piste and criterion, the last one sent wins (an upsert, race-safe)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from .models import (
    PHASE_VERBS,
    Criterion,
    Idea,
    Participant,
    Score,
    Workshop,
)
from .participant_services import seated
from .rules import require_phase


@dataclass(frozen=True)
class ScoreInput:
    idea_id: int
    criterion_id: int
    value: int


def validate_scores(workshop: Workshop, participant: Participant, items: list[ScoreInput]) -> None:
    """Refuse the whole batch if any score is out of scale or aims at another workshop."""
    if participant.workshop_id != workshop.pk or participant.revoked_at is not None:
        raise PermissionDenied("Vous ne participez pas à cet atelier.")
    require_phase(workshop, "score")
    criteria = {c.pk: c for c in Criterion.objects.filter(grid_id=workshop.grid_id)}
    idea_ids = {item.idea_id for item in items}
    known = set(
        Idea.objects.filter(pk__in=idea_ids, workshop=workshop, merged_into__isnull=True).values_list("pk", flat=True)
    )
    for item in items:
        if item.idea_id not in known:
            raise ValidationError(f"La piste n° {item.idea_id} n'existe pas dans cet atelier (ou a été fusionnée).")
        criterion = criteria.get(item.criterion_id)
        if criterion is None:
            raise ValidationError(f"Le critère n° {item.criterion_id} ne fait pas partie de la grille de cet atelier.")
        if not criterion.accepts(item.value):
            raise ValidationError(
                f"Note {item.value} hors de l'échelle du critère « {criterion.label} » "
                f"({criterion.scale_min} à {criterion.scale_max})."
            )


@transaction.atomic
def submit_scores(workshop: Workshop, participant: Participant, items: list[ScoreInput]) -> int:
    """Store the participant's scores: one value per piste and criterion, the last one sent.

    An INSERT … ON CONFLICT DO UPDATE (one statement) makes double clicks, retries and two
    tabs converge on one row without a race window, on SQLite and PostgreSQL alike.
    """
    validate_scores(workshop, participant, items)
    participant = seated(participant)
    now = timezone.now()
    latest = {(item.idea_id, item.criterion_id): item.value for item in items}
    rows = [
        Score(
            workshop_id=workshop.pk,
            participant_id=participant.pk,
            idea_id=idea_id,
            criterion_id=criterion_id,
            value=value,
            evaluator_organization_id=participant.organization_id,
            updated_at=now,
        )
        for (idea_id, criterion_id), value in latest.items()
    ]
    Score.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["participant", "idea", "criterion"],
        update_fields=["value", "updated_at"],
    )
    return len(rows)


# One statement that stores the score only if the piste is an active piste of the workshop and
# the value lies in the scale of a criterion of its grid; the live scoring path needs no other query.
GUARDED_UPSERT = """
INSERT INTO workshops_score (workshop_id, participant_id, idea_id, criterion_id, value, evaluator_organization_id,
                             updated_at)
SELECT %s, %s, i.id, c.id, %s, %s, %s
FROM workshops_idea i, workshops_criterion c
WHERE i.id = %s AND i.workshop_id = %s AND i.merged_into_id IS NULL
  AND c.id = %s AND c.grid_id = %s AND c.scale_min <= %s AND c.scale_max >= %s
ON CONFLICT (participant_id, idea_id, criterion_id)
DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
"""


# The live path of a code holder's API call, in one statement: the token's seat (not revoked) in
# this workshop of this cooperation, a phase that allows scoring, an active piste of the
# workshop, a criterion of its grid and a value in its scale. When nothing is stored, the caller
# takes the regular path, which answers the precise refusal (404, 403 or 400).
TOKEN_UPSERT = """
INSERT INTO workshops_score (workshop_id, participant_id, idea_id, criterion_id, value, evaluator_organization_id,
                             updated_at)
SELECT w.id, p.id, i.id, c.id, %s, p.organization_id, %s
FROM workshops_participant p
JOIN workshops_workshop w ON w.id = p.workshop_id
JOIN cooperations_cooperation co ON co.id = w.cooperation_id
JOIN workshops_idea i ON i.workshop_id = w.id
JOIN workshops_criterion c ON c.grid_id = w.grid_id
WHERE p.token = %s AND p.revoked_at IS NULL AND w.id = %s AND co.slug = %s AND w.phase = %s
  AND i.id = %s AND i.merged_into_id IS NULL AND c.id = %s AND c.scale_min <= %s AND c.scale_max >= %s
ON CONFLICT (participant_id, idea_id, criterion_id)
DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
"""


SCORING_PHASE = next(phase for phase, verbs in PHASE_VERBS.items() if "score" in verbs)


def submit_score_by_token(
    *, slug: str, workshop_id: int, token: str, idea_id: int, criterion_id: int, value: int
) -> bool:
    """True when the score was stored; False means: take the regular path for the reason."""
    with connection.cursor() as cursor:
        cursor.execute(
            TOKEN_UPSERT,
            [
                value,
                timezone.now(),
                token,
                workshop_id,
                slug,
                SCORING_PHASE,
                idea_id,
                criterion_id,
                value,
                value,
            ],
        )
        return cursor.rowcount == 1


@transaction.atomic
def submit_score(workshop, participant, *, idea_id: int, criterion_id: int, value: int) -> int:
    """One score, the last one sent wins; same checks and messages as `submit_scores`."""
    if participant.workshop_id != workshop.pk or participant.revoked_at is not None:
        raise PermissionDenied("Vous ne participez pas à cet atelier.")
    require_phase(workshop, "score")
    participant = seated(participant)
    with connection.cursor() as cursor:
        cursor.execute(
            GUARDED_UPSERT,
            [
                workshop.pk,
                participant.pk,
                value,
                participant.organization_id,
                timezone.now(),
                idea_id,
                workshop.pk,
                criterion_id,
                workshop.grid_id,
                value,
                value,
            ],
        )
        stored = cursor.rowcount
    if stored != 1:
        # Nothing stored: say precisely why (this raises), or a generic refusal after a race.
        validate_scores(workshop, participant, [ScoreInput(idea_id, criterion_id, value)])
        raise ValidationError("La note n'a pas pu être enregistrée : rechargez la page et réessayez.")
    return 1
