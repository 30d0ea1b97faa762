"""Results of a maturity campaign: per threshold, per partner, the change since the previous campaign.

Everything comes from one query over the answers (and one over the partners' names), whatever their
number. In an anonymous campaign a figure drawn from fewer than three answers is not shown: per
threshold, per partner (the partners with too few answers are pooled, and when the pool itself is
too small the smallest shown partner joins it, so that no subtraction gives a hidden figure back),
and for the comments.
"""

import hashlib
from dataclasses import dataclass, field

from entente.cooperations.models import Partnership

from .maturity_models import MaturityCampaign, MaturityResponse
from .maturity_thresholds import LEVEL_WEIGHT, THRESHOLDS, MaturityLevel

MIN_ANSWERS = 3
POOLED_LABEL = "Autres partenaires (moins de 3 réponses chacun)"
NO_PARTNER_LABEL = "Sans partenaire"
UNTIL_CLOSE_NOTICE = (
    "Campagne anonyme en cours : les résultats s'afficheront à sa clôture, "
    "pour que personne ne puisse déduire la réponse d'un collègue en comparant deux consultations."
)
TOO_FEW_NOTICE = (
    f"Campagne anonyme : les résultats s'affichent à partir de {MIN_ANSWERS} réponses, "
    "pour que personne ne puisse reconnaître une réponse."
)


@dataclass
class ThresholdResult:
    code: str
    label: str
    short: str
    counts: dict  # level -> count
    score: float | None  # percent of crossing, None when hidden
    previous: float | None = None

    @property
    def change(self) -> float | None:
        if self.score is None or self.previous is None:
            return None
        return round(self.score - self.previous, 1)


@dataclass
class PartnerResult:
    label: str
    answers: int
    score: float | None
    pooled: bool = False
    pk: int | None = None


@dataclass
class Comment:
    threshold: str
    text: str
    author: str = ""


@dataclass
class CampaignResults:
    campaign: MaturityCampaign
    answers: int
    shown: bool  # False: an anonymous campaign with fewer than three answers, or still open
    # An anonymous campaign still open shows no figure: whoever looked before and after a colleague
    # answered would read that colleague's answer in the difference.
    until_close: bool = False
    thresholds: list[ThresholdResult] = field(default_factory=list)
    partners: list[PartnerResult] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    previous: MaturityCampaign | None = None
    overall: float | None = None
    previous_overall: float | None = None

    @property
    def notice(self) -> str:
        """Why no figure is shown, in French ("" when they are)."""
        if self.shown:
            return ""
        return UNTIL_CLOSE_NOTICE if self.until_close else TOO_FEW_NOTICE


# Plain strings as keys: a level read from JSON needs no conversion to its TextChoices member.
WEIGHTS = {str(level): weight for level, weight in LEVEL_WEIGHT.items()}


def _percent(total: int, count: int) -> float | None:
    return round(100 * total / (2 * count), 1) if count else None


def _weights(ratings_list) -> tuple[int, int]:
    """(sum of the levels' weights, number of levels) over answers' ratings."""
    total = count = 0
    for ratings in ratings_list:
        for level in ratings.values():
            total += WEIGHTS.get(level, 0)
            count += 1
    return total, count


def _rows(campaign):
    return list(
        MaturityResponse.objects.filter(campaign=campaign).values_list(
            "ratings", "comments", "partner_id", "user__display_name", "user__email"
        )
    )


def previous_campaign(campaign) -> MaturityCampaign | None:
    return (
        MaturityCampaign.objects.filter(cooperation_id=campaign.cooperation_id, opened_at__lt=campaign.opened_at)
        .order_by("-opened_at")
        .first()
    )


def threshold_scores(rows, shown: bool) -> list[ThresholdResult]:
    counts = {t.code: dict.fromkeys(MaturityLevel.values, 0) for t in THRESHOLDS}
    for ratings, *_ in rows:
        for code, level in ratings.items():
            bucket = counts.get(code)
            if bucket is not None and level in bucket:
                bucket[level] += 1
    results = []
    for threshold in THRESHOLDS:
        bucket = counts[threshold.code]
        total = sum(WEIGHTS[level] * number for level, number in bucket.items())
        score = _percent(total, sum(bucket.values())) if shown else None
        shown_counts = bucket if shown else dict.fromkeys(MaturityLevel.values)
        results.append(ThresholdResult(threshold.code, threshold.label, threshold.short, shown_counts, score))
    return results


def overall_of(thresholds: list[ThresholdResult]) -> float | None:
    """The mean degree of crossing over every rating, from the thresholds' counts (no second pass)."""
    total = count = 0
    for threshold in thresholds:
        for level, number in threshold.counts.items():
            total += WEIGHTS[level] * (number or 0)
            count += number or 0
    return _percent(total, count)


def partner_scores(rows, names: dict, anonymous: bool) -> list[PartnerResult]:
    groups: dict = {}
    for ratings, _comments, partner_id, *_ in rows:
        groups.setdefault(partner_id, []).append(ratings)
    results = [
        PartnerResult(names.get(pk, NO_PARTNER_LABEL), len(group), _percent(*_weights(group)), pk=pk)
        for pk, group in groups.items()
    ]
    results.sort(key=lambda r: (-r.answers, r.label))
    if not anonymous:
        return results
    shown = [r for r in results if r.answers >= MIN_ANSWERS]
    pooled_groups = [r.pk for r in results if r.answers < MIN_ANSWERS]
    pooled = sum(len(groups[pk]) for pk in pooled_groups)
    while 0 < pooled < MIN_ANSWERS and shown:
        smallest = shown.pop()  # sorted by answers: the last shown is the smallest
        pooled += smallest.answers
        pooled_groups.append(smallest.pk)
    if pooled >= MIN_ANSWERS:
        pooled_weights = _weights(ratings for pk in pooled_groups for ratings in groups[pk])
        shown.append(PartnerResult(POOLED_LABEL, pooled, _percent(*pooled_weights), pooled=True))
    return shown


def comments_of(rows, anonymous: bool, shown: bool) -> list[Comment]:
    if not shown:
        return []
    labels = {t.code: t.label for t in THRESHOLDS}
    order = {t.code: index for index, t in enumerate(THRESHOLDS)}
    keyed = []
    for _ratings, texts, _partner, name, email in rows:
        for code, text in (texts or {}).items():
            author = "" if anonymous else (name or email or "")
            # Ordered by threshold, then by a hash of the text: never by who wrote it or when.
            sort_key = (order.get(code, 99), hashlib.sha256(text.encode()).hexdigest())
            keyed.append((sort_key, Comment(labels.get(code, code), text, author)))
    return [comment for _key, comment in sorted(keyed, key=lambda pair: pair[0])]


def campaign_results(campaign: MaturityCampaign, *, with_previous: bool = True) -> CampaignResults:
    rows = _rows(campaign)
    until_close = campaign.anonymous and campaign.is_open
    shown = not campaign.anonymous or (len(rows) >= MIN_ANSWERS and not until_close)
    names = dict(
        Partnership.objects.filter(cooperation_id=campaign.cooperation_id).values_list("pk", "organization__name")
    )
    thresholds = threshold_scores(rows, shown)
    results = CampaignResults(
        campaign=campaign,
        answers=len(rows),
        shown=shown,
        until_close=until_close,
        thresholds=thresholds,
        partners=partner_scores(rows, names, campaign.anonymous) if shown else [],
        comments=comments_of(rows, campaign.anonymous, shown),
        overall=overall_of(thresholds) if shown else None,
    )
    if with_previous:
        _add_previous(results)
    return results


def _add_previous(results: CampaignResults) -> None:
    previous = previous_campaign(results.campaign)
    if previous is None:
        return
    # Only the ratings: the previous campaign's comments and partners are not shown here.
    rows = [
        (ratings,) for ratings in MaturityResponse.objects.filter(campaign=previous).values_list("ratings", flat=True)
    ]
    if previous.anonymous and (previous.is_open or len(rows) < MIN_ANSWERS):
        return
    results.previous = previous
    previous = threshold_scores(rows, True)
    results.previous_overall = overall_of(previous)
    for mine, theirs in zip(results.thresholds, previous, strict=True):
        mine.previous = theirs.score
