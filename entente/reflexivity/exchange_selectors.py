"""Reads of "Vis ma vie" exchanges that other pages (health, the annual report) may count."""

import datetime

from .exchange_models import Exchange


def exchanges_between(cooperation, start: datetime.date | None = None, end: datetime.date | None = None):
    """The exchanges of a cooperation that began within [start, end] (either bound optional)."""
    queryset = Exchange.objects.filter(cooperation=cooperation)
    if start is not None:
        queryset = queryset.filter(starts_on__gte=start)
    if end is not None:
        queryset = queryset.filter(starts_on__lte=end)
    return queryset


def exchange_figures(cooperation, start: datetime.date | None = None, end: datetime.date | None = None) -> dict:
    """How many exchanges, how many distinct people and partner organizations took part: one query."""
    rows = list(
        exchanges_between(cooperation, start, end).values_list(
            "host_id", "visitor_id", "host_partner_id", "visitor_partner_id"
        )
    )
    people = {person for row in rows for person in row[:2]}
    partners = {partner for row in rows for partner in row[2:] if partner is not None}
    return {"exchanges": len(rows), "people": len(people), "partners": len(partners)}
