""" "Vis ma vie" exchanges in a cooperation's health (issue 13: they count in the health figures).

Registered on insights' health page (`insights.health_hooks`): a figure for the period (how many
exchanges, between how many people and partners), the partners who took part counted as active in
the breadth figure, and the hosts and visitors counted among the members who took part.
"""

import datetime

from django.urls import reverse

from entente.core.french import pluralize_fr
from entente.insights.health_figures import Figure, Link
from entente.insights.health_hooks import Contributed, HealthContribution, register_health_contribution

from .exchange_selectors import exchange_participation, exchange_people

TITLE = "Échanges « Vis ma vie »"


def _sentence(found, period) -> str:
    if not found.exchanges:
        return f"Aucun échange « Vis ma vie » {period.in_words}."
    said = f"{pluralize_fr(found.exchanges, 'échange')} « Vis ma vie » {period.in_words}, entre "
    people, partners = pluralize_fr(len(found.people), "personne"), len(found.partner_ids)
    # An exchange recorded without the people's organizations names no partner.
    if partners > 1:
        return said + f"{partners} partenaires ({people})."
    return said + people + (" (1 partenaire)." if partners else ".")


def exchanges_health(cooperation, period) -> Contributed:
    # A period's end is exclusive, the selector's inclusive.
    found = exchange_participation(cooperation, period.start, period.end - datetime.timedelta(days=1))
    figure = Figure(
        key="exchanges",
        title=TITLE,
        value=str(found.exchanges),
        sentence=_sentence(found, period),
        links=[Link(TITLE, reverse("reflexivity:exchanges", args=[cooperation.slug]))],
    )
    return Contributed(figure=figure, partner_ids=found.partner_ids)


def register() -> None:
    register_health_contribution(
        HealthContribution(
            key="reflexivity-exchanges",
            activity="un échange « Vis ma vie »",
            column="Échanges",
            explanation="Un échange « Vis ma vie » compte pour le partenaire et la personne qui accueillent "
            "comme pour ceux qui visitent.",
            figure=exchanges_health,
            took_part=exchange_people,
        )
    )
