"""Pages of "Vis ma vie" exchanges: the list with its figures, recording and correcting one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user

from . import exchange_services
from .exchange_forms import ExchangeForm
from .exchange_models import Exchange
from .exchange_selectors import exchange_figures
from .rules import exchanges_abilities, get_exchange_for_user

EXCHANGES = "Échanges « Vis ma vie »"
FIELDS = ("host", "host_partner", "visitor", "visitor_partner", "starts_on", "ends_on", "topic", "learned")


def _list_url(cooperation):
    return reverse("reflexivity:exchanges", args=[cooperation.slug])


def exchange_list(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view_exchanges")
    exchanges = list(
        Exchange.objects.filter(cooperation=cooperation).select_related(
            "host", "visitor", "host_partner__organization", "visitor_partner__organization"
        )
    )
    context = space_context(
        request, cooperation, page_title=EXCHANGES, exchanges=exchanges, figures=exchange_figures(cooperation)
    )
    rights = exchanges_abilities(request.user, exchanges, context["abilities"])
    for exchange in exchanges:
        exchange.abilities = rights[exchange.pk]
    return render(request, "reflexivity/exchange_list.html", context)


@login_required
def exchange_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_record_exchanges")
    form = ExchangeForm(request.POST or None, cooperation=cooperation)
    if request.method == "POST" and form.is_valid():
        try:
            exchange_services.record_exchange(cooperation=cooperation, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "Échange enregistré.")
            return redirect(_list_url(cooperation))
    context = space_context(
        request,
        cooperation,
        page_title="Nouvel échange",
        form=form,
        crumbs=[(EXCHANGES, _list_url(cooperation)), ("Nouvel échange", None)],
    )
    return render(request, "reflexivity/exchange_form.html", context)


@login_required
def exchange_edit(request, slug, pk):
    exchange = get_exchange_for_user(request.user, slug, pk, "edit")
    cooperation = exchange.cooperation
    initial = {name: getattr(exchange, name) for name in FIELDS}
    form = ExchangeForm(request.POST or None, cooperation=cooperation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            exchange_services.update_exchange(exchange, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "Échange enregistré.")
            return redirect(_list_url(cooperation))
    context = space_context(
        request,
        cooperation,
        page_title="Modifier l'échange",
        form=form,
        exchange=exchange,
        crumbs=[(EXCHANGES, _list_url(cooperation)), ("Modifier l'échange", None)],
    )
    return render(request, "reflexivity/exchange_form.html", context)


@require_POST
@login_required
def exchange_delete(request, slug, pk):
    exchange = get_exchange_for_user(request.user, slug, pk, "delete")
    exchange_services.delete_exchange(exchange)
    messages.success(request, "Échange supprimé.")
    return redirect(_list_url(exchange.cooperation))
