"""Decisions followed up: share done, share late, median delay, oldest open follow-up."""

from collections import Counter

from entente.core.french import plural_form, pluralize_fr
from entente.governance import decision_states
from entente.governance.decision_models import FollowUpStatus

from .health_figures import Figure, HealthContext, Link, Section, percent, percent_label, weighted_median

# --- decisions followed up -----------------------------------------------------------------------


def followups_section(context: HealthContext) -> Section:
    records, thresholds, today = context.records, context.thresholds, context.records.today
    counts = records.followups
    states, due_count, done_due_count, kept_count = Counter(), 0, 0, 0
    for status, due_on, n in counts.by_status_and_due:
        states[decision_states.followup_state(status, due_on, today)] += n
        if status == FollowUpStatus.DROPPED:
            continue
        kept_count += n
        if due_on < today:
            due_count += n
            done_due_count += n if status == FollowUpStatus.DONE else 0
    done_share = percent(done_due_count, due_count)
    late_share = percent(states["en_retard"], kept_count)
    delays = sorted(((closed_on - decided_on).days, n) for closed_on, decided_on, n in counts.done_delays)
    delay_count = sum(n for _days, n in delays)
    median = weighted_median(delays)
    year_query = f"year={context.period.year}&" if context.period.year else ""
    register = context.url("governance:register")
    figures = [
        Figure(
            key="followups-done",
            title="Suites échues réalisées",
            value=percent_label(done_share),
            sentence=(
                f"{pluralize_fr(done_due_count, 'suite à donner réalisée', 'suites à donner réalisées')} sur "
                f"{due_count} {plural_form(due_count, 'arrivée', 'arrivées')} à échéance "
                f"(décisions prises {context.period.in_words})."
                if due_count
                else "Aucune suite à donner n'est encore arrivée à échéance "
                f"(décisions prises {context.period.in_words})."
            ),
            alert=done_share is not None and done_share < thresholds.followups_done_min,
            threshold=f"au moins {thresholds.followups_done_min} %",
            links=[Link("Décisions dont les suites sont soldées", f"{register}?{year_query}followups=soldees")],
        ),
        Figure(
            key="followups-late",
            title="Suites en retard",
            value=percent_label(late_share),
            sentence=f"{pluralize_fr(states['en_retard'], 'suite à donner', 'suites à donner')} en retard "
            f"sur {kept_count} ({percent_label(late_share)}).",
            alert=late_share is not None and late_share > thresholds.followups_late_max,
            threshold=f"au plus {thresholds.followups_late_max} %",
            links=[Link("Décisions dont une suite est en retard", f"{register}?{year_query}followups=en_retard")],
        ),
        Figure(
            key="followups-delay",
            title="Délai médian de réalisation",
            value="—" if median is None else pluralize_fr(median, "jour"),
            sentence=(
                f"En médiane, une suite est réalisée {pluralize_fr(median, 'jour')} après sa décision "
                f"({pluralize_fr(delay_count, 'suite réalisée', 'suites réalisées')})."
                if median is not None
                else "Aucune suite à donner n'est encore réalisée."
            ),
            alert=median is not None and median > thresholds.followup_delay_max_days,
            threshold=f"au plus {thresholds.followup_delay_max_days} jours",
        ),
    ]
    if counts.oldest_open:
        oldest = counts.oldest_open
        age = (today - oldest["decision__decided_on"]).days
        reference = f"D{oldest['decision__decided_on']:%Y}-{oldest['decision__number']:04d}"
        figures.append(
            Figure(
                key="followups-oldest",
                title="Plus ancienne suite ouverte",
                value=pluralize_fr(age, "jour"),
                sentence=f"La plus ancienne suite encore ouverte, « {oldest['title']} », découle de la décision "
                f"{reference} du {oldest['decision__decided_on']:%d/%m/%Y} ({pluralize_fr(age, 'jour')}).",
                alert=oldest["due_on"] < today,
                links=[Link(f"Décision {reference}", context.url("governance:decision", oldest["decision_id"]))],
            )
        )
    rows = [
        [decision_states.FOLLOWUP_STATE_LABELS[state], str(states[state])]
        for state in decision_states.FOLLOWUP_STATE_LABELS
    ]
    return Section(
        key="suivi",
        title="Suivi des décisions",
        explanation="Les suites à donner des décisions prises sur la période : part réalisée parmi celles arrivées "
        "à échéance, part en retard, délai médian entre la décision et la réalisation, plus ancienne "
        "suite encore ouverte. Les suites abandonnées ne comptent pas.",
        figures=figures,
        table={"caption": "Suites à donner par état", "headers": ["État", "Nombre"], "rows": rows},
    )
