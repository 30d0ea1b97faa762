"""Attendance by partner, and parity: does one partner convene the meetings?"""

from collections import Counter, defaultdict

from entente.core.french import pluralize_fr

from .health_figures import MAX_DETAILED, Figure, HealthContext, Link, Section, percent, percent_label

# --- attendance and parity -----------------------------------------------------------------------


def attendance_section(context: HealthContext) -> Section:
    records, thresholds = context.records, context.thresholds
    counts = records.attendances
    expected, present = Counter(counts.expected), Counter(counts.present)
    meetings = {meeting.pk: meeting for meeting in context.past_meetings}
    absent_at = defaultdict(list)
    known = [pair for pair in counts.absences if pair[0] in meetings]
    for meeting_id, partner_id in sorted(known, key=lambda pair: meetings[pair[0]].starts_at):
        absent_at[partner_id].append(meetings[meeting_id])
    figures, rows = [], []
    for partner in records.partners:
        if not expected[partner.pk]:
            continue
        rate = percent(present[partner.pk], expected[partner.pk])
        absences = len(absent_at[partner.pk])
        name = str(partner.organization)
        rows.append([name, str(expected[partner.pk]), str(present[partner.pk]), str(absences), percent_label(rate)])
        alert = rate < thresholds.attendance_min or absences >= thresholds.absences_max
        figures.append(
            Figure(
                key=f"attendance-{partner.pk}",
                title=name,
                value=percent_label(rate),
                sentence=(
                    # Worded without a participle: a partner's name may be feminine (« la Haute-Loire »).
                    f"{name} a siégé ou s'est fait représenter à {present[partner.pk]} réunion"
                    f"{'s' if present[partner.pk] > 1 else ''} sur {expected[partner.pk]}"
                    + (f" ; {pluralize_fr(absences, 'absence', 'absences')}." if absences else ".")
                ),
                alert=alert,
                threshold=f"au moins {thresholds.attendance_min} %, moins de {thresholds.absences_max} absences",
                links=[context.meeting_link(m) for m in absent_at[partner.pk][-MAX_DETAILED:]],
            )
        )
    figures.append(_parity_figure(context))
    return Section(
        key="presence",
        title="Présence des partenaires et parité",
        explanation="Un partenaire est compté présent à une réunion quand l'un de ses sièges est présent ou "
        "représenté ; les réunions sans feuille de présence ne comptent pas. La parité regarde qui "
        "convoque les réunions : un seul partenaire porte-t-il la coopération ?",
        figures=figures,
        table={
            "caption": "Présence par partenaire",
            "headers": ["Partenaire", "Réunions attendues", "Présent", "Absences", "Taux de présence"],
            "rows": rows,
        },
    )


def _no_convener_sentence(context: HealthContext) -> str:
    held = len(context.past_meetings)
    if not held:
        return f"Aucune réunion tenue {context.period.in_words} : la parité ne se mesure pas encore."
    if held == 1:
        return (
            f"La réunion tenue {context.period.in_words} ne nomme pas de partenaire qui la convoque : "
            "la parité ne se mesure pas."
        )
    return (
        f"Les {held} réunions tenues {context.period.in_words} ne nomment pas de partenaire qui les convoque "
        ": la parité ne se mesure pas."
    )


def _parity_figure(context: HealthContext) -> Figure:
    conveners = Counter()
    for meeting in context.past_meetings:
        convener = context.roles[meeting.pk].convener
        if convener is not None:
            conveners[convener.pk] += 1
    total = sum(conveners.values())
    maximum = context.thresholds.host_share_max
    if not total:
        return Figure(
            key="parity",
            title="Réunions convoquées par partenaire",
            value="—",
            sentence=_no_convener_sentence(context),
        )
    partner_id, count = conveners.most_common(1)[0]
    share = percent(count, total)
    name = context.partner_name(partner_id)
    return Figure(
        key="parity",
        title="Part des réunions convoquées par un même partenaire",
        value=percent_label(share),
        sentence=(
            f"{name} a convoqué {count} des {total} réunions {context.period.in_words} ({share} %)."
            if total > 1
            else f"{name} a convoqué la seule réunion tenue {context.period.in_words}."
        ),
        alert=len(context.partners) > 1 and total > 1 and share > maximum,
        threshold=f"au plus {maximum} %",
        links=[Link("Instances de la coopération", context.url("governance:bodies"))],
    )
