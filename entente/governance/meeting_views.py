"""Pages of meetings: scheduling, agenda, attendance, decisions taken, minutes and their PDF.
Views only validate and call services; rules decide access."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from entente.core.job_views import document_or_preparation

from . import agenda_services, decision_services, history, meeting_services, rules, schedule, selectors
from .body_models import QuorumBasis, Rotation
from .decision_forms import DecisionForm
from .ical import meeting_ics
from .markdown_render import render_markdown
from .meeting_forms import (
    AgendaItemForm,
    ApproveMinutesForm,
    AttendanceForm,
    AttendanceSheetForm,
    DocumentForm,
    MeetingForm,
    MinutesForm,
)
from .meeting_models import AttendanceStatus, MinutesStatus, MinutesVersion
from .minutes_document import MINUTES_PDF, MinutesDocument
from .pages import form_errors, governance_page

# --- meetings ------------------------------------------------------------------------------


def meeting_create(request, slug, pk):
    body = rules.get_body_for_user(request.user, slug, pk, "governance_run_meetings")
    form = MeetingForm(request.POST or None, cooperation=body.cooperation)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = meeting_services.schedule_meeting(body=body, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, "Réunion programmée. Préparez maintenant son ordre du jour.")
            return redirect(meeting.get_absolute_url())
    return governance_page(request, "governance/meeting_form.html", body.cooperation, "Programmer une réunion",
                 crumbs=[(body.name, body.get_absolute_url())], status=400 if form.errors else 200, form=form,
                 body=body, preview=_rotation_preview(body))


def _rotation_preview(body) -> dict:
    """Who the rotation designates for the next meeting, shown before the secretary picks a date."""
    meetings = list(body.meetings.all())
    today = schedule.paris_today()
    due = selectors.next_due(body, meetings, today)
    day = max(due or today, today)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
    if meetings:
        starts = max(starts, max(m.starts_at for m in meetings) + datetime.timedelta(hours=1))
    roles = selectors.predicted_roles(body, starts)
    themes = [(slot.theme, slot.partner.organization) for slot in
              body.rotation_slots.select_related("partner__organization") if slot.theme] \
        if body.rotation == Rotation.PER_THEME else []
    return {"due": due, "roles": roles, "themes": themes, "place": meeting_services.default_place(body, starts, "")}


def meeting_edit(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    form = MeetingForm(request.POST or None, instance=meeting, cooperation=meeting.body.cooperation, with_status=True)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        meeting.refresh_from_db()
        try:
            meeting_services.update_meeting(meeting, **data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, "Réunion mise à jour.")
            return redirect(meeting.get_absolute_url())
    return governance_page(request, "governance/meeting_form.html", meeting.body.cooperation, "Modifier la réunion",
                 crumbs=[(meeting.body.name, meeting.body.get_absolute_url()), (str(meeting),
                                                                               meeting.get_absolute_url())],
                 status=400 if form.errors else 200, form=form, body=meeting.body, meeting=meeting)


def _meeting_page(request, meeting, status=200, **forms):
    cooperation = meeting.body.cooperation
    body = meeting.body
    abilities = rules.abilities(request.user, meeting)
    seats = selectors.seats_of(body)
    attendances = selectors.attendance_of(meeting)
    by_seat = {a.seat_id: a for a in attendances if a.seat_id}
    items = list(meeting.items.select_related("presenter", "presenter_partner__organization")
                 .prefetch_related("documents", "decisions"))
    minutes = list(meeting.minutes_versions.select_related("author", "approved_in").order_by("-number"))
    if not abilities["view_drafts"]:
        minutes = [version for version in minutes if version.status == MinutesStatus.APPROVED]
    current = minutes[0] if minutes else None
    for version in minutes[1:]:
        version.html = render_markdown(version.text)
    context = {
        "meeting": meeting, "body": body, "items": items, "meeting_abilities": abilities,
        "roles": selectors.roles_for_meeting(meeting),
        "agenda_status": selectors.agenda_status_of(meeting), "agenda_deadline": selectors.agenda_deadline_of(meeting),
        "agenda_labels": schedule.AGENDA_STATUS_LABELS,
        "seat_rows": [(seat, by_seat.get(seat.pk)) for seat in seats],
        "guests": [a for a in attendances if a.seat_id is None],
        "quorum": selectors.quorum_of(meeting, seats, attendances),
        "minutes": current, "minutes_html": render_markdown(current.text) if current else "",
        "older_minutes": minutes[1:],
        "pending_minutes": list(MinutesVersion.objects.filter(
            meeting__body=body, meeting__starts_at__lt=meeting.starts_at, status=MinutesStatus.PROPOSED)
            .select_related("meeting").order_by("meeting__starts_at"))
        if abilities["edit"] else [],
        "item_form": forms.get("item_form") or AgendaItemForm(cooperation=cooperation),
        "document_form": forms.get("document_form") or DocumentForm(meeting=meeting),
        "attendance_form": forms.get("attendance_form") or AttendanceForm(meeting=meeting),
        "decision_form": forms.get("decision_form") or DecisionForm(meeting=meeting),
        "approve_form": forms.get("approve_form") or ApproveMinutesForm(meeting=meeting),
        "not_started": selectors.not_started_notice(meeting),
        "history_entries": history.entries_for_meeting(meeting) if abilities["view_history"] else [],
        "sendings": list(meeting.agenda_sendings.select_related("sent_by"))
        if abilities["view_members"] else [],
    }
    return governance_page(request, "governance/meeting.html", cooperation, str(meeting),
                 crumbs=[(body.name, body.get_absolute_url())], status=status, **context)


def meeting_detail(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "view")
    return _meeting_page(request, meeting)


def document_download(request, slug, pk):
    """An agenda document, for whoever may see the meeting (files are kept out of public media)."""
    document = rules.get_document_for_user(request.user, slug, pk, "view")
    if not document.file:
        raise Http404("Document introuvable.")
    extension = document.file.name.rsplit(".", 1)[-1] if "." in document.file.name else "bin"
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Le fichier de ce document n'est plus disponible.") from missing
    return FileResponse(handle, as_attachment=True, filename=f"{slugify(document.title) or 'document'}.{extension}")


@require_http_methods(["GET", "HEAD", "POST"])
def minutes_pdf(request, slug, pk):
    """The minutes as a document to circulate: attendance, text, decisions; visitors get approved ones only.

    Served from storage once made for this content and audience; else prepared by the worker.
    """
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "view")
    document = MinutesDocument.for_user(request.user, meeting)
    minutes = document.minutes()
    if minutes is None:
        raise Http404("Aucun compte rendu pour cette réunion.")
    fingerprint = document.fingerprint(minutes)
    path = document.path(fingerprint)
    return document_or_preparation(
        request, ready=path if path.exists() else None, filename=document.filename(minutes),
        content_type="application/pdf", kind=MINUTES_PDF, key=document.key(fingerprint),
        start=lambda: document.start(request.user, fingerprint),
        title=f"Compte rendu — {meeting} (PDF, version {minutes.number})",
        back=(str(meeting), meeting.get_absolute_url()),
    )


def meeting_ics_view(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "view")
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="reunion-{meeting.pk}.ics"'
    return response


def _meeting_action(request, slug, pk, form_name, form, action):
    """Run `action(cleaned_data)` for a valid form; re-render the meeting page with errors otherwise."""
    meeting = form.meeting
    if form.is_valid():
        try:
            message = action(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, message)
            return redirect(meeting.get_absolute_url())
    return _meeting_page(request, meeting, status=400, **{form_name: form})


def _bound(form, meeting):
    form.meeting = meeting
    return form


@require_POST
def agenda_item_add(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    form = _bound(AgendaItemForm(request.POST, cooperation=meeting.body.cooperation), meeting)

    def action(data):
        item = agenda_services.add_agenda_item(meeting=meeting, **data)
        return f"Point « {item.title} » ajouté à l'ordre du jour."

    return _meeting_action(request, slug, pk, "item_form", form, action)


@require_POST
def document_add(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    form = _bound(DocumentForm(request.POST, request.FILES, meeting=meeting), meeting)

    def action(data):
        document = agenda_services.add_document(item=data["item"], title=data["title"], file=data.get("file"),
                                         url=data.get("url") or "")
        return f"Document « {document.title} » joint."

    return _meeting_action(request, slug, pk, "document_form", form, action)


@require_POST
def agenda_send(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    try:
        sending = agenda_services.send_agenda(meeting, user=request.user)
    except ValidationError as error:
        messages.error(request, form_errors(error))
        return _meeting_page(request, meeting, status=400)
    status = selectors.agenda_status_of(meeting)
    count = len(sending.recipients)
    messages.success(request, f"Ordre du jour et convocations envoyés "
                              f"({schedule.AGENDA_STATUS_LABELS[status].lower()}) à {count} "
                              f"personne{'s' if count > 1 else ''} : {sending.recipients_label}.")
    if sending.unreached_seats:
        messages.warning(request, "Sans destinataire (aucune personne avec une adresse e-mail) : "
                                  + " ; ".join(sending.unreached_seats)
                                  + ". Complétez ces sièges sur la page de l'instance.")
    return redirect(meeting.get_absolute_url() + "#envois")


@require_POST
def attendance_set(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    form = _bound(AttendanceForm(request.POST, meeting=meeting), meeting)

    def action(data):
        attendance = meeting_services.record_attendance(meeting=meeting, status=data["status"], seat=data.get("seat"),
                                                person=data.get("person"), proxy=data.get("proxy"))
        if attendance.status == AttendanceStatus.PRESENT:
            warn_if_not_started(request, meeting, "présence")
        return f"Présence enregistrée : {attendance.who}, {attendance.get_status_display().lower()}."

    return _meeting_action(request, slug, pk, "attendance_form", form, action)


def attendance_sheet(request, slug, pk):
    """The whole attendance sheet in one form: the secretary ticks every seat at the start of the meeting."""
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    seats = selectors.seats_of(meeting.body)
    form = AttendanceSheetForm(request.POST or None, seats=seats, attendances=selectors.attendance_of(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.record_attendance_sheet(meeting=meeting, rows=form.cleaned_data["rows"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            quorum = selectors.quorum_of(meeting)
            messages.success(request, f"Feuille de présence enregistrée. {quorum.label}.")
            if any(status == AttendanceStatus.PRESENT for _seat, status, _proxy in form.cleaned_data["rows"]):
                warn_if_not_started(request, meeting, "feuille de présence")
            return redirect(meeting.get_absolute_url() + "#presences")
    return governance_page(request, "governance/attendance_sheet.html", meeting.body.cooperation, "Feuille de présence",
                 crumbs=[(meeting.body.name, meeting.body.get_absolute_url()), (str(meeting),
                                                                               meeting.get_absolute_url())],
                 status=400 if form.errors else 200, form=form, meeting=meeting,
                 not_started=selectors.not_started_notice(meeting))


@require_POST
def decision_create(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    form = _bound(DecisionForm(request.POST, meeting=meeting), meeting)
    created = {}

    def action(data):
        created["decision"] = decision_services.record_decision(user=request.user, **data)
        return f"Décision {created['decision'].reference} enregistrée. Ajoutez-lui ses suites à donner."

    response = _meeting_action(request, slug, pk, "decision_form", form, action)
    if "decision" in created:
        warn_if_not_started(request, meeting, "décision")
        warn_if_no_quorum(request, meeting)
        return redirect(created["decision"].get_absolute_url())
    return response


def warn_if_not_started(request, meeting, what: str) -> None:
    notice = selectors.not_started_notice(meeting)
    if notice:
        messages.warning(request, f"Attention : {what} enregistrée avant le début de la réunion. {notice}")


def warn_if_no_quorum(request, meeting) -> None:
    """A body with a quorum rule decides validly only with its quorum: say so, once attendance is taken."""
    if meeting.body.quorum_basis == QuorumBasis.NONE or not meeting.attendances.exists():
        return
    quorum = selectors.quorum_of(meeting)
    if not quorum.reached:
        messages.warning(request, f"Attention : {quorum.label[0].lower()}{quorum.label[1:]}. La décision est "
                                  "enregistrée, mais sa validité pourra être contestée.")


def minutes_edit(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    current = selectors.current_minutes(meeting)
    form = MinutesForm(request.POST or None, initial={"text": current.text if current else _minutes_outline(meeting)})
    if request.method == "POST" and form.is_valid():
        try:
            version, is_new = meeting_services.save_minutes(meeting=meeting, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            if is_new:
                messages.warning(request, f"La version approuvée reste inchangée : vos modifications forment la "
                                          f"version {version.number}, proposée à la prochaine approbation.")
            else:
                messages.success(request, f"Compte rendu enregistré (version {version.number}, proposée).")
            return redirect(meeting.get_absolute_url() + "#compte-rendu")
    return governance_page(request, "governance/minutes_form.html", meeting.body.cooperation, "Compte rendu",
                 crumbs=[(meeting.body.name, meeting.body.get_absolute_url()), (str(meeting),
                                                                               meeting.get_absolute_url())],
                 status=400 if form.errors else 200, form=form, meeting=meeting, current=current,
                 approved=current is not None and current.status == MinutesStatus.APPROVED)


def _minutes_outline(meeting) -> str:
    lines = [f"# Compte rendu — {meeting}", ""]
    for item in meeting.items.all():
        lines += [f"## {item.position}. {item.title}", "", ""]
    return "\n".join(lines)


@require_POST
def minutes_approve(request, slug, pk):
    meeting = rules.get_meeting_for_user(request.user, slug, pk, "governance_run_meetings")
    form = _bound(ApproveMinutesForm(request.POST, meeting=meeting), meeting)

    approved = {}

    def action(data):
        current = selectors.current_minutes(meeting)
        if current is None:
            raise ValidationError("Aucun compte rendu à approuver.")
        approved["version"] = meeting_services.approve_minutes(current, approved_in=data.get("approved_in"))
        return f"Compte rendu de « {meeting} » approuvé (version {approved['version'].number})."

    response = _meeting_action(request, slug, pk, "approve_form", form, action)
    if approved and approved["version"].approved_in_id and request.POST.get("retour") == "reunion-suivante":
        # Approved from the page of the meeting that approves it: stay there.
        return redirect(approved["version"].approved_in.get_absolute_url())
    return response
