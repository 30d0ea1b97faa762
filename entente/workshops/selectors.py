"""Reads: results of a workshop (aggregates only), the portfolio's view of pistes, arbitrations with their decisions.

Aggregation, in a constant number of queries whatever the number of pistes:
- one GROUP BY over the scores per (piste, criterion, value, evaluator's organization): a few
  thousand rows at most, from which Python derives count, mean, median and spread (exact,
  because values are small integers) and each partner's home bias;
- one GROUP BY per participant for the participation rates.

Merged pistes: a piste merged into another keeps its scores. The combined piste is scored,
per criterion, by each participant's mean over the pistes of the group (so someone who scored
two duplicates counts once, with the mean of their two values); statistics are then taken
over participants. This rule is shown on the results page.

Weighted overall score: each criterion's mean is brought to 0–1 over its scale
((mean − min) / (max − min)), then averaged with the criteria weights, ×100. Pistes without
any score have no overall score and no rank. Ties share a rank (1, 2, 2, 4).

Priority matrix: value = weighted normalised mean of the "valeur" criteria, feasibility = the
same for "faisabilité" criteria; each axis is "fort" from the workshop's threshold (50 out of 100
by default), a piste exactly at the threshold counting as strong or not as the workshop says
(see MatrixBounds).

Anonymity: no function here returns who gave which score. When a workshop is anonymous, the
per-partner breakdown hides any partner with fewer than K_ANONYMITY evaluators, since a
partner of one person would otherwise reveal that person's scores; while fewer than
K_ANONYMITY people have scored at all, no per-piste figure is shown; and a piste's criterion
scored by fewer than K_ANONYMITY people shows its count only (no mean, median or spread, and
it does not enter the overall score until enough people have scored it).
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from . import hooks
from .models import Axis, BoundRule, Criterion, Idea, Participant, Score, Workshop

K_ANONYMITY = 3
RESULT_IDEA_FIELDS = [
    "id",
    "workshop_id",
    "title",
    "organization_id",
    "organization__name",
    "merged_into_id",
    "arbitration_status",
    "arbitration_reason",
    "origin",
    "origin_label",
]


def _fetch(sql: str, params: list) -> list[tuple]:
    """The aggregate queries bypass the ORM's per-row conversion: thousands of plain tuples."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Quadrant:
    ENGAGE = "a_engager"
    STRUCTURING = "structurants"
    QUICK_WINS = "gains_rapides"
    DROP = "a_ecarter"
    LABELS = {
        ENGAGE: "À engager tout de suite",
        STRUCTURING: "Projets structurants",
        QUICK_WINS: "Gains rapides à confirmer",
        DROP: "À écarter ou reporter",
    }
    HINTS = {
        ENGAGE: "forte plus-value, faisable à court terme",
        STRUCTURING: "forte plus-value, faisabilité à construire",
        QUICK_WINS: "plus-value modeste, faisable vite",
        DROP: "plus-value modeste, difficile à court terme",
    }
    ORDER = [ENGAGE, STRUCTURING, QUICK_WINS, DROP]


@dataclass(frozen=True)
class MatrixBounds:
    """Where the quadrants of the priority matrix begin, on 0–100, and the side a piste exactly on a bound takes."""

    value: int = 50
    feasibility: int = 50
    strict: bool = False  # True: strong only strictly above the bound (>); False: from the bound (≥)

    @classmethod
    def of(cls, workshop) -> "MatrixBounds":
        return cls(workshop.value_threshold, workshop.feasibility_threshold, workshop.bound_rule == BoundRule.ABOVE)

    def strong(self, score: float, threshold: int) -> bool:
        # Scores are means of small integers brought to 0–1: rounding keeps 0.5 × 100 exactly 50.
        points = round(score * 100, 6)
        return points > threshold if self.strict else points >= threshold

    def quadrant(self, value, feasibility) -> str | None:
        if value is None or feasibility is None:
            return None
        feasible = self.strong(feasibility, self.feasibility)
        if self.strong(value, self.value):
            return Quadrant.ENGAGE if feasible else Quadrant.STRUCTURING
        return Quadrant.QUICK_WINS if feasible else Quadrant.DROP

    @property
    def x(self) -> float:  # the vertical line of the drawing, in the coordinates of IdeaResult.x
        return round(5 + 0.9 * self.feasibility, 2)

    @property
    def y(self) -> float:
        return round(95 - 0.9 * self.value, 2)


@dataclass
class CriterionStats:
    count: int = 0
    mean: float | None = None
    median: float | None = None
    spread: float | None = None  # population standard deviation: the disagreement
    normalized: float | None = None


def stats_from_histogram(histogram: dict[float, int], criterion: Criterion) -> CriterionStats:
    count = sum(histogram.values())
    if not count:
        return CriterionStats()
    mean = sum(value * n for value, n in histogram.items()) / count
    variance = sum(n * (value - mean) ** 2 for value, n in histogram.items()) / count
    return CriterionStats(
        count=count,
        mean=mean,
        median=_median_from_histogram(histogram, count),
        spread=math.sqrt(variance),
        normalized=criterion.normalize(mean),
    )


def _median_from_histogram(histogram: dict[float, int], count: int) -> float:
    middle = [(count - 1) // 2, count // 2]
    found, seen = [], 0
    for value in sorted(histogram):
        upper = seen + histogram[value]
        found.extend(value for position in middle if seen <= position < upper)
        seen = upper
    return sum(found) / len(found)


@dataclass
class IdeaResult:
    idea: Idea
    stats: dict[int, CriterionStats]
    overall: float | None = None
    rank: int | None = None
    value: float | None = None
    feasibility: float | None = None
    quadrant: str | None = None
    sources: list[Idea] = field(default_factory=list)
    cells: list[CriterionStats] = field(default_factory=list)  # stats in the grid's order

    @property
    def x(self) -> float:  # position in the matrix drawing, 0–100
        return round(5 + 90 * (self.feasibility or 0), 2)

    @property
    def y(self) -> float:
        return round(95 - 90 * (self.value or 0), 2)

    @property
    def quadrant_label(self) -> str:
        return Quadrant.LABELS.get(self.quadrant, "")

    def stats_list(self, criteria):
        return [self.stats.get(c.pk, CriterionStats()) for c in criteria]


@dataclass
class PartnerBias:
    organization: str
    own_score: float | None
    others_score: float | None
    own_count: int
    others_count: int
    evaluators: int
    hidden: bool = False

    @property
    def difference(self) -> float | None:
        if self.own_score is None or self.others_score is None:
            return None
        return self.own_score - self.others_score


@dataclass
class PartnerParticipation:
    organization: str
    participants: int = 0
    active: int = 0
    complete: int = 0
    scores: int = 0
    expected: int = 0

    @property
    def rate(self) -> float | None:
        return 100 * self.active / self.participants if self.participants else None

    @property
    def completion(self) -> float | None:
        return 100 * min(self.scores, self.expected) / self.expected if self.expected else None


@dataclass
class WorkshopResults:
    workshop: Workshop
    criteria: list[Criterion]
    ranked: list[IdeaResult]
    unscored: list[IdeaResult]
    bias: list[PartnerBias]
    participation: list[PartnerParticipation]
    has_matrix: bool
    merged_groups: int = 0
    masked: bool = False  # anonymous workshop with too few evaluators to show any score
    bounds: MatrixBounds = field(default_factory=MatrixBounds)

    @property
    def all_ideas(self) -> list[IdeaResult]:
        return self.ranked + self.unscored

    def most_disputed(self, limit: int = 5) -> list[tuple[IdeaResult, float]]:
        """The pistes on which evaluators disagree most (largest spread on a criterion): to discuss first."""
        disputed = []
        for result in self.ranked:
            spreads = [stats.spread for stats in result.cells if stats.spread is not None and stats.count >= 2]
            if spreads:
                disputed.append((result, max(spreads)))
        disputed.sort(key=lambda pair: (-pair[1], pair[0].rank or 0))
        return [pair for pair in disputed[:limit] if pair[1] > 0]

    def quadrants(self):
        for code in Quadrant.ORDER:
            yield code, Quadrant.LABELS[code], Quadrant.HINTS[code], [r for r in self.ranked if r.quadrant == code]


def _weighted(criteria: list[Criterion], stats: dict[int, CriterionStats], axis: str | None = None):
    total = weights = 0.0
    for criterion in criteria:
        if axis is not None and criterion.axis != axis:
            continue
        normalized = stats.get(criterion.pk, CriterionStats()).normalized
        if normalized is not None:
            total += float(criterion.weight) * normalized
            weights += float(criterion.weight)
    return total / weights if weights else None


def _rank(results: list[IdeaResult]) -> None:
    results.sort(key=lambda r: (-r.overall, r.idea.title.lower(), r.idea.pk))
    previous, rank = None, 0
    for position, result in enumerate(results, start=1):
        key = round(result.overall, 9)
        if key != previous:
            rank, previous = position, key
        result.rank = rank


def workshop_results(workshop: Workshop) -> WorkshopResults:
    criteria = list(Criterion.objects.filter(grid_id=workshop.grid_id))
    ideas = list(
        Idea.objects.filter(workshop=workshop).select_related("organization").order_by("pk").only(*RESULT_IDEA_FIELDS)
    )
    active = [idea for idea in ideas if idea.merged_into_id is None]
    group_of = {idea.pk: idea.merged_into_id or idea.pk for idea in ideas}
    sources = defaultdict(list)
    for idea in ideas:
        if idea.merged_into_id:
            sources[idea.merged_into_id].append(idea)
    merged_members = {pk for pk, target in group_of.items() if target in sources}
    idea_organization = {idea.pk: idea.organization_id for idea in ideas}

    rows = _fetch(
        "SELECT idea_id, criterion_id, value, evaluator_organization_id, COUNT(*) FROM workshops_score "
        "WHERE workshop_id = %s GROUP BY idea_id, criterion_id, value, evaluator_organization_id",
        [workshop.pk],
    )
    histograms = defaultdict(lambda: defaultdict(int))
    home = defaultdict(lambda: [0, 0, 0, 0])  # (org, criterion) -> own sum, own n, other sum, other n
    for idea_id, criterion_id, value, organization_id, n in rows:
        if idea_id not in merged_members:
            histograms[(idea_id, criterion_id)][value] += n
        cell = home[(organization_id, criterion_id)]
        own = organization_id is not None and idea_organization.get(idea_id) == organization_id
        cell[0 if own else 2] += value * n
        cell[1 if own else 3] += n
    if merged_members:
        _merged_histograms(merged_members, group_of, histograms)

    criteria_by_pk = {c.pk: c for c in criteria}
    bounds = MatrixBounds.of(workshop)
    results, unscored = [], []
    for idea in active:
        stats = {
            criterion_id: stats_from_histogram(histograms[(idea.pk, criterion_id)], criterion)
            for criterion_id, criterion in criteria_by_pk.items()
        }
        if workshop.anonymous:  # a mean of one or two scores is someone's score: count only
            stats = {cid: s if s.count >= K_ANONYMITY else CriterionStats(count=s.count) for cid, s in stats.items()}
        result = IdeaResult(
            idea=idea,
            stats=stats,
            overall=_weighted(criteria, stats),
            sources=sources.get(idea.pk, []),
            cells=[stats[c.pk] for c in criteria],
        )
        if result.overall is not None:
            result.overall *= 100
        result.value = _weighted(criteria, stats, Axis.VALUE)
        result.feasibility = _weighted(criteria, stats, Axis.FEASIBILITY)
        result.quadrant = bounds.quadrant(result.value, result.feasibility)
        (results if result.overall is not None else unscored).append(result)
    _rank(results)
    participation, evaluators, names = participation_by_partner(workshop, len(active) * len(criteria))
    masked = workshop.anonymous and 0 < sum(evaluators.values()) < K_ANONYMITY
    if masked:  # with one or two evaluators, every figure would be someone's own score
        unscored = [
            IdeaResult(idea=r.idea, stats={}, sources=r.sources, cells=[CriterionStats() for _ in criteria])
            for r in results + unscored
        ]
        unscored.sort(key=lambda r: r.idea.pk)
        results = []
    return WorkshopResults(
        workshop=workshop,
        criteria=criteria,
        ranked=results,
        unscored=unscored,
        bias=_bias(workshop, criteria, home, evaluators, names),
        participation=participation,
        has_matrix=any(c.axis == Axis.VALUE for c in criteria) and any(c.axis == Axis.FEASIBILITY for c in criteria),
        merged_groups=len(sources),
        masked=masked,
        bounds=bounds,
    )


def _merged_histograms(members: set[int], group_of: dict[int, int], histograms) -> None:
    per_participant = defaultdict(list)
    scores = Score.objects.filter(idea_id__in=members).values_list("idea_id", "criterion_id", "participant_id", "value")
    for idea_id, criterion_id, participant_id, value in scores:
        per_participant[(group_of[idea_id], criterion_id, participant_id)].append(value)
    for (group, criterion_id, _participant), values in per_participant.items():
        histograms[(group, criterion_id)][sum(values) / len(values)] += 1


def _bias(workshop, criteria, home, evaluators, names) -> list[PartnerBias]:
    organizations = {organization for organization, _criterion in home}
    bias = []
    for organization in sorted(organizations, key=lambda o: names.get(o, "")):
        own_stats, other_stats, own_n, other_n = {}, {}, 0, 0
        for criterion in criteria:
            own_sum, own_count, other_sum, other_count = home.get((organization, criterion.pk), (0, 0, 0, 0))
            own_stats[criterion.pk] = _mean_stats(own_sum, own_count, criterion)
            other_stats[criterion.pk] = _mean_stats(other_sum, other_count, criterion)
            own_n, other_n = own_n + own_count, other_n + other_count
        hidden = workshop.anonymous and evaluators.get(organization, 0) < K_ANONYMITY
        own, others = _weighted(criteria, own_stats), _weighted(criteria, other_stats)
        bias.append(
            PartnerBias(
                organization=names.get(organization, "Sans organisation"),
                own_score=None if hidden or own is None else own * 100,
                others_score=None if hidden or others is None else others * 100,
                own_count=0 if hidden else own_n,
                others_count=0 if hidden else other_n,
                evaluators=evaluators.get(organization, 0),
                hidden=hidden,
            )
        )
    return bias


def _mean_stats(total, count, criterion) -> CriterionStats:
    if not count:
        return CriterionStats()
    mean = total / count
    return CriterionStats(count=count, mean=mean, normalized=criterion.normalize(mean))


def participation_by_partner(workshop, expected_per_participant):
    counts = dict(
        _fetch(
            "SELECT participant_id, COUNT(*) FROM workshops_score WHERE workshop_id = %s GROUP BY participant_id",
            [workshop.pk],
        )
    )
    participants = Participant.objects.filter(workshop=workshop).values_list(
        "pk", "organization_id", "organization__name", "revoked_at"
    )
    by_partner, evaluators, names = {}, defaultdict(int), {}
    for pk, organization_id, name, revoked_at in participants:
        names[organization_id] = name or "Sans organisation"
        if revoked_at is not None:
            continue
        scores = counts.get(pk, 0)
        entry = by_partner.setdefault(organization_id, PartnerParticipation(organization=name or "Sans organisation"))
        entry.participants += 1
        entry.scores += min(scores, expected_per_participant)
        entry.expected += expected_per_participant
        if scores:
            entry.active += 1
            evaluators[organization_id] += 1
        if expected_per_participant and scores >= expected_per_participant:
            entry.complete += 1
    return sorted(by_partner.values(), key=lambda p: p.organization), evaluators, names


def idea_evaluation(idea_ids) -> dict[int, dict]:
    """For the portfolio: each piste's overall score, rank, workshop and arbitration status."""
    ideas = list(Idea.objects.filter(pk__in=list(idea_ids)).select_related("workshop"))
    answer = {}
    by_workshop = defaultdict(list)
    for idea in ideas:
        by_workshop[idea.workshop_id].append(idea)
    for members in by_workshop.values():
        workshop = members[0].workshop
        results = {r.idea.pk: r for r in workshop_results(workshop).all_ideas}
        for idea in members:
            result = results.get(idea.merged_into_id or idea.pk)
            answer[idea.pk] = {
                "overall": result.overall if result else None,
                "rank": result.rank if result else None,
                "workshop": workshop.title,
                "status": idea.arbitration_status,
            }
    return answer


def with_decision_links(arbitrations) -> list:
    """Each arbitration with `decision_link` (reference, url) when a body recorded it as a decision."""
    arbitrations = list(arbitrations)
    recorder = hooks.arbitration_recorder()
    links = recorder.decision_links(arbitrations) if recorder else {}
    for arbitration in arbitrations:
        arbitration.decision_link = links.get(arbitration.pk)
    return arbitrations
