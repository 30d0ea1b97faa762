"""The balance of formats (and functions) of a cooperation's meetings over time."""

from django.shortcuts import render
from django.urls import reverse

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user
from entente.governance.meeting_models import MeetingFormat

from .format_balance import dominant_format_warning, legend, meeting_periods, stacked_bars

PERIODS = {"semestre": "Par semestre", "annee": "Par année"}


def balance(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view")
    by = request.GET.get("par") if request.GET.get("par") in PERIODS else "semestre"
    periods = meeting_periods(cooperation, by)
    formats = MeetingFormat.choices
    title = "Équilibre des réunions"
    context = space_context(
        request,
        cooperation,
        page_title=title,
        crumbs=[("Réflexivité", reverse("reflexivity:home", args=[slug])), (title, None)],
        by=by,
        period_choices=PERIODS,
        periods=periods,
        formats=formats,
        rows=[(p.label, [p.counts.get(value, 0) for value, _label in formats], p.total) for p in periods],
        chart=stacked_bars(periods, formats),
        legend=legend(formats),
        warning=dominant_format_warning(cooperation),
    )
    return render(request, "reflexivity/format/balance.html", context)
