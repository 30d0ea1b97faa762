"""Pages of one action: create, edit, detail, journal, milestones, indicators, links, financing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user

from . import financing_services, link_services, services, tracking_services
from .financing_forms import FinancingForm, financing_initial
from .forms import (
    ActionForm,
    CommentForm,
    IndicatorForm,
    IndicatorUpdateForm,
    LinkForm,
    MilestoneEditForm,
    MilestoneForm,
    StatusForm,
    ideas_of,
)
from .models import ActionEvent, ActionLink, FinancingPlan, FinancingShare
from .rules import abilities, get_action_for_user, get_indicator_for_user, get_link_for_user, get_milestone_for_user
from .selectors import source_ideas_with_evaluation


def _crumbs(cooperation, *extra):
    from django.urls import reverse

    return [("Portefeuille", reverse("portfolio:list", args=[cooperation.slug])), *extra]


def action_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "portfolio_edit")
    form = ActionForm(request.POST or None, cooperation=cooperation, initial=_initial_from_query(request, cooperation))
    if request.method == "POST" and form.is_valid():
        action = services.create_action(cooperation=cooperation, user=request.user, data=form.data_for_service)
        messages.success(request, f"L'action « {action.title} » est créée.")
        return redirect(action)
    return render(request, "portfolio/action_form.html", space_context(
        request, cooperation, page_title="Nouvelle action", crumbs=_crumbs(cooperation, ("Nouvelle action", None)),
        form=form, creating=True,
    ))


def _initial_from_query(request, cooperation) -> dict:
    """`?chantier=<id>` preselects a chantier; `?pistes=<id>,<id>` starts from retained pistes."""
    initial = {}
    if request.GET.get("chantier", "").isdigit():
        initial["workstream"] = int(request.GET["chantier"])
    ids = [int(v) for v in request.GET.get("pistes", "").split(",") if v.strip().isdigit()]
    if ids:
        ideas = list(ideas_of(cooperation).filter(pk__in=ids))
        if ideas:
            initial["source_ideas"] = ideas
            initial["title"] = ideas[0].title
            initial["description"] = ideas[0].description
    return initial


def action_edit(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_edit")
    cooperation = action.cooperation
    form = ActionForm(request.POST or None, cooperation=cooperation, instance=action)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_action(action, user=request.user, data=form.data_for_service)
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        else:
            messages.success(request, "Les modifications de l'action sont enregistrées.")
            return redirect(action)
    return render(request, "portfolio/action_form.html", space_context(
        request, cooperation, page_title=f"Modifier — {action.title}",
        crumbs=_crumbs(cooperation, (action.title, action.get_absolute_url()), ("Modifier", None)),
        form=form, action=action, creating=False,
    ))


def action_detail(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk)
    return render(request, "portfolio/action_detail.html", _page_context(request, action))


def _page_context(request, action, edits=None, **forms) -> dict:
    cooperation = action.cooperation
    context = space_context(
        request, cooperation, page_title=action.title, crumbs=_crumbs(cooperation, (action.title, None)),
        **detail_context(action, edits=edits, **forms),
    )
    context["action_abilities"] = abilities(request.user, action, cooperation_abilities=context["abilities"])
    return context


def milestone_edit_form(milestone, data=None):
    return MilestoneEditForm(data, prefix=f"jalon-{milestone.pk}", initial={
        "title": milestone.title, "due_on": milestone.due_on, "done_on": milestone.done_on})


def indicator_edit_form(indicator, data=None):
    return IndicatorForm(data, prefix=f"indicateur-{indicator.pk}", initial={
        "label": indicator.label, "unit": indicator.unit, "target": indicator.target, "current": indicator.current})


def detail_context(action, edits=None, **forms):
    """Everything the action page shows; `edits` holds a bound edit form that failed, by (kind, pk)."""
    edits = edits or {}
    plan = (
        FinancingPlan.objects.filter(action=action).select_related("fixed_partner__organization")
        .prefetch_related("fundings", Prefetch("shares", queryset=FinancingShare.objects.select_related(
            "partnership__organization")))
        .first()
    )
    return {
        "action": action,
        "participants": action.participants.select_related("organization").order_by("organization__name"),
        "external_partners": action.external_partners.order_by("name"),
        "referents": action.referents.order_by("display_name"),
        "purposes": action.purposes.all(), "coop_forms": action.forms.all(),
        "events": ActionEvent.objects.filter(action=action).select_related("author"),
        "milestones": [(m, edits.get(("jalon", m.pk)) or milestone_edit_form(m)) for m in action.milestones.all()],
        "indicators": [(i, edits.get(("indicateur", i.pk)) or indicator_edit_form(i)) for i in action.indicators.all()],
        "links_out": ActionLink.objects.filter(source=action).select_related("target"),
        "links_in": ActionLink.objects.filter(target=action).select_related("source"),
        "plan": plan, "ideas": source_ideas_with_evaluation(action),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": action.status,
                                                                       "progress": action.progress}),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "milestone_form": forms.get("milestone_form") or MilestoneForm(),
        "indicator_form": forms.get("indicator_form") or IndicatorForm(),
        "link_form": forms.get("link_form") or LinkForm(action=action),
    }


def _rerender(request, cooperation, action, edits=None, **forms):
    response = render(request, "portfolio/action_detail.html", _page_context(request, action, edits, **forms))
    response.status_code = 400
    return response


@require_POST
def action_status(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_edit")
    cooperation = action.cooperation
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _rerender(request, cooperation, action, status_form=form)
    data = form.cleaned_data
    try:
        services.change_status(action, user=request.user, status=data["status"], progress=data["progress"],
                               comment=data["comment"], occurred_on=data["occurred_on"])
    except ValidationError as error:
        _add_errors(form, error)
        return _rerender(request, cooperation, action, status_form=form)
    messages.success(request, "Le statut de l'action est mis à jour et inscrit au journal.")
    return redirect(action)


@require_POST
def action_comment(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_comment")
    cooperation = action.cooperation
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _rerender(request, cooperation, action, comment_form=form)
    services.add_comment(action, user=request.user, text=form.cleaned_data["text"])
    messages.success(request, "Votre commentaire est ajouté au journal.")
    return redirect(action)


@require_POST
def action_delete(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_manage")
    cooperation = action.cooperation
    title = action.title
    services.delete_action(action)
    messages.success(request, f"L'action « {title} » est supprimée.")
    return redirect("portfolio:list", cooperation.slug)


@require_POST
def milestone_add(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_edit")
    cooperation = action.cooperation
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        return _rerender(request, cooperation, action, milestone_form=form)
    tracking_services.add_milestone(action, user=request.user, **form.cleaned_data)
    messages.success(request, "Le jalon est ajouté.")
    return redirect(action)


@require_POST
def milestone_toggle(request, slug, pk, milestone_pk):
    milestone = get_milestone_for_user(request.user, slug, pk, milestone_pk)
    tracking_services.toggle_milestone(milestone, user=request.user)
    return redirect(milestone.action)


@require_POST
def milestone_edit(request, slug, pk, milestone_pk):
    milestone = get_milestone_for_user(request.user, slug, pk, milestone_pk)
    cooperation = milestone.action.cooperation
    return _edit_item(request, cooperation, milestone, milestone_edit_form(milestone, request.POST),
                      save=tracking_services.update_milestone, key="jalon", name=f"Le jalon « {milestone.title} »")


@require_POST
def milestone_delete(request, slug, pk, milestone_pk):
    milestone = get_milestone_for_user(request.user, slug, pk, milestone_pk)
    tracking_services.delete_milestone(milestone, user=request.user)
    messages.success(request, f"Le jalon « {milestone.title} » est supprimé (le journal en garde la trace).")
    return redirect(milestone.action)


def _edit_item(request, cooperation, item, form, *, save, key, name):
    """Save a milestone's or an indicator's edit form, or show the action page again with its errors."""
    if form.is_valid():
        try:
            save(item, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{name} est modifié.")
            return redirect(item.action)
    messages.error(request, f"{name} n'est pas modifié : corrigez le formulaire.")
    return _rerender(request, cooperation, item.action, edits={(key, item.pk): form})


def _add_errors(form, error):
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


@require_POST
def indicator_add(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_edit")
    cooperation = action.cooperation
    form = IndicatorForm(request.POST)
    if not form.is_valid():
        return _rerender(request, cooperation, action, indicator_form=form)
    tracking_services.add_indicator(action, user=request.user, **form.cleaned_data)
    messages.success(request, "L'indicateur de résultat est ajouté.")
    return redirect(action)


@require_POST
def indicator_update(request, slug, pk, indicator_pk):
    indicator = get_indicator_for_user(request.user, slug, pk, indicator_pk)
    cooperation = indicator.action.cooperation
    form = IndicatorUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("current", ["Valeur invalide."])))
        return _rerender(request, cooperation, indicator.action)
    tracking_services.update_indicator(indicator, current=form.cleaned_data["current"], user=request.user)
    messages.success(request, "La valeur de l'indicateur est mise à jour.")
    return redirect(indicator.action)


@require_POST
def indicator_edit(request, slug, pk, indicator_pk):
    indicator = get_indicator_for_user(request.user, slug, pk, indicator_pk)
    cooperation = indicator.action.cooperation
    return _edit_item(request, cooperation, indicator, indicator_edit_form(indicator, request.POST),
                      save=tracking_services.edit_indicator, key="indicateur",
                      name=f"L'indicateur « {indicator.label} »")


@require_POST
def indicator_delete(request, slug, pk, indicator_pk):
    indicator = get_indicator_for_user(request.user, slug, pk, indicator_pk)
    tracking_services.delete_indicator(indicator, user=request.user)
    messages.success(request, f"L'indicateur « {indicator.label} » est supprimé (le journal en garde la trace).")
    return redirect(indicator.action)


@require_POST
def link_add(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_edit")
    cooperation = action.cooperation
    form = LinkForm(request.POST, action=action)
    if form.is_valid():
        try:
            link_services.add_link(source=action, **form.cleaned_data)
        except ValidationError as error:
            for field, field_messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_messages)
        else:
            messages.success(request, "Le lien entre actions est ajouté.")
            return redirect(action)
    return _rerender(request, cooperation, action, link_form=form)


@require_POST
def link_delete(request, slug, pk, link_pk):
    link = get_link_for_user(request.user, slug, pk, link_pk)
    action = link.source
    link_services.remove_link(link)
    messages.success(request, "Le lien est retiré.")
    return redirect(action)


def financing_edit(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_edit")
    cooperation = action.cooperation
    plan = FinancingPlan.objects.filter(action=action).prefetch_related("fundings", "shares").first()
    if request.method == "POST":
        form = FinancingForm(request.POST, action=action)
        if form.is_valid():
            financing_services.save_financing(action, data=form.financing, user=request.user)
            messages.success(request, "Le plan de financement et la répartition sont enregistrés.")
            return redirect(action)
    else:
        form = FinancingForm(action=action, initial=financing_initial(plan) if plan else None)
    response = render(request, "portfolio/financing_form.html", space_context(
        request, cooperation, page_title=f"Financement — {action.title}",
        crumbs=_crumbs(cooperation, (action.title, action.get_absolute_url()), ("Plan de financement", None)),
        form=form, action=action, plan=plan,
    ))
    if request.method == "POST":
        response.status_code = 400
    return response


@require_POST
def financing_delete(request, slug, pk):
    action = get_action_for_user(request.user, slug, pk, "portfolio_edit")
    plan = FinancingPlan.objects.filter(action=action).prefetch_related("fundings").first()
    if plan is None:
        messages.info(request, "Cette action n'a pas de plan de financement.")
    else:
        financing_services.delete_financing(plan, user=request.user)
        messages.success(request, "Le plan de financement est retiré ; le journal de l'action en garde la trace.")
    return redirect(action)


def financing_preview(request, slug, pk):
    """Live preview of the split while the plan is being typed (no write)."""
    action = get_action_for_user(request.user, slug, pk, "portfolio_edit")
    form = FinancingForm(request.GET, action=action)
    valid = form.is_valid()
    return render(request, "portfolio/_share_preview.html", {
        "form": form, "valid": valid, "shares": getattr(form, "shares", []), "external": getattr(form, "external", 0),
        "remainder": (form.financing.total - form.external) if valid else None,
    })
