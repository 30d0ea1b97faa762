"""Pages of observation: a cooperation's health and the thresholds it reads against."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user
from entente.governance.schedule import paris_today

from . import health, health_exports, national, periods, services
from .forms import THRESHOLD_FIELDS, HealthThresholdsForm


def _health_crumbs(cooperation, title):
    if title == "Santé de la coopération":
        return [(title, None)]
    return [("Santé de la coopération", reverse("insights:health", args=[cooperation.slug])), (title, None)]


def _health_of(request, slug):
    """The cooperation (for who may see its health), the period asked in the address and its report."""
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_health")
    today = paris_today()
    first_year = health.first_year(cooperation, today)
    period = periods.parse_period(request.GET.get("periode", ""), today, first_year)
    return cooperation, first_year, period, health.cooperation_health(cooperation, period, today=today)


def health_page(request, slug):
    cooperation, first_year, period, report = _health_of(request, slug)
    today = paris_today()
    context = space_context(
        request,
        cooperation,
        page_title="Santé de la coopération",
        crumbs=_health_crumbs(cooperation, "Santé de la coopération"),
        health=report,
        period=period,
        period_choices=periods.period_choices(first_year, today),
        export_tables=health_exports.table_choices(report),
        export_query=f"?periode={period.key}" if period.key else "",
    )
    return render(request, "insights/health.html", context)


def health_export(request, slug, table, fmt):
    """One table of the health page (or all of them in XLSX), for the period asked in the address."""
    cooperation, _first_year, _period, report = _health_of(request, slug)
    exported = health_exports.export(report, cooperation, table, fmt)
    if exported is None:
        raise Http404("Tableau ou format inconnu.")
    content, content_type, filename = exported
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def thresholds_edit(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_edit_health")
    current = health.thresholds_of(cooperation)
    form = HealthThresholdsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_health_thresholds(
                cooperation=cooperation, by=request.user, **{name: form.cleaned_data[name] for name in THRESHOLD_FIELDS}
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "Seuils de la santé de la coopération enregistrés.")
            return redirect("insights:health", slug=cooperation.slug)
    title = "Seuils de la santé"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_health_crumbs(cooperation, title),
        form=form,
        history=current.history.select_related("history_user")[:10] if current.pk else [],
    )
    return render(request, "insights/thresholds_form.html", context, status=400 if form.errors else 200)


def national_page(request):
    view = national.national_view()
    rows = national.table_rows(view)
    files = [(fmt, national.file_size_label(len(national.render(fmt, rows)))) for fmt in national.FORMATS]
    charts = [
        (key, label, dimension_rows, national.bars(dimension_rows)) for key, label, dimension_rows in view.dimensions
    ]
    return render(
        request,
        "insights/national.html",
        {
            "title": "Les coopérations publiques en chiffres",
            "view": view,
            "charts": charts,
            "files": files,
            "breadcrumb": [
                ("Annuaire des coopérations", reverse("cooperations:directory")),
                ("Les coopérations publiques en chiffres", None),
            ],
        },
    )


def national_file(request, fmt):
    if fmt not in national.FORMATS:
        raise Http404
    content = national.render(fmt, national.table_rows(national.national_view()))
    response = HttpResponse(content, content_type=national.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{national.TABLE}-entente.{fmt}"'
    return response


def national_schema(request):
    return JsonResponse(national.table_schema(), json_dumps_params={"ensure_ascii": False, "indent": 2})
