"""Seats in a workshop: members' own seats, joining with a code, revoking and reinstating."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from entente.cooperations.models import Partnership
from entente.core import french

from .models import (
    Idea,
    Participant,
    Score,
    Workshop,
)
from .participation_selectors import joining_organizations, organization_of_member, partner_organizations
from .ratelimit import JOIN_REFUSED_MESSAGE
from .rules import require_phase


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


def seated(participant: Participant) -> Participant:
    """The participant's seat, saved. A member's seat (unsaved until then, see
    `rules.get_seat_for_user`) is created by the first change they make, never by a visit."""
    if participant.pk is not None:
        return participant
    return seat_for_user(participant.workshop, participant.user)


def seat_for_user(workshop: Workshop, user) -> Participant:
    """The account holder's seat in a workshop, created if they have none (race-safe)."""
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
