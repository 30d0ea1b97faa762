"""Changes to bodies: creation (from presets too), settings, seats, rotation order, vote weights and
council dates.

Every change goes through these functions: atomic, validated, historised; e-mails leave only once
the transaction has committed.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from entente.cooperations.models import Cooperation, Membership, PartnerRole, Partnership
from entente.core.text import fold

from .body_models import Body, BodyMember, BodyRole, CouncilSession, PartnerWeight, Rotation, RotationSlot
from .meeting_models import (
    Attendance,
)
from .presets import PRESETS, USUAL_BY_COOPERATION_KIND

BODY_FIELDS = {
    "name", "kind", "mandate", "functions", "periodicity", "council_lead_days", "rotation", "rotates_convener",
    "rotates_chair", "rotates_place", "agenda_deadline_amount", "agenda_deadline_unit", "quorum_basis",
    "quorum_percent", "proxies_count_for_quorum", "voting_mode", "weighting",
}


def check_partner(cooperation, partner):
    if partner is not None and partner.cooperation_id != cooperation.pk:
        raise ValidationError("Ce partenaire n'appartient pas à cette coopération.")


# --- bodies --------------------------------------------------------------------------------


@transaction.atomic
def create_body(*, cooperation: Cooperation, name: str, kind: str, rotation_partners=(), **fields) -> Body:
    unknown = set(fields) - BODY_FIELDS
    if unknown:
        raise ValueError(f"Unknown body fields: {sorted(unknown)}")
    name = name.strip()
    if Body.objects.filter(cooperation=cooperation, name__iexact=name).exists():
        raise ValidationError(f"Une instance « {name} » existe déjà dans cette coopération.")
    body = Body.objects.create(cooperation=cooperation, name=name, kind=kind, **fields)
    if rotation_partners:
        set_rotation(body, [(partner, "") for partner in rotation_partners])
    return body


@transaction.atomic
def update_body(body: Body, **fields) -> Body:
    unknown = set(fields) - BODY_FIELDS
    if unknown:
        raise ValueError(f"Unknown body fields: {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        if Body.objects.filter(cooperation=body.cooperation, name__iexact=fields["name"]).exclude(pk=body.pk).exists():
            raise ValidationError(f"Une instance « {fields['name']} » existe déjà dans cette coopération.")
    for field, value in fields.items():
        setattr(body, field, value)
    body.save()
    return body


def signatory_partners(cooperation):
    return list(Partnership.objects.active().filter(cooperation=cooperation, role=PartnerRole.SIGNATORY)
                .select_related("organization").order_by("pk"))


@transaction.atomic
def create_preset_bodies(*, cooperation: Cooperation, codes=None) -> list[Body]:
    """Create the usual bodies of this kind of cooperation (or the listed presets), skipping existing names."""
    codes = codes or USUAL_BY_COOPERATION_KIND.get(cooperation.kind, ["comite_pilotage"])
    partners = signatory_partners(cooperation)
    created = []
    for code in codes:
        preset = PRESETS.get(code)
        if preset is None:
            raise ValidationError(f"Modèle d'instance inconnu : « {code} ».")
        if Body.objects.filter(cooperation=cooperation, name__iexact=preset.name).exists():
            continue
        rotates = preset.settings.get("rotation", Rotation.FIXED) != Rotation.FIXED
        body = create_body(cooperation=cooperation, name=preset.name, kind=preset.kind, mandate=preset.mandate,
                           rotation_partners=partners if rotates else (),
                           **preset.settings)
        for partner in partners:
            for role, label in preset.seats_per_partner:
                BodyMember.objects.create(body=body, partner=partner, role=role, label=label)
        created.append(body)
    if not created:
        raise ValidationError("Les instances usuelles existent déjà dans cette coopération.")
    return created


@transaction.atomic
def set_rotation(body: Body, slots: list[tuple[Partnership, str]]) -> None:
    """Replace the rotation order: a list of (partner, theme) in order."""
    seen = set()
    for partner, theme in slots:
        check_partner(body.cooperation, partner)
        key = (partner.pk, fold(theme) if body.rotation == Rotation.PER_THEME else "")
        if key in seen:
            raise ValidationError(f"{partner.organization} figure deux fois dans l'ordre de rotation.")
        seen.add(key)
    RotationSlot.objects.filter(body=body).delete()
    RotationSlot.objects.bulk_create([
        RotationSlot(body=body, position=index + 1, partner=partner, theme=theme.strip())
        for index, (partner, theme) in enumerate(slots)
    ])


@transaction.atomic
def set_partner_weight(body: Body, partner: Partnership, weight: Decimal) -> PartnerWeight:
    check_partner(body.cooperation, partner)
    if weight <= 0:
        raise ValidationError("Le poids d'un partenaire doit être strictement positif.")
    record, _ = PartnerWeight.objects.update_or_create(body=body, partner=partner, defaults={"weight": weight})
    return record


@transaction.atomic
def add_council_session(body: Body, date: datetime.date, label: str = "") -> CouncilSession:
    if CouncilSession.objects.filter(body=body, date=date).exists():
        raise ValidationError(f"Le conseil du {date:%d/%m/%Y} est déjà enregistré.")
    return CouncilSession.objects.create(body=body, date=date, label=label)


@transaction.atomic
def remove_council_session(session: CouncilSession) -> None:
    """A council date entered by mistake; the next due meeting is computed again from the others."""
    session.delete()


@transaction.atomic
def add_body_member(*, body: Body, user=None, partner: Partnership | None = None, role: str = BodyRole.MEMBER,
                    label: str = "") -> BodyMember:
    """A seat. A person outside the cooperation may sit only as invité·e."""
    if user is None and partner is None:
        raise ValidationError("Indiquez une personne, un partenaire, ou les deux.")
    check_partner(body.cooperation, partner)
    if user is not None:
        in_cooperation = Membership.objects.filter(cooperation=body.cooperation, user=user).exists()
        if not in_cooperation and role != BodyRole.GUEST:
            raise ValidationError(
                f"{user.public_name} n'est pas membre de cette coopération : il ou elle ne peut siéger "
                "qu'en tant qu'invité·e.")
        if BodyMember.objects.filter(body=body, user=user).exists():
            raise ValidationError(f"{user.public_name} siège déjà dans cette instance.")
    return BodyMember.objects.create(body=body, user=user, partner=partner, role=role, label=label.strip())


@transaction.atomic
def remove_body_member(seat: BodyMember) -> None:
    if seat.attendances.exists() or seat.votes.exists():
        raise ValidationError("Ce siège figure dans des feuilles de présence ou des votes : il est conservé. "
                              "Changez plutôt son rôle ou la personne qui l'occupe.")
    seat.delete()


@transaction.atomic
def update_body_member(seat: BodyMember, *, user=None, partner: Partnership | None = None, role: str | None = None,
                       label: str | None = None) -> BodyMember:
    """Change a seat: the person, the partner represented, the role, the function.

    Every field is given in full (None for "no person" or "no partner"), as the edit form sends
    them; the seat keeps its attendances and votes, and its history keeps the earlier holder.
    """
    role = role or seat.role
    if user is None and partner is None:
        raise ValidationError("Indiquez une personne, un partenaire, ou les deux.")
    check_partner(seat.body.cooperation, partner)
    if user is not None:
        in_cooperation = Membership.objects.filter(cooperation=seat.body.cooperation, user=user).exists()
        if not in_cooperation and role != BodyRole.GUEST:
            raise ValidationError(
                f"{user.public_name} n'est pas membre de cette coopération : il ou elle ne peut siéger "
                "qu'en tant qu'invité·e.")
        if BodyMember.objects.filter(body=seat.body, user=user).exclude(pk=seat.pk).exists():
            raise ValidationError(f"{user.public_name} siège déjà dans cette instance.")
    if seat.role != BodyRole.GUEST and role == BodyRole.GUEST and Attendance.objects.filter(
            seat=seat, represents__isnull=False).exists():
        raise ValidationError("Ce membre détient un pouvoir lors d'une réunion : un invité ne peut pas en porter. "
                              "Retirez d'abord ce pouvoir.")
    seat.user, seat.partner, seat.role = user, partner, role
    if label is not None:
        seat.label = label.strip()
    seat.save()
    return seat
