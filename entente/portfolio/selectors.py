"""Reads of the portfolio: querysets with their joins, and views other apps rely on."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from entente.cooperations.models import PartnerRole, Partnership

from .models import Action, ActionLink, ActionStatus, Axis, FinancingPlan, FinancingShare, Milestone, Workstream


def portfolio_actions(cooperation):
    """Every action of a cooperation with what the list, board and exports show, in a fixed
    number of queries whatever the number of actions."""
    return (
        Action.objects.filter(cooperation=cooperation)
        .select_related("workstream__axis", "lead__organization", "financing__fixed_partner__organization")
        .prefetch_related(
            Prefetch("participants", queryset=Partnership.objects.select_related("organization")),
            "purposes", "source_ideas", "external_partners", "milestones",
            Prefetch("financing__shares", queryset=FinancingShare.objects.select_related("partnership__organization")),
            "financing__fundings",
        )
        .order_by("workstream__axis__position", "workstream__axis__pk", "workstream__position", "workstream__pk",
                  "position", "pk")
    )


def structure(cooperation):
    """Axes and workstreams of a cooperation, in order."""
    axes = list(Axis.objects.filter(cooperation=cooperation))
    workstreams = list(Workstream.objects.filter(cooperation=cooperation).select_related("axis", "lead__organization")
                       .annotate(action_count=Count("actions")))
    return axes, workstreams


def cooperation_links(cooperation):
    return list(
        ActionLink.objects.filter(source__cooperation=cooperation)
        .select_related("source__workstream", "target__workstream")
        .order_by("source__position", "source__pk", "target__pk")
    )


def partner_commitments(cooperation, organization) -> list[dict]:
    """What an organization has committed to in a cooperation: every action it leads or joins,
    with its role and its share of the financing (None when the action has no plan).

    Used by the agreements app to write a partner's annex.
    """
    actions = (
        Action.objects.filter(cooperation=cooperation)
        .filter(Q(lead__organization=organization) | Q(participants__organization=organization))
        .distinct()
        .select_related("workstream__axis", "lead", "financing")
        .prefetch_related(
            Prefetch("financing__shares", queryset=FinancingShare.objects.filter(
                partnership__organization=organization)),
        )
        .order_by("workstream__axis__position", "workstream__position", "position", "pk")
    )
    result = []
    for action in actions:
        share = _share_of(action)
        result.append({
            "action": action,
            "axis": action.workstream.axis.title if action.workstream.axis_id else "",
            "workstream": action.workstream.title,
            "role": "chef de file" if action.lead and action.lead.organization_id == organization.pk else "participant",
            "share": share.amount if share else None,
            "explanation": share.explanation if share else "",
        })
    return result


def _share_of(action):
    try:
        plan = action.financing
    except FinancingPlan.DoesNotExist:
        return None
    shares = list(plan.shares.all())
    return shares[0] if shares else None


def partner_actions(organization, cooperations):
    """Actions an organization leads or joins, across the given cooperations."""
    return (
        Action.objects.filter(cooperation__in=cooperations.values("pk"))
        .filter(Q(lead__organization=organization) | Q(participants__organization=organization))
        .distinct()
        .select_related("cooperation", "workstream__axis", "lead__organization", "financing")
        .prefetch_related(Prefetch("financing__shares", queryset=FinancingShare.objects.filter(
            partnership__organization=organization)))
        .order_by("cooperation__name", "workstream__position", "position", "pk")
    )


def total_contribution(actions) -> Decimal:
    total = Decimal("0.00")
    for action in actions:
        share = _share_of(action)
        if share:
            total += share.amount
    return total


def leadership(cooperation) -> dict:
    """How leadership is spread: actions and themes led per partner, who leads each theme, and the
    concentration the seeds warn against (each theme should be led by a different partner)."""
    partners = list(
        Partnership.objects.filter(cooperation=cooperation).select_related("organization")
        .order_by("organization__name")
    )
    actions = list(Action.objects.filter(cooperation=cooperation).values("lead_id", "status", "workstream_id"))
    workstreams = list(Workstream.objects.filter(cooperation=cooperation).select_related("axis")
                       .order_by("axis__position", "axis__pk", "position", "pk"))
    names = {p.pk: p.organization.name for p in partners}
    rows = []
    for partner in partners:
        led = [a for a in actions if a["lead_id"] == partner.pk]
        rows.append({
            "partner": partner,
            "actions": len(led),
            "active": sum(1 for a in led if a["status"] in (ActionStatus.COMMITTED, ActionStatus.STUDY)),
            "workstreams": [w.title for w in workstreams if w.lead_id == partner.pk],
            "themes": len({a["workstream_id"] for a in led}),
            "share": round(100 * len(led) / len(actions)) if actions else 0,
        })
    rows.sort(key=lambda row: (-row["actions"], -len(row["workstreams"]), row["partner"].organization.name))
    themes = []
    for stream in workstreams:
        led = [a["lead_id"] for a in actions if a["workstream_id"] == stream.pk and a["lead_id"]]
        counts = {}
        for lead_id in led:
            counts[lead_id] = counts.get(lead_id, 0) + 1
        main = stream.lead_id or (max(counts, key=lambda pk: (counts[pk], -pk)) if counts else None)
        themes.append({
            "workstream": stream, "lead": names.get(stream.lead_id) if stream.lead_id else None, "main": main,
            "action_leads": [(names[pk], n) for pk, n in sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]]))],
            "actions": sum(1 for a in actions if a["workstream_id"] == stream.pk),
        })
    # A theme is "led" by its chantier lead, or else by the partner leading most of its actions.
    led_themes = {}
    for theme in themes:
        if theme["main"]:
            led_themes.setdefault(theme["main"], []).append(theme["workstream"].title)
    for theme in themes:
        theme["shared_lead"] = bool(theme["main"]) and len(led_themes[theme["main"]]) > 1
        theme["main_name"] = names.get(theme["main"])
    total = len(actions)
    dominant = rows[0] if rows and rows[0]["actions"] else None
    return {
        "rows": rows, "themes": themes, "total": total,
        "unled": sum(1 for a in actions if a["lead_id"] is None),
        "leaders": sum(1 for row in rows if row["actions"] or row["workstreams"]),
        # Collectivités that signed but lead nothing (the State co-signs without leading actions).
        "idle_signatories": [row["partner"] for row in rows if row["partner"].role == PartnerRole.SIGNATORY
                             and row["partner"].organization.territory_id
                             and not row["actions"] and not row["workstreams"]],
        "dominant": dominant if dominant and total >= 3 and dominant["actions"] * 2 > total else None,
        "concentrated": {names[pk]: titles for pk, titles in led_themes.items() if len(titles) > 1},
        "themes_count": len(workstreams),
        "distinct_theme_leads": len(led_themes),
    }


def source_ideas_with_evaluation(action) -> list[dict]:
    """The pistes an action came from, with their evaluation when the workshops app provides it
    (otherwise the titles alone)."""
    ideas = list(action.source_ideas.all())
    if not ideas:
        return []
    try:
        from entente.workshops.selectors import idea_evaluation
    except ImportError:
        evaluations = {}
    else:
        evaluations = idea_evaluation([idea.pk for idea in ideas])
    labels = _arbitration_labels()
    result = []
    for idea in ideas:
        evaluation = evaluations.get(idea.pk)
        if evaluation:
            evaluation = {**evaluation, "status": labels.get(evaluation.get("status"), evaluation.get("status"))}
        result.append({"idea": idea, "title": idea.title, "evaluation": evaluation})
    return result


def _arbitration_labels() -> dict:
    try:
        from entente.workshops.models import ArbitrationStatus
    except ImportError:
        return {}
    return dict(ArbitrationStatus.choices)


STATUS_BADGES = {
    "realisee": "fr-badge--success", "engagee": "fr-badge--info", "a_l_etude": "fr-badge--new",
    "suspendue": "fr-badge--warning", "abandonnee": "fr-badge--error", "idee": "",
}


def portfolio_rows(cooperation, actions) -> list[dict]:
    """Plain rows for the list and the board: a few queries and no model instances per action, so
    that a portfolio of hundreds of actions renders fast."""
    from django.db.models import Sum

    from .models import ActionStatus, ExternalFunding

    values = list(actions.order_by().values(
        "pk", "title", "status", "progress", "position", "workstream_id", "workstream__title",
        "workstream__position", "workstream__axis_id", "workstream__axis__title", "workstream__axis__position",
        "lead__organization__name", "financing__total",
    ))
    ids = actions.order_by().values("pk")
    external = dict(ExternalFunding.objects.filter(plan__action_id__in=ids).order_by()
                    .values("plan__action_id").annotate(s=Sum("amount")).values_list("plan__action_id", "s"))
    participants, purposes = {}, {}
    for action_id, name in (Action.participants.through.objects.filter(action_id__in=ids)
                            .order_by("partnership__organization__name")
                            .values_list("action_id", "partnership__organization__name")):
        participants.setdefault(action_id, []).append(name)
    late = dict(Milestone.objects.filter(action_id__in=ids, done_on__isnull=True, due_on__lt=timezone.localdate())
                .order_by().values("action_id").annotate(n=Count("pk")).values_list("action_id", "n"))
    externals = {}
    for action_id, name in (Action.external_partners.through.objects.filter(action_id__in=ids)
                            .order_by("organization__name").values_list("action_id", "organization__name")):
        externals.setdefault(action_id, []).append(name)
    for action_id, label in (Action.purposes.through.objects.filter(action_id__in=ids)
                             .order_by("purpose__position").values_list("action_id", "purpose__label")):
        purposes.setdefault(action_id, []).append(label)
    labels = dict(ActionStatus.choices)
    base = f"/cooperations/{cooperation.slug}/portefeuille/actions/"
    for row in values:
        row["status_label"] = labels[row["status"]]
        row["badge"] = STATUS_BADGES.get(row["status"], "")
        row["url"] = f"{base}{row['pk']}/"
        row["participants"] = participants.get(row["pk"], [])
        row["externals"] = externals.get(row["pk"], [])
        row["late"] = late.get(row["pk"], 0)
        row["purposes"] = purposes.get(row["pk"], [])
        row["external"] = external.get(row["pk"], Decimal("0.00"))
        total = row["financing__total"]
        row["remainder"] = total - row["external"] if total is not None else None
    values.sort(key=lambda r: (r["workstream__axis__position"] if r["workstream__axis_id"] else -1,
                               r["workstream__axis_id"] or 0, r["workstream__position"], r["workstream_id"],
                               r["position"], r["pk"]))
    return values


def rows_totals(rows) -> dict:
    planned = [row for row in rows if row["financing__total"] is not None]
    total = sum((row["financing__total"] for row in planned), start=Decimal("0.00"))
    external = sum((row["external"] for row in planned), start=Decimal("0.00"))
    return {"count": len(rows), "planned": len(planned), "total": total, "external": external,
            "remainder": total - external}


def idea_action_links(workshop) -> dict[int, list[tuple[str, str]]]:
    """For the workshop's arbitration screen (through workshops.hooks): the actions each piste became."""
    links = defaultdict(list)
    rows = Action.source_ideas.through.objects.filter(idea__workshop=workshop).values_list(
        "idea_id", "action_id", "action__title")
    for idea_id, action_id, title in rows.order_by("action_id"):
        links[idea_id].append((title, reverse("portfolio:action_detail", args=[workshop.cooperation.slug, action_id])))
    return links


def action_from_idea_url(cooperation, idea) -> str:
    return f"{reverse('portfolio:action_create', args=[cooperation.slug])}?pistes={idea.pk}"
