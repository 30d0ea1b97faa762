"""Tabular views of a portfolio: CSV/XLSX rows, totals and progress by axis."""

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist

from entente.core.documents import Sheet
from entente.core.documents import xlsx_bytes as write_xlsx
from entente.core.formatting import format_money

from .models import ActionStatus, FundingSource

EUROS = '#,##0.00\\ "€"'

HEADER = [
    "Axe", "Chantier", "Action", "Statut", "Avancement (%)", "Chef de file", "Participants",
    "Partenaires extérieurs", "Finalités", "Début", "Fin", "Prochain jalon", "Échéance du jalon",
    "Coût total (€)", "État (€)", "Région (€)", "Europe (€)", "Autres financeurs (€)",
    "Financements extérieurs (€)", "Reste à charge (€)", "Clé de répartition", "Répartition",
]
MONEY_COLUMNS = {"Coût total (€)", "État (€)", "Région (€)", "Europe (€)", "Autres financeurs (€)",
                 "Financements extérieurs (€)", "Reste à charge (€)"}


def plan_of(action):
    try:
        return action.financing
    except ObjectDoesNotExist:
        return None


def _external(plan) -> Decimal:
    return sum((f.amount for f in plan.fundings.all()), start=Decimal("0.00"))


def _by_source(plan) -> list:
    if plan is None:
        return ["", "", "", ""]
    amounts = dict.fromkeys(FundingSource.values, Decimal("0.00"))
    for funding in plan.fundings.all():
        amounts[funding.source] += funding.amount
    return [amounts[source] for source in FundingSource.values]


def _next_milestone(action):
    pending = [m for m in action.milestones.all() if m.done_on is None]
    return min(pending, key=lambda m: (m.due_on, m.pk)) if pending else None


def row(action) -> list:
    plan = plan_of(action)
    external = _external(plan) if plan else None
    shares = "; ".join(f"{s.partnership.organization.name} : {format_money(s.amount)}" for s in plan.shares.all()) \
        if plan else ""
    milestone = _next_milestone(action)
    return [
        action.workstream.axis.title if action.workstream.axis_id else "", action.workstream.title, action.title,
        action.get_status_display(), action.progress, action.lead.organization.name if action.lead_id else "",
        ", ".join(p.organization.name for p in action.participants.all()),
        ", ".join(o.name for o in action.external_partners.all()),
        ", ".join(p.label for p in action.purposes.all()),
        action.start_on.isoformat() if action.start_on else "", action.end_on.isoformat() if action.end_on else "",
        milestone.title if milestone else "", milestone.due_on.isoformat() if milestone else "",
        plan.total if plan else "", *_by_source(plan), external if plan else "",
        (plan.total - external) if plan else "", plan.key_description if plan else "", shares,
    ]


def rows(actions):
    return HEADER, [row(action) for action in actions]


def csv_rows(actions):
    """Rows for a French spreadsheet: decimal comma (the separator is the semicolon)."""
    return HEADER, [[str(v).replace(".", ",") if isinstance(v, Decimal) else v for v in row(action)]
                    for action in actions]


def xlsx_bytes(cooperation, actions) -> bytes:
    money_columns = {index: EUROS for index, name in enumerate(HEADER, start=1) if name in MONEY_COLUMNS}
    portfolio = Sheet(
        title="Portefeuille",
        header=HEADER,
        rows=([float(v) if isinstance(v, Decimal) else v for v in row(action)] for action in actions),
        formats=money_columns,
        freeze="D2",
    )
    shares = Sheet(
        title="Répartition",
        header=["Action", "Partenaire", "Part (€)", "Calcul"],
        rows=_share_rows(actions),
        formats={3: EUROS},
        freeze=None,
    )
    return write_xlsx(portfolio, shares)


def _share_rows(actions):
    for action in actions:
        plan = plan_of(action)
        for share in plan.shares.all() if plan else ():
            yield [action.title, share.partnership.organization.name, float(share.amount), share.explanation]


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
        entry["done"] += action.status == ActionStatus.DONE
        entry["committed"] += action.status == ActionStatus.COMMITTED
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
