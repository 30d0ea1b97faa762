"""Exports of a campaign's results: aggregated only when it is anonymous (never one row per person)."""

from .maturity_results import CampaignResults
from .maturity_thresholds import MaturityLevel

HIDDEN = "masqué (moins de 3 réponses)"
HIDDEN_UNTIL_CLOSE = "masqué jusqu'à la clôture"


def results_table(results: CampaignResults) -> tuple[list[str], list[list]]:
    header = [
        "Rubrique",
        "Libellé",
        *[level.label for level in MaturityLevel],
        "Degré de franchissement (%)",
        "Campagne précédente (%)",
        "Réponses",
        "Commentaire",
    ]
    hidden = HIDDEN_UNTIL_CLOSE if results.until_close else HIDDEN

    def _figure(value):
        return hidden if value is None else value

    rows = []
    if results.notice:
        rows.append(["Information", results.notice, "", "", "", "", "", results.answers, ""])
    for threshold in results.thresholds:
        previous = "" if threshold.previous is None else threshold.previous
        counts = [_figure(threshold.counts[level]) for level in MaturityLevel.values]
        rows.append(["Seuil", threshold.label, *counts, _figure(threshold.score), previous, results.answers, ""])
    for partner in results.partners:
        rows.append(["Partenaire", partner.label, "", "", "", _figure(partner.score), "", partner.answers, ""])
    for comment in results.comments:
        label = f"{comment.threshold} — {comment.author}" if comment.author else comment.threshold
        rows.append(["Commentaire", label, "", "", "", "", "", "", comment.text])
    return header, rows
