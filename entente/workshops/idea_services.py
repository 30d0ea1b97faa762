"""Pistes: proposed, edited, withdrawn, merged, unmerged and taken up from another workshop."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import (
    ArbitrationDecision,
    Idea,
    IdeaOrigin,
    Participant,
    Score,
    Workshop,
)
from .participant_services import seated
from .rules import require_phase


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
    if participant is not None:
        participant = seated(participant)
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
