"""The balance of formats and functions of a cooperation's meetings over time, and their tagging."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user
from entente.governance.body_models import CodirFunction
from entente.governance.meeting_models import Meeting, MeetingFormat, MeetingStatus

from . import format_services as services
from .format_balance import dominant_format_warning, function_periods, legend, meeting_periods, stacked_bars

PERIODS = {"semestre": "Par semestre", "annee": "Par année"}
TAGGED_MEETINGS = 60  # the most recent ones: enough for two years of a monthly CoDir


def _crumbs(slug, title):
    return [("Réflexivité", reverse("reflexivity:home", args=[slug])), (title, None)]


def _table(periods, choices):
    return [(p.label, [p.counts.get(value, 0) for value, _label in choices], p.total) for p in periods]


def balance(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view")
    by = request.GET.get("par") if request.GET.get("par") in PERIODS else "semestre"
    formats, functions = MeetingFormat.choices, CodirFunction.choices
    format_periods, functions_periods = meeting_periods(cooperation, by), function_periods(cooperation, by)
    title = "Équilibre des réunions"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(slug, title),
        by=by,
        period_choices=PERIODS,
        formats=formats,
        functions=functions,
        format_rows=_table(format_periods, formats),
        format_chart=stacked_bars(format_periods, formats),
        format_legend=legend(formats),
        function_rows=_table(functions_periods, functions),
        function_chart=stacked_bars(functions_periods, functions),
        function_legend=legend(functions),
        warning=dominant_format_warning(cooperation),
    )
    return render(request, "reflexivity/format/balance.html", context)


@login_required
def tags(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_manage")
    meetings = list(
        Meeting.objects.filter(body__cooperation=cooperation)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("-starts_at")[:TAGGED_MEETINGS]
    )
    title = "Formats et fonctions des réunions"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=_crumbs(slug, title),
        meetings=meetings,
        formats=MeetingFormat.choices,
        functions=CodirFunction.choices,
    )
    return render(request, "reflexivity/format/tags.html", context)


@login_required
@require_POST
def tag_meeting(request, slug, pk):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_manage")
    meeting = Meeting.objects.filter(body__cooperation=cooperation, pk=pk).first()
    if meeting is None:
        raise Http404("Réunion introuvable.")
    try:
        services.tag_meeting(
            meeting,
            user=request.user,
            format=request.POST.get("format", ""),
            functions=request.POST.getlist("functions"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"« {meeting} » : format et fonctions enregistrés.")
    return redirect(reverse("reflexivity:tags", args=[slug]) + f"#reunion-{meeting.pk}")
