"""Rotation of roles: who chaired, convened, held the secretariat and led actions, against each
body's rotation rule."""

from collections import Counter

from entente.governance.body_models import BodyRole, Rotation

from .health_figures import (
    MAX_DETAILED,
    Figure,
    HealthContext,
    Link,
    Section,
    capitalized,
    conjugated,
    has_not,
    local_day,
    of_the_name,
    the_name,
)

# --- rotation ------------------------------------------------------------------------------------


def rotation_section(context: HealthContext) -> Section:
    records = context.records
    chaired, convened, secretariats, led = Counter(), Counter(), Counter(), Counter()
    for meeting in context.past_meetings:
        roles = context.roles[meeting.pk]
        if roles.chair is not None:
            chaired[roles.chair.pk] += 1
        if roles.convener is not None:
            convened[roles.convener.pk] += 1
    for body in records.bodies:
        for seat in body.members.all():
            if seat.role == BodyRole.SECRETARY and seat.partner_id:
                secretariats[seat.partner_id] += 1
    for action in records.actions:
        if action.get("lead_id"):
            led[action["lead_id"]] += 1
    figures = [_rotation_figure(context, body) for body in records.bodies]
    rows = [
        [str(p.organization), str(chaired[p.pk]), str(convened[p.pk]), str(secretariats[p.pk]), str(led[p.pk])]
        for p in records.partners
    ]
    return Section(
        key="rotation",
        title="Rotation des rôles",
        explanation="Qui préside, qui convoque (et accueille), qui tient le secrétariat, qui pilote les actions ; "
        "comparé à la règle de rotation de chaque instance. Une dérogation est une réunion dont la "
        "convocation ou la présidence s'écarte de la règle, avec son motif.",
        figures=[figure for figure in figures if figure],
        table={
            "caption": "Rôles tenus par partenaire",
            "headers": ["Partenaire", "Présidences", "Convocations", "Secrétariats d'instance", "Actions pilotées"],
            "rows": rows,
        },
    )


def _rotation_figure(context: HealthContext, body) -> Figure | None:
    meetings = [m for m in context.past_meetings if m.body_id == body.pk]
    body_url = context.url("governance:body", body.pk)
    if body.rotation == Rotation.FIXED:
        if not meetings:
            return None
        return Figure(
            key=f"rotation-{body.pk}",
            title=body.name,
            value="Sans rotation",
            sentence=f"{capitalized(the_name(body.name))} {has_not(body.name)} pas de règle de "
            f"rotation : {conjugated(body.name, 'ses', 'leurs')} officiers convoquent et président.",
            links=[Link(f"Voir {the_name(body.name)}", body_url)],
        )
    slots = list(body.rotation_slots.all())
    if not slots:
        return Figure(
            key=f"rotation-{body.pk}",
            title=body.name,
            value="Ordre de rotation vide",
            alert=True,
            sentence=f"{capitalized(the_name(body.name))} {conjugated(body.name, 'doit', 'doivent')} tourner "
            f"({body.get_rotation_display().lower()}) "
            f"mais aucun ordre de rotation n'est saisi.",
            links=[Link("Saisir l'ordre de rotation", context.url("governance:body_rotation", body.pk))],
        )
    overridden = [
        m for m in meetings if context.roles[m.pk].convener_overridden or context.roles[m.pk].chair_overridden
    ]
    followed = len(meetings) - len(overridden)
    sentence = (
        f"La rotation {of_the_name(body.name)} ({body.get_rotation_display().lower()}) a été suivie pour "
        f"{followed} réunion{'s' if followed > 1 else ''} sur {len(meetings)}"
    )
    sentence += (
        "."
        if not overridden
        else " ; dérogation"
        + ("s" if len(overridden) > 1 else "")
        + " : "
        + "; ".join(f"{local_day(m.starts_at):%d/%m/%Y} ({m.override_reason})" for m in overridden[-MAX_DETAILED:])
        + "."
    )
    return Figure(
        key=f"rotation-{body.pk}",
        title=body.name,
        value=f"{followed} / {len(meetings)}",
        sentence=sentence,
        links=[context.meeting_link(m) for m in overridden[-MAX_DETAILED:]]
        or [Link(f"Voir {the_name(body.name)}", body_url)],
    )
