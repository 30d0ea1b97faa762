"""Breadth of participation: partners active in workshops, actions and bodies; members who never
took part."""

from django.urls import reverse

from entente.core.formatting import format_list
from entente.core.french import pluralize_fr

from .health_figures import Figure, HealthContext, Link, Section

# --- breadth -------------------------------------------------------------------------------------


def breadth_section(context: HealthContext) -> Section:
    records = context.records
    by_organization = {partner.organization_id: partner.pk for partner in records.partners}
    in_workshops = {w["host_id"] for w in records.workshops if w["host_id"]}
    in_workshops |= {by_organization[org] for _w, org in records.workshop_organizations if org in by_organization}
    in_actions = {a["lead_id"] for a in records.actions if a["lead_id"]}
    in_actions |= {partner_id for _a, partner_id in records.action_participants}
    attended = {partner_id for partner_id, count in records.attendances.present.items() if count}
    # What other apps count (a "Vis ma vie" exchange): a partner seen there took part too.
    contributed = [found.partner_ids for _contribution, found in context.contributed]
    rows, idle = [], []
    for partner in records.partners:
        marks = [partner.pk in in_workshops, partner.pk in in_actions, partner.pk in attended]
        marks += [partner.pk in partner_ids for partner_ids in contributed]
        rows.append([str(partner.organization), *("oui" if mark else "non" for mark in marks)])
        if not any(marks):
            idle.append(str(partner.organization))
    active = len(records.partners) - len(idle)
    activities = ["un atelier", "une action", "une réunion", *(c.activity for c, _found in context.contributed)]
    sentence = (
        f"{active} partenaire{'s' if active > 1 else ''} sur {len(records.partners)} "
        f"{'ont' if active > 1 else 'a'} pris part à {format_list(activities, 'ou')} "
        f"{context.period.in_words}" + (f" ; sans aucune participation : {', '.join(idle)}." if idle else ".")
    )
    # Without any attendance sheet, "took no part" would be a guess about the meetings: say so instead.
    measured = records.attendances.recorded or not context.past_meetings
    if not measured:
        sentence = (
            f"Aucune feuille de présence n'est saisie {context.period.in_words} : la participation aux "
            f"{len(context.past_meetings)} réunions tenues ne peut pas être mesurée. " + sentence
        )
    figures = [
        Figure(
            key="breadth-partners",
            title="Partenaires actifs",
            value=f"{active} / {len(records.partners)}",
            sentence=sentence,
            alert=bool(idle) and measured,
            links=[Link("Partenaires", reverse("cooperations:partners", args=[context.slug]))],
        )
    ]
    silent = [m for m in records.memberships if m.user_id not in records.active_user_ids]
    names = [m.user.public_name for m in silent]
    deeds = [
        "assisté à une réunion",
        "rejoint un atelier",
        "été référent d'une action",
        "porté une suite",
        *(f"pris part à {c.activity}" for c, _found in context.contributed if c.took_part is not None),
    ]
    figures.append(
        Figure(
            key="breadth-members",
            title="Membres qui n'ont jamais pris part",
            value=str(len(silent)),
            sentence=(
                f"{pluralize_fr(len(silent), 'membre')} de la coopération n'{'ont' if len(silent) > 1 else 'a'} "
                f"jamais {format_list(deeds, 'ni')} : {', '.join(names)}."
                if silent
                else "Chaque membre de la coopération a pris part au moins une fois."
            ),
            alert=bool(silent),
            links=[Link("Membres", reverse("cooperations:members", args=[context.slug]))],
        )
    )
    figures += [found.figure for _contribution, found in context.contributed]
    explanation = (
        "Les partenaires présents dans les ateliers (organisateur ou participant), les actions (chef de "
        "file ou participant) et les instances (présent à une réunion) ; les membres, depuis le début, "
        "qui n'ont jamais pris part à rien."
    )
    explanation = " ".join([explanation, *(c.explanation for c, _found in context.contributed)])
    return Section(
        key="ampleur",
        title="Ampleur de la participation",
        explanation=explanation,
        figures=figures,
        table={
            "caption": "Participation par partenaire",
            "headers": ["Partenaire", "Ateliers", "Actions", "Instances", *(c.column for c, _f in context.contributed)],
            "rows": rows,
        },
    )
