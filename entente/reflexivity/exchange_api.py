"""API of "Vis ma vie" exchanges, for the cooperation's members."""

import datetime

from ninja import Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from entente.accounts.models import User
from entente.cooperations.models import Partnership
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import Id, Slug, text

from . import exchange_services
from .exchange_models import Exchange
from .maturity_api import router
from .rules import get_exchange_for_user

TAG = "Réflexivité"


class ExchangeOut(Schema):
    id: int
    host: str
    host_partner: str
    visitor: str
    visitor_partner: str
    starts_on: datetime.date
    ends_on: datetime.date
    topic: str
    learned: str


class ExchangeIn(Schema):
    host_id: Id
    visitor_id: Id
    host_partner_id: Id | None = None
    visitor_partner_id: Id | None = None
    starts_on: datetime.date
    ends_on: datetime.date
    topic: text(200, 1)
    learned: text(2000) = ""


def _out(exchange) -> dict:
    return {
        "id": exchange.pk,
        "host": exchange.host.public_name,
        "visitor": exchange.visitor.public_name,
        "host_partner": str(exchange.host_partner.organization) if exchange.host_partner else "",
        "visitor_partner": str(exchange.visitor_partner.organization) if exchange.visitor_partner else "",
        "starts_on": exchange.starts_on,
        "ends_on": exchange.ends_on,
        "topic": exchange.topic,
        "learned": exchange.learned,
    }


def _fields(cooperation, payload) -> dict:
    def one(queryset, pk, what):
        if pk is None:
            return None
        found = queryset.filter(pk=pk).first()
        if found is None:
            raise HttpError(422, f"{what} introuvable dans cette coopération.")
        return found

    people = User.objects.filter(memberships__cooperation=cooperation)
    partners = Partnership.objects.filter(cooperation=cooperation)
    return {
        "host": one(people, payload.host_id, "Personne qui accueille"),
        "visitor": one(people, payload.visitor_id, "Personne accueillie"),
        "host_partner": one(partners, payload.host_partner_id, "Organisation d'accueil"),
        "visitor_partner": one(partners, payload.visitor_partner_id, "Organisation de la personne accueillie"),
        "starts_on": payload.starts_on,
        "ends_on": payload.ends_on,
        "topic": payload.topic,
        "learned": payload.learned,
    }


@router.get(
    "/cooperations/{slug}/exchanges",
    response={200: list[ExchangeOut], **errors(403)},
    summary="Échanges « Vis ma vie » d'une coopération",
    tags=[TAG],
)
@paginate(Pagination)
def list_exchanges(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view_exchanges")
    exchanges = Exchange.objects.filter(cooperation=cooperation).select_related(
        "host", "visitor", "host_partner__organization", "visitor_partner__organization"
    )
    return [_out(exchange) for exchange in exchanges]


@router.post(
    "/cooperations/{slug}/exchanges",
    response={201: ExchangeOut, **errors(400)},
    summary="Enregistrer un échange « Vis ma vie »",
    tags=[TAG],
)
def create_exchange(request, slug: Slug, payload: ExchangeIn):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_record_exchanges")
    exchange = exchange_services.record_exchange(
        cooperation=cooperation, user=request.user, **_fields(cooperation, payload)
    )
    return 201, _out(exchange)


@router.put(
    "/cooperations/{slug}/exchanges/{exchange_id}",
    response={200: ExchangeOut, **errors(400)},
    summary="Corriger un échange",
    tags=[TAG],
)
def update_exchange(request, slug: Slug, exchange_id: Id, payload: ExchangeIn):
    exchange = get_exchange_for_user(request.user, slug, exchange_id, "edit")
    return _out(exchange_services.update_exchange(exchange, **_fields(exchange.cooperation, payload)))


@router.delete(
    "/cooperations/{slug}/exchanges/{exchange_id}",
    response={204: None, **errors(403)},
    summary="Supprimer un échange",
    tags=[TAG],
)
def delete_exchange(request, slug: Slug, exchange_id: Id):
    exchange_services.delete_exchange(get_exchange_for_user(request.user, slug, exchange_id, "delete"))
    return 204, None
