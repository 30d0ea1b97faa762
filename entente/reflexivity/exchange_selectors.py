"""Reads of "Vis ma vie" exchanges that other pages (health, the annual report) may count."""

import datetime
from dataclasses import dataclass

from .exchange_models import Exchange


def exchanges_between(cooperation, start: datetime.date | None = None, end: datetime.date | None = None):
    """The exchanges of a cooperation that began within [start, end] (either bound optional)."""
    queryset = Exchange.objects.filter(cooperation=cooperation)
    if start is not None:
        queryset = queryset.filter(starts_on__gte=start)
    if end is not None:
        queryset = queryset.filter(starts_on__lte=end)
    return queryset


@dataclass(frozen=True)
class Participation:
    """Who took part in the exchanges of a period: the exchanges, the people, the partner organizations."""

    exchanges: int
    people: frozenset
    partner_ids: frozenset


def exchange_participation(cooperation, start: datetime.date | None = None, end: datetime.date | None = None):
    """The exchanges that began within [start, end], their people and their partners: one query."""
    rows = list(
        exchanges_between(cooperation, start, end).values_list(
            "host_id", "visitor_id", "host_partner_id", "visitor_partner_id"
        )
    )
    return Participation(
        exchanges=len(rows),
        people=frozenset(person for row in rows for person in row[:2]),
        partner_ids=frozenset(partner for row in rows for partner in row[2:] if partner is not None),
    )


def exchange_figures(cooperation, start: datetime.date | None = None, end: datetime.date | None = None) -> dict:
    """How many exchanges, how many distinct people and partner organizations took part: one query."""
    found = exchange_participation(cooperation, start, end)
    return {"exchanges": found.exchanges, "people": len(found.people), "partners": len(found.partner_ids)}


def exchange_people(cooperation) -> list:
    """The people who ever hosted or visited, as `values_list` sources of one user id each: the health
    page joins them to its UNION query of the members who took part instead of running them."""
    exchanges = Exchange.objects.filter(cooperation=cooperation).order_by()
    return [exchanges.values_list("host_id"), exchanges.values_list("visitor_id")]
