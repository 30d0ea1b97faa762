"""Pages of shared indicators: the dashboard, the catalogue kept by coordinators, values typed by partners."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_abilities, get_cooperation_for_user

from . import indicator_services as services
from .indicator_forms import IndicatorForm, ValueForm
from .indicators import dashboard, writable_territories
from .models import Indicator, IndicatorValue

TITLE = "Indicateurs partagés"


def _crumbs(cooperation, title):
    if title == TITLE:
        return [(TITLE, None)]
    return [(TITLE, reverse("insights:indicators", args=[cooperation.slug])), (title, None)]


def _indicator(cooperation, pk) -> Indicator:
    indicator = Indicator.objects.filter(cooperation=cooperation, pk=pk).first()
    if indicator is None:
        raise Http404("Indicateur introuvable.")
    return indicator


def indicators_dashboard(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view_indicators")
    partners, blocks = dashboard(cooperation)
    context = space_context(
        request,
        cooperation,
        page_title=TITLE,
        crumbs=_crumbs(cooperation, TITLE),
        partners=partners,
        blocks=blocks,
        any_illustrative=any(b.illustrative for b in blocks),
    )
    return render(request, "insights/indicators/dashboard.html", context)


@login_required
def indicators_catalogue(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "manage_indicators")
    title = "Catalogue des indicateurs"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(cooperation, title),
        indicators=cooperation.indicators.all(),
    )
    return render(request, "insights/indicators/catalogue.html", context)


@login_required
@require_POST
def indicators_presets(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "manage_indicators")
    created = services.add_presets(cooperation=cooperation, by=request.user)
    if created:
        messages.success(request, f"{len(created)} indicateur(s) proposé(s) ajouté(s) au catalogue.")
    else:
        messages.info(request, "Le catalogue contient déjà tous les indicateurs proposés.")
    return redirect("insights:indicators_catalogue", slug=cooperation.slug)


@login_required
def indicator_edit(request, slug, pk=None):
    cooperation = get_cooperation_for_user(request.user, slug, "manage_indicators")
    indicator = _indicator(cooperation, pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator, cooperation=cooperation)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_indicator(cooperation=cooperation, by=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "Indicateur enregistré.")
            return redirect("insights:indicators_catalogue", slug=cooperation.slug)
    title = f"Modifier « {indicator.name} »" if indicator else "Nouvel indicateur"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(cooperation, title),
        form=form,
        indicator=indicator,
        history=indicator.history.select_related("history_user")[:10] if indicator else [],
    )
    return render(request, "insights/indicators/indicator_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def indicator_delete(request, slug, pk):
    cooperation = get_cooperation_for_user(request.user, slug, "manage_indicators")
    indicator = _indicator(cooperation, pk)
    services.delete_indicator(indicator=indicator, by=request.user)
    messages.success(request, f"Indicateur « {indicator.name} » retiré du catalogue.")
    return redirect("insights:indicators_catalogue", slug=cooperation.slug)


@login_required
def value_entry(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "enter_indicator_values")
    abilities = get_abilities(request.user, cooperation)
    territories = writable_territories(request.user, cooperation, abilities)
    form = ValueForm(request.POST or None, cooperation=cooperation, territories=territories)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.set_indicator_value(
                indicator=data["indicator"],
                territory=form.territories[data["territory"]],
                year=data["year"],
                value=data["value"],
                by=request.user,
                may_write_any=abilities["manage_indicators"],
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, "Valeur enregistrée.")
            return redirect("insights:indicator_values", slug=cooperation.slug)
    title = "Saisir une valeur"
    recent = (
        IndicatorValue.history.filter(indicator__cooperation=cooperation)
        .select_related("history_user", "indicator", "territory")
        .order_by("-history_date")[:15]
    )
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(cooperation, title),
        form=form,
        territories=territories,
        recent=recent,
    )
    return render(request, "insights/indicators/value_form.html", context, status=400 if form.errors else 200)
