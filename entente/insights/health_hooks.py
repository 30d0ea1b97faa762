"""Health figures that apps above insights add to a cooperation's health page.

Imports run one way (insights < reflexivity): the health page does not import the apps that count
in it. An app registers a `HealthContribution` in its AppConfig.ready(); the page then shows its
figure in the breadth section ("Ampleur de la participation"), in the API and in the exports,
counts the partners it names as active in the period, and the people it names as having taken
part. Reflexivity registers the "Vis ma vie" exchanges here.

Each contribution costs at most one query per page, whatever the number of records: `figure` reads
the period in one query, and `took_part` is not run but joined to the one UNION query that finds
the members who ever took part (`health_records`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Contributed:
    """What a contribution found for one period: its figure, and the partners it saw take part."""

    # A `health_figures.Figure`, not imported: health_figures reads the records, which read this registry.
    figure: object
    partner_ids: frozenset = field(default_factory=frozenset)


@dataclass(frozen=True)
class HealthContribution:
    key: str
    # What a partner or a member did, as breadth's sentences say it: "un échange « Vis ma vie »".
    activity: str
    # The breadth table's column for it: "Échanges « Vis ma vie »".
    column: str
    # Appended to the breadth section's explanation: how this participation is counted.
    explanation: str
    # (cooperation, period) -> Contributed, in one query at most; `period` is an `insights.periods.Period`
    # (start None for the whole life, end exclusive).
    figure: Callable
    # (cooperation) -> a list of `values_list` querysets of one user id column each, over the whole life:
    # sources of the UNION query of the people who took part. None when the contribution names no person.
    took_part: Callable | None = None


_contributions: list[HealthContribution] = []


def register_health_contribution(contribution: HealthContribution) -> None:
    if all(existing.key != contribution.key for existing in _contributions):
        _contributions.append(contribution)


def health_contributions() -> list[HealthContribution]:
    return list(_contributions)
