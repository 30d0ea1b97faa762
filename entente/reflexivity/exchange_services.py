""" "Vis ma vie" exchanges: recorded, corrected, removed — atomic and historised."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from entente.cooperations.models import Membership

from .exchange_models import Exchange


def _exchange_fields(
    cooperation,
    *,
    host,
    visitor,
    starts_on: datetime.date,
    ends_on: datetime.date,
    topic: str,
    learned: str = "",
    host_partner=None,
    visitor_partner=None,
) -> dict:
    """The checked fields of an exchange, as recorded or corrected (French messages on what is wrong)."""
    if host is None or visitor is None:
        raise ValidationError("Indiquez la personne qui accueille et celle qui est accueillie.")
    if host.pk == visitor.pk:
        raise ValidationError("Un échange « Vis ma vie » se fait entre deux personnes différentes.")
    memberships = {
        m.user_id: m for m in Membership.objects.filter(cooperation=cooperation, user_id__in=[host.pk, visitor.pk])
    }
    for person in (host, visitor):
        if person.pk not in memberships:
            raise ValidationError(f"{person.public_name} n'est pas membre de cette coopération.")
    if starts_on is None or ends_on is None:
        raise ValidationError("Indiquez les dates de l'échange.")
    if ends_on < starts_on:
        raise ValidationError("L'échange ne peut pas se terminer avant d'avoir commencé.")
    topic = (topic or "").strip()
    if not topic:
        raise ValidationError("Indiquez l'objet de l'échange.")
    for partner in (host_partner, visitor_partner):
        if partner is not None and partner.cooperation_id != cooperation.pk:
            raise ValidationError("Cette organisation n'est pas partenaire de la coopération.")
    return {
        "host": host,
        "visitor": visitor,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "topic": topic,
        "learned": (learned or "").strip(),
        # Unless said otherwise, each person comes from the partner they represent in the cooperation.
        "host_partner": host_partner or memberships[host.pk].partner,
        "visitor_partner": visitor_partner or memberships[visitor.pk].partner,
    }


@transaction.atomic
def record_exchange(*, cooperation, user, **details) -> Exchange:
    """details: host, visitor, starts_on, ends_on, topic, learned, host_partner, visitor_partner."""
    fields = _exchange_fields(cooperation, **details)
    return Exchange.objects.create(cooperation=cooperation, created_by=user, **fields)


@transaction.atomic
def update_exchange(exchange: Exchange, **details) -> Exchange:
    """The same details as record_exchange, all given again: the exchange takes them as a whole."""
    for name, value in _exchange_fields(exchange.cooperation, **details).items():
        setattr(exchange, name, value)
    exchange.save()
    return exchange


@transaction.atomic
def delete_exchange(exchange: Exchange) -> None:
    exchange.delete()
