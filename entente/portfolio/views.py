"""Pages of a cooperation's portfolio: list, board, structure, links, leadership, accountability,
partner page and exports."""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.models import Partnership
from entente.cooperations.rules import get_cooperation_for_user, visible_cooperations
from entente.core.exports import csv_bytes
from entente.core.french import de
from entente.territories.models import Organization

from . import exports, graph, rendering, selectors, structure_services
from .forms import AxisForm, PortfolioFilterForm, WorkstreamForm
from .models import Action, ActionEvent, ActionStatus, Milestone, ResultIndicator
from .rules import abilities_for_many, get_structure_item_for_user


def _base(cooperation, *extra):
    return [("Portefeuille", reverse("portfolio:list", args=[cooperation.slug])), *extra]


def portfolio_list(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    form = PortfolioFilterForm(request.GET or None, cooperation=cooperation)
    rows = selectors.portfolio_rows(cooperation, form.apply(Action.objects.filter(cooperation=cooperation)))
    groups = _group_by_workstream(rows)
    context = space_context(request, cooperation, page_title="Portefeuille d'actions", form=form, groups=groups,
                            totals=selectors.rows_totals(rows))
    row_abilities = abilities_for_many(rows, context["abilities"])
    context["tables"] = rendering.portfolio_tables(groups, row_abilities, get_token(request))
    return render(request, "portfolio/list.html", context)


def _group_by_workstream(rows):
    groups, index = [], {}
    for row in rows:
        key = row["workstream_id"]
        if key not in index:
            index[key] = {"workstream": row["workstream__title"], "axis": row["workstream__axis__title"],
                          "actions": []}
            groups.append(index[key])
        index[key]["actions"].append(row)
    return groups


def board(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    form = PortfolioFilterForm(request.GET or None, cooperation=cooperation)
    columns = {value: [] for value in ActionStatus.values}
    for row in selectors.portfolio_rows(cooperation, form.apply(Action.objects.filter(cooperation=cooperation))):
        columns[row["status"]].append(row)
    return render(request, "portfolio/board.html", space_context(
        request, cooperation, page_title="Tableau par statut", crumbs=_base(cooperation, ("Tableau par statut", None)),
        form=form, columns=[(value, label, columns[value]) for value, label in ActionStatus.choices],
    ))


def structure(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    axes, workstreams = selectors.structure(cooperation)
    by_axis = defaultdict(list)
    for workstream in workstreams:
        by_axis[workstream.axis_id].append(workstream)
    return render(request, "portfolio/structure.html", space_context(
        request, cooperation, page_title="Axes et chantiers", crumbs=_base(cooperation, ("Axes et chantiers", None)),
        axes=[(axis, by_axis.get(axis.pk, [])) for axis in axes], loose=by_axis.get(None, []),
        axis_form=AxisForm(), workstream_form=WorkstreamForm(cooperation=cooperation),
        partners=_partners(cooperation),
    ))


def _structure_error(request, cooperation, **forms):
    axes, workstreams = selectors.structure(cooperation)
    by_axis = defaultdict(list)
    for workstream in workstreams:
        by_axis[workstream.axis_id].append(workstream)
    response = render(request, "portfolio/structure.html", space_context(
        request, cooperation, page_title="Axes et chantiers", crumbs=_base(cooperation, ("Axes et chantiers", None)),
        axes=[(axis, by_axis.get(axis.pk, [])) for axis in axes], loose=by_axis.get(None, []),
        axis_form=forms.get("axis_form") or AxisForm(),
        workstream_form=forms.get("workstream_form") or WorkstreamForm(cooperation=cooperation),
        partners=_partners(cooperation),
    ))
    response.status_code = 400
    return response


def _partners(cooperation):
    return Partnership.objects.filter(cooperation=cooperation).select_related("organization") \
        .order_by("organization__name")


@require_POST
def axis_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_manage")
    form = AxisForm(request.POST)
    if form.is_valid():
        try:
            structure_services.create_axis(cooperation=cooperation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("title", error)
        else:
            messages.success(request, "L'axe est ajouté.")
            return redirect("portfolio:structure", slug)
    return _structure_error(request, cooperation, axis_form=form)


@require_POST
def workstream_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_manage")
    form = WorkstreamForm(request.POST, cooperation=cooperation)
    if form.is_valid():
        try:
            structure_services.create_workstream(cooperation=cooperation, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("title", error)
        else:
            messages.success(request, "Le chantier est ajouté.")
            return redirect("portfolio:structure", slug)
    return _structure_error(request, cooperation, workstream_form=form)


@require_POST
def structure_edit(request, slug, kind, pk):
    item = get_structure_item_for_user(request.user, slug, kind, pk)
    cooperation = item.cooperation
    form = WorkstreamForm(request.POST, cooperation=cooperation) if kind == "chantier" else AxisForm(request.POST)
    if form.is_valid():
        try:
            structure_services.update_structure_item(item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("title", error)
        else:
            messages.success(request, f"« {item.title} » est modifié.")
            return redirect("portfolio:structure", slug)
    key = "workstream_form" if kind == "chantier" else "axis_form"
    return _structure_error(request, cooperation, **{key: form})


@require_POST
def structure_delete(request, slug, kind, pk):
    item = get_structure_item_for_user(request.user, slug, kind, pk)
    cooperation = item.cooperation
    try:
        structure_services.delete_structure_item(item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _structure_error(request, cooperation)
    messages.success(request, f"« {item.title} » est supprimé.")
    return redirect("portfolio:structure", slug)


@require_POST
def structure_move(request, slug, kind, pk):
    item = get_structure_item_for_user(request.user, slug, kind, pk)
    direction = request.POST.get("sens")
    if direction not in ("up", "down"):
        return HttpResponse("Sens de déplacement inconnu.", status=400)
    structure_services.move(item, direction)
    return redirect("portfolio:structure", slug)


@require_POST
def action_move(request, slug, pk):
    from .rules import get_action_for_user

    action = get_action_for_user(request.user, slug, pk, "portfolio_manage")
    direction = request.POST.get("sens")
    if direction not in ("up", "down"):
        return HttpResponse("Sens de déplacement inconnu.", status=400)
    structure_services.move(action, direction)
    return redirect("portfolio:list", slug)


def links(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    actions = list(selectors.portfolio_actions(cooperation))
    all_links = selectors.cooperation_links(cooperation)
    linked_ids = {link.source_id for link in all_links} | {link.target_id for link in all_links}
    linked = [a for a in actions if a.pk in linked_ids]
    return render(request, "portfolio/links.html", space_context(
        request, cooperation, page_title="Liens entre actions",
        crumbs=_base(cooperation, ("Liens entre actions", None)),
        links=all_links, matrix=graph.matrix(linked, all_links), svg=graph.svg(linked, all_links),
        workstream_count=len({a.workstream_id for a in actions}),
    ))


def rotation(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    spread = selectors.leadership(cooperation)
    most = max((row["actions"] for row in spread["rows"]), default=0)
    return render(request, "portfolio/rotation.html", space_context(
        request, cooperation, page_title="Répartition des chefs de file",
        crumbs=_base(cooperation, ("Chefs de file", None)), most=most or 1, **spread,
    ))


def accountability(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    actions = list(selectors.portfolio_actions(cooperation))
    axes = exports.progress_by_axis(actions)
    # Comments are the partners' working exchanges; the public journal keeps the facts.
    events = Paginator(ActionEvent.objects.filter(action__cooperation=cooperation).exclude(kind="commentaire")
                       .select_related("action").order_by("-occurred_at", "-pk"), 50) \
        .get_page(request.GET.get("journal"))
    milestones = Milestone.objects.filter(action__cooperation=cooperation).select_related("action") \
        .order_by("done_on", "due_on")
    indicators = ResultIndicator.objects.filter(action__cooperation=cooperation).select_related("action") \
        .order_by("action__workstream__position", "action__position", "action_id", "pk")
    return render(request, "portfolio/accountability.html", space_context(
        request, cooperation, page_title="Rendre compte", crumbs=_base(cooperation, ("Rendre compte", None)),
        axes=axes, events=events, milestones=milestones, actions=actions, indicators=indicators,
        summary=exports.summary(actions),
    ))


def partner(request, pk):
    organization = get_object_or_404(Organization.objects.select_related("territory"), pk=pk)
    # Reading a portfolio follows the cooperation's visibility (rules.PORTFOLIO_ABILITIES).
    readable = visible_cooperations(request.user).filter(partnerships__organization=organization)
    actions = list(selectors.partner_actions(organization, readable))
    for action in actions:
        action.role_label = "chef de file" if action.lead and action.lead.organization_id == organization.pk \
            else "participant"
        action.my_share = selectors._share_of(action)
    by_cooperation = {}
    for action in actions:
        by_cooperation.setdefault(action.cooperation_id, {"cooperation": action.cooperation, "actions": []})
        by_cooperation[action.cooperation_id]["actions"].append(action)
    for group in by_cooperation.values():
        group["total"] = selectors.total_contribution(group["actions"])
        group["led"] = sum(1 for a in group["actions"] if a.role_label == "chef de file")
    return render(request, "portfolio/partner.html", {
        "title": f"Actions {de(organization)}", "organization": organization, "actions": actions,
        "cooperations": list(by_cooperation.values()), "total": selectors.total_contribution(actions),
        "led": sum(1 for a in actions if a.role_label == "chef de file"),
        "breadcrumb": [(organization.name, None), ("Actions", None)],
    })


def export_csv(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    header, rows = exports.csv_rows(selectors.portfolio_actions(cooperation))
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="portefeuille-{cooperation.slug}.csv"'
    return response


def export_xlsx(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_view")
    content = exports.xlsx_bytes(cooperation, selectors.portfolio_actions(cooperation))
    response = HttpResponse(content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="portefeuille-{cooperation.slug}.xlsx"'
    return response
