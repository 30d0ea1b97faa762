"""Tabular views of a portfolio: CSV/XLSX rows, totals and progress by axis."""

import io
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from openpyxl import Workbook
from openpyxl.styles import Font

from entente.core.exports import neutralise

HEADER = [
    "Axe", "Chantier", "Action", "Statut", "Avancement (%)", "Chef de file", "Participants", "Début", "Fin",
    "Coût total (€)", "Financements extérieurs (€)", "Reste à charge (€)", "Clé de répartition", "Répartition",
]


def plan_of(action):
    try:
        return action.financing
    except ObjectDoesNotExist:
        return None


def _external(plan) -> Decimal:
    return sum((f.amount for f in plan.fundings.all()), start=Decimal("0.00"))


def row(action) -> list:
    plan = plan_of(action)
    external = _external(plan) if plan else None
    shares = "; ".join(f"{s.partnership.organization.name} : {s.amount} €" for s in plan.shares.all()) if plan else ""
    return [
        action.workstream.axis.title if action.workstream.axis_id else "", action.workstream.title, action.title,
        action.get_status_display(), action.progress, action.lead.organization.name if action.lead_id else "",
        ", ".join(p.organization.name for p in action.participants.all()),
        action.start_on.isoformat() if action.start_on else "", action.end_on.isoformat() if action.end_on else "",
        plan.total if plan else "", external if plan else "", (plan.total - external) if plan else "",
        plan.get_key_display() if plan else "", shares,
    ]


def rows(actions):
    return HEADER, [row(action) for action in actions]


def xlsx_bytes(cooperation, actions) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Portefeuille"
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for action in actions:
        sheet.append([float(v) if isinstance(v, Decimal) else neutralise(v) for v in row(action)])
    shares_sheet = workbook.create_sheet("Répartition")
    shares_sheet.append(["Action", "Partenaire", "Part (€)", "Calcul"])
    for cell in shares_sheet[1]:
        cell.font = Font(bold=True)
    for action in actions:
        plan = plan_of(action)
        for share in plan.shares.all() if plan else ():
            shares_sheet.append([neutralise(action.title), neutralise(share.partnership.organization.name),
                                 float(share.amount), neutralise(share.explanation)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def totals(actions) -> dict:
    total = external = Decimal("0.00")
    planned = 0
    for action in actions:
        plan = plan_of(action)
        if plan:
            planned += 1
            total += plan.total
            external += _external(plan)
    return {"total": total, "external": external, "remainder": total - external, "planned": planned,
            "count": len(actions)}


def progress_by_axis(actions) -> list[dict]:
    """Progress per axis; a cooperation organised in chantiers without axes gets one row per chantier."""
    axes = {}
    for action in actions:
        axis = action.workstream.axis
        key = ("axis", axis.pk) if axis else ("workstream", action.workstream_id)
        title = axis.title if axis else action.workstream.title
        entry = axes.setdefault(key, {"title": title, "actions": 0, "progress": 0, "done": 0, "committed": 0})
        entry["actions"] += 1
        entry["progress"] += action.progress
        entry["done"] += action.status == "realisee"
        entry["committed"] += action.status == "engagee"
    for entry in axes.values():
        entry["average"] = round(entry["progress"] / entry["actions"]) if entry["actions"] else 0
    return list(axes.values())


def summary(actions) -> dict:
    """The headline a steering committee reads first: actions by status, average progress, money."""
    from .models import ActionStatus

    counts = {value: 0 for value in ActionStatus.values}
    for action in actions:
        counts[action.status] += 1
    money = totals(actions)
    return {
        "count": len(actions),
        "by_status": [(label, counts[value]) for value, label in ActionStatus.choices if counts[value]],
        "average": round(sum(a.progress for a in actions) / len(actions)) if actions else 0,
        **{key: money[key] for key in ("total", "external", "remainder", "planned")},
    }
