"""Pages of the annual activity report: the report of a year, its foreword and conclusion, its documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.job_views import document_or_preparation
from entente.governance.schedule import paris_today

from . import report_services
from .annual_report import annual_report, report_url, report_years, texts_of
from .report_documents import ANNUAL_REPORT_DOCUMENT, ReportDocument
from .report_forms import ReportTextsForm

TITLE = "Rapport d'activité"


def _year_of(cooperation, year: int) -> list[int]:
    """The years a report exists for; 404 for a year before the cooperation or after this one."""
    years = report_years(cooperation, paris_today())
    if year not in years:
        raise Http404("Pas de rapport d'activité pour cette année.")
    return years


def _crumbs(cooperation, year, title=None):
    if title is None:
        return [(f"{TITLE} {year}", None)]
    return [(f"{TITLE} {year}", report_url(cooperation, year)), (title, None)]


def latest_report(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_report")
    return redirect("insights:annual_report", slug=cooperation.slug, year=paris_today().year)


def report_page(request, slug, year):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_report")
    years = _year_of(cooperation, year)
    report = annual_report(cooperation, year)
    context = space_context(
        request,
        cooperation,
        page_title=f"{TITLE} {year}",
        crumbs=_crumbs(cooperation, year),
        report=report,
        years=years,
        documents=[(fmt, ReportDocument(report, fmt).stored() is not None) for fmt in ("pdf", "docx")],
    )
    return render(request, "insights/report/annual.html", context)


@login_required
def report_texts(request, slug, year):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_edit_report")
    _year_of(cooperation, year)
    current = texts_of(cooperation, year)
    form = ReportTextsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            report_services.save_report_texts(
                cooperation=cooperation,
                year=year,
                user=request.user,
                foreword=form.cleaned_data["foreword"],
                conclusion=form.cleaned_data["conclusion"],
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, f"Avant-propos et conclusion du rapport {year} enregistrés.")
            return redirect("insights:annual_report", slug=cooperation.slug, year=year)
    title = "Avant-propos et conclusion"
    context = space_context(
        request,
        cooperation,
        page_title=f"{title} — {TITLE} {year}",
        crumbs=_crumbs(cooperation, year, title),
        form=form,
        year=year,
        history=current.history.select_related("history_user")[:10] if current.pk else [],
    )
    return render(request, "insights/report/texts_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def report_document(request, slug, year, fmt):
    """The report as PDF or DOCX: served at once when made for this content, else prepared by the worker."""
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_report")
    _year_of(cooperation, year)
    if fmt not in ("pdf", "docx"):
        raise Http404("Format inconnu.")
    report = annual_report(cooperation, year)
    document = ReportDocument(report, fmt)
    return document_or_preparation(
        request,
        ready=document.stored(),
        filename=document.filename,
        content_type=document.content_type,
        kind=ANNUAL_REPORT_DOCUMENT,
        key=document.key,
        start=lambda: document.start(request.user),
        title=f"{report.title} — {cooperation.name} ({fmt.upper()})",
        back=(report.title, reverse("insights:annual_report", args=[cooperation.slug, year])),
    )
