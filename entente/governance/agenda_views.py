"""Points of the agenda once added: change, remove, reorder. Views validate and call services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from . import agenda_services, rules
from .meeting_forms import AgendaItemForm, item_initial
from .pages import form_errors, governance_page

RESEND_HINT = " L'ordre du jour a déjà été envoyé : renvoyez-le pour prévenir les membres."


def _done(request, item, message):
    meeting = item.meeting
    if meeting.agenda_sent_at:
        message += RESEND_HINT
    messages.success(request, message)
    return redirect(meeting.get_absolute_url() + "#ordre-du-jour")


def agenda_item_edit(request, slug, pk):
    item = rules.get_item_for_user(request.user, slug, pk, "governance_run_meetings")
    meeting = item.meeting
    cooperation = meeting.body.cooperation
    form = AgendaItemForm(request.POST or None, cooperation=cooperation, initial=item_initial(item))
    if request.method == "POST" and form.is_valid():
        try:
            agenda_services.update_agenda_item(item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            return _done(request, item, f"Point « {item.title} » modifié.")
    return governance_page(request, "governance/edit_form.html", cooperation, f"Modifier le point {item.position}",
                 crumbs=[(meeting.body.name, meeting.body.get_absolute_url()), (str(meeting),
                                                                               meeting.get_absolute_url())],
                 status=400 if form.errors else 200, form=form, heading=f"Modifier le point {item.position}",
                 cancel_url=meeting.get_absolute_url() + "#ordre-du-jour")


@require_POST
def agenda_item_delete(request, slug, pk):
    item = rules.get_item_for_user(request.user, slug, pk, "governance_run_meetings")
    try:
        agenda_services.delete_agenda_item(item)
    except ValidationError as error:
        messages.error(request, form_errors(error))
        return redirect(item.meeting.get_absolute_url() + "#ordre-du-jour")
    return _done(request, item, f"Point « {item.title} » retiré de l'ordre du jour.")


@require_POST
def agenda_item_move(request, slug, pk):
    item = rules.get_item_for_user(request.user, slug, pk, "governance_run_meetings")
    offset = {"monter": -1, "descendre": 1}.get(request.POST.get("sens", ""))
    if offset is None:
        messages.error(request, "Indiquez s'il faut monter ou descendre le point.")
        return redirect(item.meeting.get_absolute_url() + "#ordre-du-jour")
    try:
        agenda_services.move_agenda_item(item, offset=offset)
    except ValidationError as error:
        messages.error(request, form_errors(error))
        return redirect(item.meeting.get_absolute_url() + "#ordre-du-jour")
    return _done(request, item, f"Point « {item.title} » déplacé en position {item.position}.")


@require_POST
def document_delete(request, slug, pk):
    document = rules.get_document_for_user(request.user, slug, pk, "governance_run_meetings")
    agenda_services.remove_document(document)
    return _done(request, document.item, f"Document « {document.title} » retiré du point {document.item.position}.")
