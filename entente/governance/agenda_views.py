"""Points of the agenda once added: change, remove, reorder. Views validate and call services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from entente.cooperations.rules import get_cooperation_for_user

from . import selectors, services
from .forms import AgendaItemForm, item_initial
from .meeting_models import AgendaDocument
from .views import _errors, _page

RESEND_HINT = " L'ordre du jour a déjà été envoyé : renvoyez-le pour prévenir les membres."


def _done(request, item, message):
    meeting = item.meeting
    if meeting.agenda_sent_at:
        message += RESEND_HINT
    messages.success(request, message)
    return redirect(meeting.get_absolute_url() + "#ordre-du-jour")


def agenda_item_edit(request, slug, pk):
    item = selectors.get_item_for_user(request.user, slug, pk, "governance_run_meetings")
    meeting = item.meeting
    cooperation = meeting.body.cooperation
    form = AgendaItemForm(request.POST or None, cooperation=cooperation, initial=item_initial(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_agenda_item(item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            return _done(request, item, f"Point « {item.title} » modifié.")
    return _page(request, "governance/edit_form.html", cooperation, f"Modifier le point {item.position}",
                 crumbs=[(meeting.body.name, meeting.body.get_absolute_url()), (str(meeting),
                                                                               meeting.get_absolute_url())],
                 status=400 if form.errors else 200, form=form, heading=f"Modifier le point {item.position}",
                 cancel_url=meeting.get_absolute_url() + "#ordre-du-jour")


@require_POST
def agenda_item_delete(request, slug, pk):
    item = selectors.get_item_for_user(request.user, slug, pk, "governance_run_meetings")
    try:
        services.delete_agenda_item(item)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(item.meeting.get_absolute_url() + "#ordre-du-jour")
    return _done(request, item, f"Point « {item.title} » retiré de l'ordre du jour.")


@require_POST
def agenda_item_move(request, slug, pk):
    item = selectors.get_item_for_user(request.user, slug, pk, "governance_run_meetings")
    offset = {"monter": -1, "descendre": 1}.get(request.POST.get("sens", ""))
    if offset is None:
        messages.error(request, "Indiquez s'il faut monter ou descendre le point.")
        return redirect(item.meeting.get_absolute_url() + "#ordre-du-jour")
    try:
        services.move_agenda_item(item, offset=offset)
    except ValidationError as error:
        messages.error(request, _errors(error))
        return redirect(item.meeting.get_absolute_url() + "#ordre-du-jour")
    return _done(request, item, f"Point « {item.title} » déplacé en position {item.position}.")


@require_POST
def document_delete(request, slug, pk):
    cooperation = get_cooperation_for_user(request.user, slug, "governance_run_meetings")
    document = AgendaDocument.objects.select_related("item__meeting__body").filter(
        item__meeting__body__cooperation=cooperation, pk=pk).first()
    if document is None:
        raise Http404("Document introuvable.")
    services.remove_document(document)
    return _done(request, document.item, f"Document « {document.title} » retiré du point {document.item.position}.")
