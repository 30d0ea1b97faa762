"""Reads of the cross portrait: the partners side by side, the shared foundations and challenges.

The partners' key figures are read from the territories registry (population with its millésime,
member communes) and, for those who may see them, from the latest values of the shared indicators.
Everything is read in a constant number of queries, whatever the number of partners or challenges.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from entente.core.formatting import format_measure
from entente.portfolio.models import Action, Workstream

from .indicators import partner_territories, registry_points
from .models import IndicatorValue, RegistryFigure, ValueOrigin
from .portrait_models import PortraitChallenge


@dataclass
class Cell:
    shown: str
    year: int | None = None
    illustrative: bool = False
    note: str = ""


@dataclass
class FigureRow:
    label: str
    cells: list[Cell]
    source: str = ""
    illustrative: bool = False


@dataclass
class ChallengeView:
    challenge: PortraitChallenge
    axes: list
    workstreams: list
    actions: list

    @property
    def answer_count(self) -> int:
        return len(self.axes) + len(self.workstreams) + len(self.actions)

    @property
    def answered(self) -> bool:
        return self.answer_count > 0


@dataclass
class Portrait:
    partners: list
    figures: list[FigureRow]
    foundations: list
    challenges: list[ChallengeView]
    indicators_shown: bool
    unanswered: list[ChallengeView] = field(default_factory=list)

    @property
    def any_illustrative(self) -> bool:
        return any(row.illustrative for row in self.figures)


def cross_portrait(cooperation, *, with_indicators: bool) -> Portrait:
    """The portrait of a cooperation; `with_indicators` for readers who may see the shared indicators."""
    partners = partner_territories(cooperation)
    figures = _registry_rows(partners)
    if with_indicators and partners:
        figures += _indicator_rows(cooperation, partners)
    challenges = [
        ChallengeView(c, list(c.axes.all()), list(c.workstreams.all()), list(c.actions.all()))
        for c in challenges_of(cooperation)
    ]
    return Portrait(
        partners=partners,
        figures=figures,
        foundations=list(cooperation.portrait_foundations.all()),
        challenges=challenges,
        indicators_shown=with_indicators,
        unanswered=[c for c in challenges if not c.answered],
    )


def challenges_of(cooperation):
    """The challenges with their answers prefetched (three queries whatever their number)."""
    return cooperation.portrait_challenges.prefetch_related(
        "axes",
        Prefetch("workstreams", queryset=Workstream.objects.select_related("axis")),
        Prefetch("actions", queryset=Action.objects.select_related("workstream", "cooperation")),
    )


def _registry_rows(partners) -> list[FigureRow]:
    if not partners:
        return []
    communes = {p.territory_id: p for p in registry_points([p.territory for p in partners])[RegistryFigure.COMMUNES]}
    kinds = FigureRow("Type de territoire", [Cell(p.territory.get_kind_display()) for p in partners])
    people = FigureRow(
        "Population municipale",
        [_population_cell(p.territory) for p in partners],
        source="Insee, populations légales (registre des territoires)",
    )
    towns = FigureRow(
        "Communes",
        [
            Cell(format_measure(communes[p.territory.pk].value)) if p.territory.pk in communes else Cell("—")
            for p in partners
        ],
        source="Code officiel géographique (registre des territoires)",
    )
    return [kinds, people, towns]


def _population_cell(territory) -> Cell:
    """The population with its millésime; a registry without millésime still gives the figure, and says so."""
    if not territory.population:
        return Cell("—")
    cell = Cell(format_measure(Decimal(territory.population), "hab."), territory.population_year)
    cell.note = "" if territory.population_year else "millésime non précisé"
    return cell


def _indicator_rows(cooperation, partners) -> list[FigureRow]:
    """The latest value of each indicator typed or imported, per partner (two queries)."""
    indicators = [i for i in cooperation.indicators.all() if not i.registry_figure]
    if not indicators:
        return []
    territory_ids = [p.territory.pk for p in partners]
    latest = {}
    values = IndicatorValue.objects.filter(indicator__in=indicators, territory_id__in=territory_ids).order_by("year")
    for value in values:
        latest[(value.indicator_id, value.territory_id)] = value  # ordered by year: the last one stays
    rows = []
    for indicator in indicators:
        cells = []
        for partner in partners:
            value = latest.get((indicator.pk, partner.territory.pk))
            if value is None:
                cells.append(Cell("—"))
            else:
                illustrative = value.origin == ValueOrigin.ILLUSTRATIVE
                cells.append(Cell(format_measure(value.value, indicator.unit), value.year, illustrative))
        rows.append(
            FigureRow(
                indicator.name,
                cells,
                source=indicator.source,
                illustrative=any(cell.illustrative for cell in cells),
            )
        )
    return rows
