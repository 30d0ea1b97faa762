"""Pages of shared indicators: the dashboard, the catalogue kept by coordinators, values typed by partners."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_abilities, get_cooperation_for_user
from entente.core.documents import XLSX_CONTENT_TYPE, Sheet, xlsx_bytes
from entente.core.exports import csv_bytes
from entente.core.formatting import format_number
from entente.core.forms import save_valid
from entente.core.jobs import get_job_for_user
from entente.core.models import Job, JobStatus

from . import indicator_services as services
from .indicator_forms import ImportForm, IndicatorForm, ValueForm
from .indicator_import_jobs import IMPORT_VALUES, start_values_import
from .indicator_imports import PRESET_MAPPINGS, Mapping
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
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_indicators")
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
    cooperation = get_cooperation_for_user(request.user, slug, "insights_manage_indicators")
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
    cooperation = get_cooperation_for_user(request.user, slug, "insights_manage_indicators")
    created = services.add_presets(cooperation=cooperation, by=request.user)
    if created:
        messages.success(request, f"{len(created)} indicateur(s) proposé(s) ajouté(s) au catalogue.")
    else:
        messages.info(request, "Le catalogue contient déjà tous les indicateurs proposés.")
    return redirect("insights:indicators_catalogue", slug=cooperation.slug)


@login_required
def indicator_edit(request, slug, pk=None):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_manage_indicators")
    indicator = _indicator(cooperation, pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator, cooperation=cooperation)

    def save(data):
        services.save_indicator(cooperation=cooperation, by=request.user, indicator=indicator, **data)

    if request.method == "POST" and save_valid(form, save):
        messages.success(request, "Indicateur enregistré.")
        return redirect("insights:indicators_catalogue", slug=cooperation.slug)
    title = f"Modifier « {indicator.name} »" if indicator else "Nouvel indicateur"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(cooperation, title),
        heading=title,
        form=form,
        indicator=indicator,
        history=indicator.history.select_related("history_user")[:10] if indicator else [],
    )
    return render(request, "insights/indicators/indicator_form.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def indicator_delete(request, slug, pk):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_manage_indicators")
    indicator = _indicator(cooperation, pk)
    services.delete_indicator(indicator=indicator, by=request.user)
    messages.success(request, f"Indicateur « {indicator.name} » retiré du catalogue.")
    return redirect("insights:indicators_catalogue", slug=cooperation.slug)


@login_required
def value_entry(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_enter_indicator_values")
    abilities = get_abilities(request.user, cooperation)
    territories = writable_territories(request.user, cooperation, abilities)
    form = ValueForm(request.POST or None, cooperation=cooperation, territories=territories)

    def save(data):
        services.set_indicator_value(
            indicator=data["indicator"],
            territory=form.territories[data["territory"]],
            year=data["year"],
            value=data["value"],
            by=request.user,
            may_write_any=abilities["insights_manage_indicators"],
        )

    if request.method == "POST" and save_valid(form, save, refusals=(ValidationError, PermissionDenied)):
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


MAPPING_FIELDS = ["code_column", "code_kind", "year_column", "fixed_year", "indicator_column", "value_column"]


def _initial_mapping(cooperation, choice: str) -> dict:
    """The fields of a saved mapping (« 12 ») or of a named preset (« ofgl »), to fill the form."""
    if choice in PRESET_MAPPINGS:
        return {k: v for k, v in PRESET_MAPPINGS[choice].items() if k != "name"}
    saved = _saved_mapping(cooperation, choice)
    if saved is None:
        return {}
    return {**{name: getattr(saved, name) for name in MAPPING_FIELDS}, "fixed_indicator": saved.fixed_indicator_id}


def _mapping_of_job(user, cooperation, query) -> dict:
    """The columns of an earlier import (« ?tache=<id> », from its job's page), to send the corrected file."""
    try:
        job = get_job_for_user(user, uuid.UUID(query.get("tache", "")))
    except (ValueError, Http404):
        return {}
    if job.kind != IMPORT_VALUES or job.cooperation_id != cooperation.pk:
        return {}
    mapping = job.params["mapping"]
    return {
        **{name: mapping.get(name) for name in MAPPING_FIELDS},
        "fixed_indicator": mapping.get("fixed_indicator"),
        "save_as": job.params.get("save_as", ""),
    }


def _mapping_name(cooperation, choice: str, save_as: str) -> str:
    if save_as:
        return save_as
    if choice in PRESET_MAPPINGS:
        return PRESET_MAPPINGS[choice]["name"]
    saved = _saved_mapping(cooperation, choice)
    return saved.name if saved else ""


def _saved_mapping(cooperation, choice: str):
    """A saved mapping of this cooperation by its id in the address; a number too long for an id is none."""
    if not choice.isdigit() or len(choice) > 12:
        return None
    return cooperation.indicator_mappings.filter(pk=int(choice)).first()


@login_required
def values_import(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_manage_indicators")
    choice = request.POST.get("correspondance") or request.GET.get("correspondance", "")
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        cooperation=cooperation,
        initial=_mapping_of_job(request.user, cooperation, request.GET) or _initial_mapping(cooperation, choice),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mapping = Mapping(
            **{name: data[name] or "" for name in MAPPING_FIELDS if name != "fixed_year"},
            fixed_year=data["fixed_year"],
            fixed_indicator=data["fixed_indicator"],
            name=_mapping_name(cooperation, choice, data["save_as"]),
        )
        upload = data["file"]
        job = start_values_import(
            user=request.user,
            cooperation=cooperation,
            file_name=upload.name,
            content=upload.read(),
            mapping=mapping,
            save_as=data["save_as"],
            choice=choice,
        )
        return redirect("core:job", job.pk)
    title = "Importer des valeurs"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(cooperation, title),
        form=form,
        choice=choice,
        presets=PRESET_MAPPINGS,
        mappings=cooperation.indicator_mappings.all(),
        imports=cooperation.indicator_imports.select_related("imported_by")[:10],
        # Imports not (yet) in that list: waiting in the worker, or refused, with the page of their report.
        unfinished=Job.objects.filter(kind=IMPORT_VALUES, cooperation=cooperation)
        .exclude(status=JobStatus.DONE)
        .order_by("-created_at")[:5],
    )
    return render(request, "insights/indicators/import.html", context, status=400 if form.errors else 200)


EXPORT_HEADER = ["Indicateur", "Code", "Unité", "Partenaire", "Code du territoire", "Année", "Valeur", "Source"]


def _export_rows(cooperation):
    """Every value the dashboard shows, registry figures included, one row per partner and year."""
    _partners, blocks = dashboard(cooperation)
    for block in blocks:
        indicator = block.indicator
        for partner, (_label, values) in zip(block.partners, block.series, strict=True):
            for year, value in zip(block.years, values, strict=True):
                if value is not None:
                    yield [
                        indicator.name,
                        indicator.code,
                        indicator.unit,
                        partner.label,
                        partner.territory.code,
                        year,
                        value,
                        indicator.source,
                    ]


def _plain(value) -> str:
    """All the value's digits, French way, without the column's trailing zeros: 12,5 and 600 000."""
    if value == value.to_integral_value():
        return format_number(value.quantize(1), 0)
    return format_number(value.normalize())


def values_export(request, slug, fmt):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_indicators")
    rows = list(_export_rows(cooperation))
    if fmt == "csv":
        content = csv_bytes(EXPORT_HEADER, ([*row[:6], _plain(row[6]), row[7]] for row in rows))
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        sheet = Sheet(title="Indicateurs", header=EXPORT_HEADER, rows=rows, freeze=None, bold_header=False)
        content = xlsx_bytes(sheet)
        response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    else:
        raise Http404("Format inconnu.")
    response["Content-Disposition"] = f'attachment; filename="indicateurs-{cooperation.slug}.{fmt}"'
    return response
