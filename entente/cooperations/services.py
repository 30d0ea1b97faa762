"""Every change to a cooperation goes through these functions: atomic, validated, historised."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.text import slugify

from entente.territories.models import Organization, OrganizationKind, Territory

from .models import Cooperation, MemberRole, Membership, PartnerRole, Partnership, TimelineStep
from .signals import member_partner_changed


@dataclass(frozen=True)
class PartnerChoice:
    """A partner as picked in a form: a territory (by kind and code) or an organization."""

    reference: str
    role: str = PartnerRole.SIGNATORY


def ensure_organization_for_territory(territory: Territory) -> Organization:
    """A collectivité becomes an organization the first time it is used as a partner."""
    organization = Organization.objects.filter(territory=territory).first()
    if organization:
        return organization
    try:
        with transaction.atomic():
            return Organization.objects.create(
                name=territory.name, kind=OrganizationKind.LOCAL_AUTHORITY, territory=territory,
                siren=territory.siren or (territory.code if territory.kind == "epci" else ""),
            )
    except IntegrityError:  # another request created it meanwhile
        return Organization.objects.get(territory=territory)


def resolve_partner_reference(reference: str) -> Organization:
    """Turn `territory:<kind>:<code>` or `organization:<pk>` into an Organization."""
    parts = (reference or "").split(":")
    if len(parts) == 3 and parts[0] == "territory":
        territory = Territory.objects.filter(kind=parts[1], code=parts[2]).first()
        if territory is None:
            raise ValidationError(f"Territoire inconnu : « {parts[1]} {parts[2]} ».")
        return ensure_organization_for_territory(territory)
    if len(parts) == 2 and parts[0] == "organization" and parts[1].isdigit():
        organization = Organization.objects.filter(pk=int(parts[1])).first()
        if organization is None:
            raise ValidationError("Organisation inconnue.")
        return organization
    raise ValidationError(f"Partenaire non reconnu : « {reference} ». Choisissez-le dans la liste proposée.")


def unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "cooperation"
    slug, counter = base, 2
    while Cooperation.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


@transaction.atomic
def create_cooperation(*, user, name, kind, description="", visibility="private", started_on=None,
                       purposes=(), forms=(), partners: list[PartnerChoice] = (),
                       represents: str | None = None) -> Cooperation:
    """Create a cooperation; its creator becomes its first coordinator, representing one of its partners.

    `represents` is the reference of the partner the creator speaks for, among `partners`; "" for
    none; None to take their profile's organization when it is one of the partners.
    """
    cooperation = Cooperation.objects.create(
        name=name.strip(), slug=unique_slug(name), kind=kind, description=description,
        visibility=visibility, started_on=started_on, created_by=user if user and user.pk else None,
    )
    cooperation.purposes.set(purposes)
    cooperation.forms.set(forms)
    partnerships = [
        add_partner(cooperation=cooperation, organization=resolve_partner_reference(choice.reference),
                    role=choice.role)
        for choice in partners
    ]
    if user and user.pk:
        Membership.objects.create(
            cooperation=cooperation, user=user, role=MemberRole.COORDINATOR,
            partner=creator_partner(partnerships, user, represents),
        )
    return cooperation


def creator_partner(partnerships: list[Partnership], user, represents: str | None) -> Partnership | None:
    """The partnership the creator represents: the one named, else their profile's organization's."""
    if represents:
        organization = resolve_partner_reference(represents)
        partnership = next((p for p in partnerships if p.organization_id == organization.pk), None)
        if partnership is None:
            raise ValidationError(
                f"Vous ne pouvez représenter que l'un des partenaires de la coopération : {organization} n'en est pas."
            )
        return partnership
    if represents is None and user.organization_id:
        return next((p for p in partnerships if p.organization_id == user.organization_id), None)
    return None


@transaction.atomic
def update_cooperation(cooperation: Cooperation, *, purposes=None, forms=None, **fields) -> Cooperation:
    for field, value in fields.items():
        setattr(cooperation, field, value)
    cooperation.save()
    if purposes is not None:
        cooperation.purposes.set(purposes)
    if forms is not None:
        cooperation.forms.set(forms)
    return cooperation


@transaction.atomic
def add_partner(*, cooperation: Cooperation, organization: Organization, role=PartnerRole.SIGNATORY,
                joined_on=None) -> Partnership:
    existing = Partnership.objects.filter(cooperation=cooperation, organization=organization).first()
    if existing:
        if existing.left_on is None and existing.role == role:
            raise ValidationError(f"{organization} est déjà partenaire de cette coopération.")
        existing.role, existing.left_on = role, None
        existing.save()
        return existing
    return Partnership.objects.create(
        cooperation=cooperation, organization=organization, role=role, joined_on=joined_on,
    )


@transaction.atomic
def change_partner_role(partnership: Partnership, role: str) -> Partnership:
    partnership.role = role
    partnership.save()
    return partnership


@transaction.atomic
def remove_partner(partnership: Partnership, *, left_on) -> Partnership:
    """A partner leaves the cooperation: the one place that says what follows, in every app.

    Nothing is deleted or rewritten: the partnership keeps its row with `left_on` (and its history
    row), so past meetings, votes, shares, signed agreements and figures stay as they were. From
    then on every app reads `Partnership.objects.active()` / `cooperation.partnerships.active()`:

    - cooperations: the partner leaves the partner list, the partner count and the API's `partners`;
      it is no longer offered when inviting or assigning a member (a member already linked to it
      keeps the link until a coordinator changes it);
    - workshops: its organization is no longer offered as a host, nor to join a workshop with the
      code, nor counted as a member's organization in results
      (`workshops.participation_selectors.partner_organizations`);
    - governance: it is no longer among the signatory partners whose seats, votes and
      ratifications are proposed (existing seats and past decisions stay);
    - agreements: no annex is generated or added for it, it leaves the {{ partenaires }} list, it is
      no longer a partner signatory, and a text still holding its annex or its signature block cannot
      be sent to signature, and it may no longer sign (`agreements.annex_services`,
      `agreement_services` and `signature_services` refuse in French);
    - insights and reflexivity: it leaves the health records, indicator comparisons, the national
      map and the actor network from the leaving date on.

    `tests/test_partner_leaves.py` checks these across the apps. Taking the partner back
    (`add_partner` again) clears `left_on`.
    """
    if partnership.joined_on and left_on < partnership.joined_on:
        raise ValidationError("La date de sortie ne peut pas précéder la date d'entrée.")
    partnership.left_on = left_on
    partnership.save()
    return partnership


@transaction.atomic
def set_membership(*, cooperation: Cooperation, user, role: str, partner: Partnership | None = None) -> Membership:
    if partner is not None and partner.cooperation_id != cooperation.pk:
        raise ValidationError("Une personne ne peut représenter qu'un partenaire de cette coopération.")
    membership, created = Membership.objects.get_or_create(
        cooperation=cooperation, user=user, defaults={"role": role, "partner": partner},
    )
    previous_partner = None if created else membership.partner
    if not created:
        if membership.role == MemberRole.COORDINATOR and role != MemberRole.COORDINATOR:
            _ensure_another_coordinator(membership)
        membership.role, membership.partner = role, partner
        membership.save()
    if partner is not None and partner != previous_partner:
        member_partner_changed.send(sender=Membership, membership=membership, previous_partner=previous_partner)
    return membership


def _ensure_another_coordinator(membership: Membership) -> None:
    others = Membership.objects.filter(
        cooperation=membership.cooperation, role=MemberRole.COORDINATOR,
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError("Une coopération garde au moins un·e coordinateur·rice.")


@transaction.atomic
def remove_membership(membership: Membership) -> None:
    if membership.role == MemberRole.COORDINATOR:
        _ensure_another_coordinator(membership)
    membership.delete()


@transaction.atomic
def add_timeline_step(*, cooperation: Cooperation, date, title, stage="", description="") -> TimelineStep:
    """A new step goes after the steps already dated on or before it."""
    steps = list(cooperation.timeline.all())
    position = max((s.position + 1 for s in steps if date is None or s.date is None or s.date <= date), default=0)
    cooperation.timeline.filter(position__gte=position).update(position=models.F("position") + 1)
    return TimelineStep.objects.create(
        cooperation=cooperation, date=date, title=title, stage=stage, description=description, position=position,
    )


@transaction.atomic
def delete_timeline_step(step: TimelineStep) -> None:
    step.delete()


@transaction.atomic
def add_partners(*, cooperation: Cooperation, choices: list[PartnerChoice], joined_on=None) -> list[Partnership]:
    """Add several picked partners at once: all of them, or none when one is refused."""
    return [
        add_partner(cooperation=cooperation, organization=resolve_partner_reference(choice.reference),
                    role=choice.role, joined_on=joined_on)
        for choice in choices
    ]
