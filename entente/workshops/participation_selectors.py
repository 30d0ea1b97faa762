"""Reads about who takes part: the partners who may join, a member's organisation, a participant's
scoring sheet and progress, the facilitator's live view."""

import random
from collections import defaultdict

from django.db.models import Count

from entente.cooperations.models import Membership, active_partnership

from .models import (
    Criterion,
    Idea,
    Participant,
    Score,
    Workshop,
)
from .selectors import PartnerParticipation, participation_by_partner


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


def _order_seed(participant: Participant):
    # A member's order follows their account, so that it stays the same once their seat is taken.
    return f"compte-{participant.user_id}" if participant.user_id else participant.pk


def _scores_of(participant: Participant):
    """The seat's scores; a member's seat not taken yet (unsaved) is found through their account."""
    if participant.pk is not None:
        return Score.objects.filter(participant=participant)
    return Score.objects.filter(workshop_id=participant.workshop_id, participant__user_id=participant.user_id)


def scoring_sheet(workshop: Workshop, participant: Participant):
    """The participant's pistes in their own random order, with the values they already gave."""
    criteria = list(Criterion.objects.filter(grid_id=workshop.grid_id))
    ideas = list(
        Idea.objects.filter(workshop=workshop, merged_into__isnull=True)
        .select_related("organization", "domain")
        .order_by("pk")
    )
    random.Random(_order_seed(participant)).shuffle(ideas)  # stable per participant, different between them
    given = defaultdict(dict)
    for idea_id, criterion_id, value in (
        _scores_of(participant).filter(idea__merged_into__isnull=True).values_list("idea_id", "criterion_id", "value")
    ):
        given[idea_id][criterion_id] = value
    rows = [(idea, [(criterion, given[idea.pk].get(criterion.pk)) for criterion in criteria]) for idea in ideas]
    done = sum(1 for idea in ideas if len(given[idea.pk]) >= len(criteria))
    return criteria, rows, done


def participant_progress(workshop: Workshop, participant: Participant) -> tuple[int, int]:
    criteria_count = Criterion.objects.filter(grid_id=workshop.grid_id).count()
    total = Idea.objects.filter(workshop=workshop, merged_into__isnull=True).count()
    done = (
        _scores_of(participant)
        .filter(idea__merged_into__isnull=True)
        .values("idea_id")
        .annotate(n=Count("id"))
        .filter(n__gte=criteria_count)
        .count()
    )
    return done, total


def live_participation(workshop: Workshop) -> list[PartnerParticipation]:
    """Per partner: who has joined, started and finished scoring (the facilitator's live view)."""
    criteria = Criterion.objects.filter(grid_id=workshop.grid_id).count()
    ideas = Idea.objects.filter(workshop=workshop, merged_into__isnull=True).count()
    return participation_by_partner(workshop, ideas * criteria)[0]


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
