"""Every change to workshops goes through these functions: atomic, validated, historised."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from entente.cooperations.models import Membership, Partnership, active_partnership
from entente.core import french

from . import hooks
from .models import (
    PHASE_ORDER,
    PHASE_VERBS,
    Arbitration,
    ArbitrationDecision,
    ArbitrationStatus,
    Criterion,
    Domain,
    Grid,
    Idea,
    IdeaOrigin,
    Participant,
    Score,
    Workshop,
    new_join_code,
)
from .presets import DOMAIN_PRESETS, GRID_PRESETS
from .ratelimit import JOIN_REFUSED_MESSAGE
from .rules import require_phase


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
    if kind == "interne" and host is None:
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
    if kind == "interne" and host is None:
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


def organization_of_member(workshop: Workshop, user):
    membership = (
        Membership.objects.select_related("partner__organization")
        .filter(cooperation_id=workshop.cooperation_id, user=user)
        .first()
    )
    if membership and membership.partner_id:
        return membership.partner.organization
    # Results are by partner: a profile's organization counts only when it is one of the partners.
    if user.organization_id and partner_organizations(workshop).filter(pk=user.organization_id).exists():
        return user.organization
    return None


def fill_member_organization(sender, membership, **kwargs) -> None:
    """A member now represents a partner: their seats, scores and pistes that had none take it.

    Seats that already carry a partner keep it: what was given for a partner stays counted for
    that partner. Seats with no organization, or one that is not a partner, take the new one.
    """
    organization_id = membership.partner.organization_id
    partners = Partnership.objects.filter(cooperation_id=membership.cooperation_id).values("organization_id")
    seats = list(
        Participant.objects.filter(workshop__cooperation_id=membership.cooperation_id, user_id=membership.user_id)
        .filter(Q(organization__isnull=True) | ~Q(organization_id__in=partners))
        .values_list("pk", flat=True)
    )
    if not seats:
        return
    Participant.objects.filter(pk__in=seats).update(organization_id=organization_id)
    outside = Q(organization__isnull=True) | ~Q(organization_id__in=partners)
    Score.objects.filter(participant_id__in=seats).filter(
        Q(evaluator_organization__isnull=True) | ~Q(evaluator_organization_id__in=partners)
    ).update(evaluator_organization_id=organization_id)
    Idea.objects.filter(authors__in=seats).filter(outside).update(organization_id=organization_id)


def seat_for_user(workshop: Workshop, user) -> Participant:
    """The account holder's seat in a workshop, created on first visit (race-safe)."""
    seat = Participant.objects.select_related("organization").filter(workshop=workshop, user=user).first()
    if seat is not None:
        return seat
    require_phase(workshop, "join")
    try:
        with transaction.atomic():
            return Participant.objects.create(
                workshop=workshop,
                user=user,
                display_name=user.public_name,
                organization=organization_of_member(workshop, user),
            )
    except IntegrityError:
        return Participant.objects.get(workshop=workshop, user=user)


def partner_organizations(workshop: Workshop):
    from entente.territories.models import Organization

    return (
        Organization.objects.filter(
            active_partnership("partnerships"),
            partnerships__cooperation_id=workshop.cooperation_id,
        )
        .distinct()
        .order_by("name")
    )


def joining_organizations(workshop: Workshop):
    """Who joins with the code: any partner for a joint workshop, the host for an internal one."""
    organizations = partner_organizations(workshop)
    if workshop.is_internal and workshop.host_id:
        organizations = organizations.filter(pk=workshop.host.organization_id)
    return organizations


class JoinCodeRefused(ValidationError):
    """The code opens no seat (unknown, or its workshop is closed): counted against the guesser."""


@transaction.atomic
def join_with_code(*, code: str, display_name: str, organization) -> Participant:
    workshop = (
        Workshop.objects.select_related("cooperation", "host__organization")
        .filter(join_code=(code or "").strip().upper())
        .first()
    )
    if workshop is None or not workshop.allows("join"):
        # One refusal for a code that does not exist and one that no longer opens a seat: the
        # answer must not tell a guesser which codes exist.
        raise JoinCodeRefused(JOIN_REFUSED_MESSAGE)
    if not display_name.strip():
        raise ValidationError("Indiquez le nom sous lequel vous participez.")
    if organization is not None and not partner_organizations(workshop).filter(pk=organization.pk).exists():
        raise ValidationError("Cette organisation n'est pas partenaire de la coopération.")
    if organization is not None and not joining_organizations(workshop).filter(pk=organization.pk).exists():
        raise ValidationError(
            f"Cet atelier est interne {french.a(workshop.host.organization)} : "
            "choisissez cette organisation, ou demandez à l'animation de vous inscrire."
        )
    return Participant.objects.create(
        workshop=workshop, display_name=display_name.strip()[:120], organization=organization
    )


@transaction.atomic
def revoke_participant(participant: Participant, *, discard_scores: bool = False) -> Participant:
    """Shut a seat. Its scores keep counting unless the facilitator discards them (an intruder).

    Not in an anonymous workshop: comparing the results before and after would reveal that
    person's scores.
    """
    if discard_scores and participant.workshop.anonymous and Score.objects.filter(participant=participant).exists():
        raise ValidationError(
            "Atelier anonyme : retirer les notes d'une personne révélerait ses notes, par différence entre les "
            "résultats d'avant et d'après. Révoquez sa participation : elle ne pourra plus noter."
        )
    if participant.revoked_at is None:
        participant.revoked_at = timezone.now()
        participant.save(update_fields=["revoked_at"])
    if discard_scores:
        Score.objects.filter(participant=participant).delete()
    return participant


@transaction.atomic
def reinstate_participant(participant: Participant) -> Participant:
    participant.revoked_at = None
    participant.save(update_fields=["revoked_at"])
    return participant


def _check_domain(workshop, domain):
    if domain is not None and domain.cooperation_id != workshop.cooperation_id:
        raise ValidationError("Ce domaine n'appartient pas à cette coopération.")


@transaction.atomic
def propose_idea(
    *,
    workshop: Workshop,
    participant: Participant | None,
    title: str,
    description="",
    domain=None,
    organization=None,
    origin=IdeaOrigin.WORKSHOP,
    origin_label="",
    check_phase=True,
) -> Idea:
    if check_phase:
        require_phase(workshop, "propose")
    if not title.strip():
        raise ValidationError("L'intitulé de la piste est obligatoire.")
    _check_domain(workshop, domain)
    if organization is None and participant is not None:
        organization = participant.organization
    idea = Idea.objects.create(
        workshop=workshop,
        title=title.strip(),
        description=description.strip(),
        domain=domain,
        organization=organization,
        origin=origin,
        origin_label=origin_label,
    )
    if participant is not None:
        idea.authors.add(participant)
    return idea


@transaction.atomic
def edit_idea(idea: Idea, *, title: str, description: str, domain, organization) -> Idea:
    require_phase(idea.workshop, "edit_idea")
    if not title.strip():
        raise ValidationError("L'intitulé de la piste est obligatoire.")
    _check_domain(idea.workshop, domain)
    idea.title, idea.description = title.strip(), description.strip()
    idea.domain, idea.organization = domain, organization
    idea.save()
    return idea


@transaction.atomic
def withdraw_idea(idea: Idea) -> None:
    """Remove a piste proposed by mistake (or off-topic) while pistes are still being proposed.

    The history keeps a trace of it. A piste that already counts somewhere (scores, merges,
    copies in another workshop, arbitration) is never removed: merge it or set it aside instead.
    """
    require_phase(idea.workshop, "edit_idea")
    if (
        Score.objects.filter(idea=idea).exists()
        or Idea.objects.filter(Q(merged_into=idea) | Q(source=idea)).exists()
        or idea.merged_into_id
        or ArbitrationDecision.objects.filter(idea=idea).exists()
    ):
        raise ValidationError(
            f"La piste « {idea.title} » compte déjà ailleurs (notes, fusion, reprise ou arbitrage) : "
            "elle ne peut plus être retirée. Fusionnez-la ou écartez-la à l'arbitrage."
        )
    idea.delete()


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


def submit_scores(workshop: Workshop, participant: Participant, items: list[ScoreInput]) -> int:
    """Store the participant's scores: one value per piste and criterion, the last one sent.

    An INSERT … ON CONFLICT DO UPDATE (one statement) makes double clicks, retries and two
    tabs converge on one row without a race window, on SQLite and PostgreSQL alike.
    """
    validate_scores(workshop, participant, items)
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


def submit_score(workshop, participant, *, idea_id: int, criterion_id: int, value: int) -> int:
    """One score, the last one sent wins; same checks and messages as `submit_scores`."""
    if participant.workshop_id != workshop.pk or participant.revoked_at is not None:
        raise PermissionDenied("Vous ne participez pas à cet atelier.")
    require_phase(workshop, "score")
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


@transaction.atomic
def merge_ideas(target: Idea, sources: list[Idea]) -> Idea:
    """Merge pistes into `target`. Nothing is copied or deleted: sources point at the target.

    Their authors, proposing organizations and scores stay on their own rows; the results
    combine them (see selectors.py), and `unmerge_idea` restores the sources as they were.
    """
    require_phase(target.workshop, "merge")
    if target.merged_into_id is not None:
        raise ValidationError("La piste cible a elle-même été fusionnée dans une autre piste.")
    now = timezone.now()
    for source in sources:
        if source.pk == target.pk:
            continue
        if source.workshop_id != target.workshop_id:
            raise ValidationError("On ne peut fusionner que des pistes du même atelier.")
        if source.merged_into_id is not None:
            raise ValidationError(f"La piste « {source.title} » est déjà fusionnée.")
        # A piste that already gathered others hands them over to the new target.
        for child in Idea.objects.filter(merged_into=source):
            child.merged_into = target
            child.save(update_fields=["merged_into"])
        source.merged_into, source.merged_at = target, now
        source.save(update_fields=["merged_into", "merged_at"])
    return target


@transaction.atomic
def unmerge_idea(source: Idea) -> Idea:
    require_phase(source.workshop, "merge")
    if source.merged_into_id is None:
        raise ValidationError("Cette piste n'est pas fusionnée.")
    source.merged_into, source.merged_at = None, None
    source.save(update_fields=["merged_into", "merged_at"])
    return source


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


@transaction.atomic
def copy_ideas(*, source_workshop: Workshop, target_workshop: Workshop) -> int:
    """Bring the pistes of an internal workshop into a cross-evaluation, keeping their origin."""
    if source_workshop.cooperation_id != target_workshop.cooperation_id:
        raise ValidationError("Les deux ateliers doivent appartenir à la même coopération.")
    require_phase(target_workshop, "propose")
    already = set(Idea.objects.filter(workshop=target_workshop).values_list("source_id", flat=True))
    copied = 0
    for idea in Idea.objects.filter(workshop=source_workshop, merged_into__isnull=True).order_by("pk"):
        if idea.pk in already:
            continue
        Idea.objects.create(
            workshop=target_workshop,
            title=idea.title,
            description=idea.description,
            domain_id=idea.domain_id,
            organization_id=idea.organization_id,
            origin=IdeaOrigin.COPY,
            origin_label=source_workshop.title,
            source=idea,
        )
        copied += 1
    return copied
