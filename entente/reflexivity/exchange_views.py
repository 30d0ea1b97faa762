"""Pages of "Vis ma vie" exchanges: the list with its figures, recording and correcting one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.forms import save_valid

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


def _exchange_form_page(request, cooperation, save, *, title, exchange=None):
    """The exchange form, new or filled from `exchange`; `save(cleaned_data)` records it through the services."""
    initial = {name: getattr(exchange, name) for name in FIELDS} if exchange else None
    form = ExchangeForm(request.POST or None, cooperation=cooperation, initial=initial)
    if request.method == "POST" and save_valid(form, save):
        messages.success(request, "Échange enregistré.")
        return redirect(_list_url(cooperation))
    context = space_context(
        request,
        cooperation,
        page_title=title,
        form=form,
        exchange=exchange,
        crumbs=[(EXCHANGES, _list_url(cooperation)), (title, None)],
    )
    return render(request, "reflexivity/exchange_form.html", context)


@login_required
def exchange_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_record_exchanges")

    def save(data):
        exchange_services.record_exchange(cooperation=cooperation, user=request.user, **data)

    return _exchange_form_page(request, cooperation, save, title="Nouvel échange")


@login_required
def exchange_edit(request, slug, pk):
    exchange = get_exchange_for_user(request.user, slug, pk, "edit")

    def save(data):
        exchange_services.update_exchange(exchange, **data)

    return _exchange_form_page(request, exchange.cooperation, save, title="Modifier l'échange", exchange=exchange)


@require_POST
@login_required
def exchange_delete(request, slug, pk):
    exchange = get_exchange_for_user(request.user, slug, pk, "delete")
    exchange_services.delete_exchange(exchange)
    messages.success(request, "Échange supprimé.")
    return redirect(_list_url(exchange.cooperation))
