"""Reads of shared indicators: presets, the partners' territories, registry figures and the dashboard.

Registry figures (population, member communes) are read from the territories registry every time
they are shown, never copied: a new millésime of the registry updates every dashboard at once.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from entente.core.formatting import format_measure
from entente.territories.models import Territory, TerritoryKind

from .models import Direction, Indicator, IndicatorTheme, IndicatorValue, RegistryFigure, ValueOrigin

# The seed of « Piloter ensemble » asks for « une sélection d'indicateurs (financiers, RH, solidarités) » that the
# directions générales share to compare themselves: these presets are that selection, to be edited by each cooperation.
PRESETS = [
    {
        "code": "population",
        "name": "Population municipale",
        "theme": IndicatorTheme.TERRITORY,
        "unit": "habitants",
        "source": "Insee, recensement (registre des territoires)",
        "registry_figure": RegistryFigure.POPULATION,
        "direction": Direction.NEUTRAL,
        "definition": "Population municipale du territoire partenaire, au millésime du registre.",
    },
    {
        "code": "communes",
        "name": "Communes membres",
        "theme": IndicatorTheme.TERRITORY,
        "unit": "communes",
        "source": "Code officiel géographique (registre des territoires)",
        "registry_figure": RegistryFigure.COMMUNES,
        "direction": Direction.NEUTRAL,
        "definition": "Nombre de communes en vigueur situées dans le territoire partenaire.",
    },
    {
        "code": "depenses-fonctionnement-hab",
        "name": "Dépenses de fonctionnement par habitant",
        "theme": IndicatorTheme.FINANCES,
        "unit": "€/hab.",
        "source": "OFGL, comptes des collectivités",
        "direction": Direction.LOWER,
        "definition": "Dépenses réelles de fonctionnement du budget principal rapportées à la population.",
    },
    {
        "code": "epargne-brute",
        "name": "Taux d'épargne brute",
        "theme": IndicatorTheme.FINANCES,
        "unit": "%",
        "source": "OFGL, comptes des collectivités",
        "definition": "Épargne brute rapportée aux recettes réelles de fonctionnement.",
    },
    {
        "code": "capacite-desendettement",
        "name": "Capacité de désendettement",
        "theme": IndicatorTheme.FINANCES,
        "unit": "années",
        "source": "OFGL, comptes des collectivités",
        "direction": Direction.LOWER,
        "definition": "Encours de dette divisé par l'épargne brute : années nécessaires pour rembourser la dette.",
    },
    {
        "code": "effectifs-permanents",
        "name": "Agents permanents",
        "theme": IndicatorTheme.HUMAN_RESOURCES,
        "unit": "ETP",
        "source": "Rapport social unique",
        "definition": "Agents sur emploi permanent, en équivalents temps plein, au 31 décembre.",
    },
    {
        "code": "absenteisme",
        "name": "Taux d'absentéisme",
        "theme": IndicatorTheme.HUMAN_RESOURCES,
        "unit": "%",
        "source": "Rapport social unique",
        "direction": Direction.LOWER,
        "definition": "Jours d'absence pour raison de santé rapportés aux jours travaillés.",
    },
    {
        "code": "beneficiaires-rsa",
        "name": "Allocataires du RSA pour 1 000 habitants",
        "theme": IndicatorTheme.SOLIDARITY,
        "unit": "‰",
        "source": "CNAF et MSA, allocataires au 31 décembre",
        "direction": Direction.LOWER,
        "definition": "Foyers allocataires du revenu de solidarité active pour 1 000 habitants.",
    },
    {
        "code": "depenses-sociales-hab",
        "name": "Dépenses d'action sociale par habitant",
        "theme": IndicatorTheme.SOLIDARITY,
        "unit": "€/hab.",
        "source": "OFGL, comptes des départements",
        "direction": Direction.LOWER,
        "definition": "Dépenses d'action sociale (RSA, APA, PCH, aide sociale à l'enfance) rapportées à la population.",
    },
]


@dataclass
class PartnerTerritory:
    territory: Territory
    label: str


def partner_territories(cooperation) -> list[PartnerTerritory]:
    """The territories of the cooperation's active partners, in the order of their names (one query)."""
    from entente.cooperations.models import Partnership

    partnerships = (
        Partnership.objects.active()
        .filter(cooperation=cooperation, organization__territory__isnull=False)
        .select_related("organization__territory")
        .order_by("organization__name")
    )
    return [PartnerTerritory(p.organization.territory, p.organization.name) for p in partnerships]


def own_territory_ids(user, cooperation) -> set[int]:
    """The territories the user represents in the cooperation (those of their Membership's partner)."""
    from entente.cooperations.models import Membership, active_partnership

    if not user.is_authenticated:
        return set()
    ids = Membership.objects.filter(
        active_partnership("partner"),
        user=user,
        cooperation=cooperation,
        partner__organization__territory__isnull=False,
    ).values_list("partner__organization__territory_id", flat=True)
    return set(ids)


def writable_territories(user, cooperation, abilities) -> list[PartnerTerritory]:
    """Where the user may type values: every partner for coordinators and operators, their own otherwise."""
    partners = partner_territories(cooperation)
    if abilities.get("insights_manage_indicators"):
        return partners
    if not abilities.get("insights_enter_indicator_values"):
        return []
    own = own_territory_ids(user, cooperation)
    return [p for p in partners if p.territory.pk in own]


@dataclass
class Point:
    territory_id: int
    year: int
    value: Decimal
    origin: str


def registry_points(territories: list[Territory]) -> dict[str, list[Point]]:
    """Registry figures of these territories, by registry figure (one query for commune counts)."""
    points = {RegistryFigure.POPULATION: [], RegistryFigure.COMMUNES: []}
    for territory in territories:
        if territory.population and territory.population_year:
            points[RegistryFigure.POPULATION].append(
                Point(territory.pk, territory.population_year, Decimal(territory.population), "registre")
            )
    counts = _commune_counts(territories)
    for territory in territories:
        if territory.pk in counts:
            year = territory.population_year or 0
            points[RegistryFigure.COMMUNES].append(Point(territory.pk, year, Decimal(counts[territory.pk]), "registre"))
    return points


def _commune_counts(territories) -> dict[int, int]:
    by_kind = defaultdict(list)
    for territory in territories:
        by_kind[territory.kind].append(territory.pk)
    counts = {}
    for kind, link in (
        (TerritoryKind.EPCI, "epci"),
        (TerritoryKind.DEPARTEMENT, "departement"),
        (TerritoryKind.REGION, "region"),
    ):
        if by_kind[kind]:
            rows = (
                Territory.objects.filter(kind=TerritoryKind.COMMUNE, is_current=True, **{f"{link}__in": by_kind[kind]})
                .values(link)
                .annotate(n=Count("pk"))
            )
            counts.update({row[link]: row["n"] for row in rows})
    for pk in by_kind[TerritoryKind.COMMUNE]:
        counts[pk] = 1
    return counts


# ---------------------------------------------------------------------------------------------------
# The dashboard: one block per indicator, a chart by partner for the latest year and one over time,
# each with the table that carries the same numbers.


@dataclass
class Row:
    label: str
    value: Decimal | None
    shown: str
    illustrative: bool = False


@dataclass
class Block:
    indicator: Indicator
    year: int | None
    rows: list[Row]
    reference: Decimal | None
    reference_label: str
    reference_shown: str
    years: list[int]
    series: list[tuple[str, list[Decimal | None]]]
    illustrative: bool
    source_line: str
    bar_chart: object = None
    line_chart: object = None
    series_shown: list = field(default_factory=list)
    partners: list = field(default_factory=list)  # those compared: of the indicator's kind of territory


def dashboard(cooperation) -> tuple[list[PartnerTerritory], list[Block]]:
    """Every indicator of the cooperation with its values per partner and year, in a constant number of queries."""
    from . import indicator_charts

    partners = partner_territories(cooperation)
    indicators = list(cooperation.indicators.all())
    territory_ids = [p.territory.pk for p in partners]
    stored = defaultdict(list)
    for value in IndicatorValue.objects.filter(indicator__cooperation=cooperation, territory_id__in=territory_ids):
        stored[value.indicator_id].append(Point(value.territory_id, value.year, value.value, value.origin))
    needs_registry = partners and any(indicator.registry_figure for indicator in indicators)
    registry = registry_points([p.territory for p in partners]) if needs_registry else {}
    blocks = []
    for indicator in indicators:
        points = registry.get(indicator.registry_figure, []) if indicator.registry_figure else stored[indicator.pk]
        block = _block(indicator, partners, points)
        block.bar_chart = indicator_charts.bars(block)
        block.line_chart = indicator_charts.lines(block)
        blocks.append(block)
    return partners, blocks


def _block(indicator, partners, points: list[Point]) -> Block:
    if indicator.territory_kind:  # an indicator for EPCI only compares the partners that are EPCI
        partners = [p for p in partners if p.territory.kind == indicator.territory_kind]
    by_key = {(p.territory_id, p.year): p for p in points}
    years = sorted({p.year for p in points})
    latest = years[-1] if years else None
    rows = []
    for partner in partners:
        point = by_key.get((partner.territory.pk, latest))
        value = point.value if point else None
        illustrative = bool(point and point.origin == ValueOrigin.ILLUSTRATIVE)
        rows.append(Row(partner.label, value, format_measure(value, indicator.unit), illustrative))
    present = [row.value for row in rows if row.value is not None]
    if indicator.target is not None:
        reference, reference_label = indicator.target, "Cible de la coopération"
    elif present:
        reference, reference_label = sum(present) / len(present), "Moyenne des partenaires"
    else:
        reference, reference_label = None, ""
    series = [
        (
            partner.label,
            [by_key[(partner.territory.pk, y)].value if (partner.territory.pk, y) in by_key else None for y in years],
        )
        for partner in partners
    ]
    illustrative = any(p.origin == ValueOrigin.ILLUSTRATIVE for p in points)
    block = Block(
        indicator=indicator,
        year=latest,
        rows=rows,
        reference=reference,
        reference_label=reference_label,
        reference_shown=format_measure(reference, indicator.unit),
        years=years,
        series=series,
        illustrative=illustrative,
        source_line=_source_line(indicator, latest),
    )
    block.partners = partners
    block.series_shown = [(label, [format_measure(v, indicator.unit) for v in values]) for label, values in series]
    return block


def _source_line(indicator, latest) -> str:
    source = indicator.source or "source non précisée"
    year = latest or indicator.year
    return f"Source : {source}" + (f", {year}" if year else "") + "."


def year_blocks(cooperation, year: int) -> list[Block]:
    """Every indicator with its values of one year only (the annual report's): bars by partner, no lines.

    Registry figures count when their millésime is that year; an indicator without a value that year is left out.
    """
    from . import indicator_charts

    partners = partner_territories(cooperation)
    indicators = list(cooperation.indicators.all())
    territory_ids = [p.territory.pk for p in partners]
    stored = defaultdict(list)
    values = IndicatorValue.objects.filter(
        indicator__cooperation=cooperation, territory_id__in=territory_ids, year=year
    )
    for value in values:
        stored[value.indicator_id].append(Point(value.territory_id, value.year, value.value, value.origin))
    needs_registry = partners and any(indicator.registry_figure for indicator in indicators)
    registry = registry_points([p.territory for p in partners]) if needs_registry else {}
    blocks = []
    for indicator in indicators:
        points = registry.get(indicator.registry_figure, []) if indicator.registry_figure else stored[indicator.pk]
        points = [point for point in points if point.year == year]
        if not points:
            continue
        block = _block(indicator, partners, points)
        block.bar_chart = indicator_charts.bars(block)
        blocks.append(block)
    return blocks
