"""Pages of bodies: the governance home, each body with its seats, rotation, weights and council dates,
and the history of the whole governance. Views only validate and call services; rules decide access."""


from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from entente.cooperations.rules import get_cooperation_for_user
from entente.territories.selectors import legal_populations_label

from . import body_services, history, rules, schedule, selectors
from .body_forms import (
    BodyForm,
    BodyMemberForm,
    CouncilSessionForm,
    PresetForm,
    RotationForm,
    WeightsForm,
    seat_initial,
)
from .body_models import Weighting
from .meeting_models import MeetingStatus
from .pages import form_errors, governance_page
from .presets import USUAL_BY_COOPERATION_KIND

# --- bodies --------------------------------------------------------------------------------


def bodies(request, slug, preset_form=None, status=200):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    usual = USUAL_BY_COOPERATION_KIND.get(cooperation.kind, [])
    upcoming = (selectors.meetings_of_cooperation(cooperation).filter(starts_at__gte=timezone.now())
                .exclude(status=MeetingStatus.CANCELLED).order_by("starts_at")[:8])
    return governance_page(request, "governance/bodies.html", cooperation, "Gouvernance", status=status,
                 bodies=selectors.bodies_overview(cooperation), upcoming=list(upcoming),
                 preset_form=preset_form or PresetForm(initial={"presets": usual}, cooperation=cooperation),
                 today=schedule.paris_today())


@require_POST
def body_presets(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "governance_manage_bodies")
    form = PresetForm(request.POST, cooperation=cooperation)
    if form.is_valid():
        try:
            created = body_services.create_preset_bodies(cooperation=cooperation, codes=form.cleaned_data["presets"])
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, f"{len(created)} instance(s) créée(s) : "
                             + ", ".join(body.name for body in created) + ".")
            return redirect("governance:bodies", cooperation.slug)
    return bodies(request, slug, preset_form=form, status=400)


def body_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "governance_manage_bodies")
    form = BodyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            body = body_services.create_body(cooperation=cooperation, **data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, f"Instance « {body.name} » créée.")
            return redirect(body.get_absolute_url())
    return governance_page(request, "governance/body_form.html", cooperation, "Nouvelle instance",
                 status=400 if form.errors else 200, form=form)


def body_edit(request, slug, pk):
    body = rules.get_body_for_user(request.user, slug, pk, "governance_manage_bodies")
    form = BodyForm(request.POST or None, instance=body)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        body.refresh_from_db()
        try:
            body_services.update_body(body, **data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, "Instance mise à jour.")
            return redirect(body.get_absolute_url())
    return governance_page(request, "governance/body_form.html", body.cooperation, f"Modifier « {body.name} »",
                 crumbs=[(body.name, body.get_absolute_url())], status=400 if form.errors else 200, form=form,
                 body=body)


def _body_page(request, body, status=200, **forms):
    cooperation = body.cooperation
    seats = selectors.seats_of(body)
    slots = list(body.rotation_slots.select_related("partner__organization"))
    meetings = list(body.meetings.select_related("convener_override__organization",
                                                 "chair_override__organization").order_by("starts_at"))
    roles = selectors.roles_for_meetings(selectors.rotation_context(body, seats, slots), meetings)
    now = timezone.now()
    for meeting in meetings:
        meeting.roles = roles[meeting.pk]
        meeting.body = body
        meeting.agenda_status = selectors.agenda_status_of(meeting, now=now)
    councils = list(body.council_sessions.all())
    today = schedule.paris_today()
    next_due = schedule.next_due_date(
        body.periodicity, meeting_dates=[timezone.localtime(m.starts_at).date() for m in meetings
                                         if m.status != MeetingStatus.CANCELLED],
        today=today, council_dates=[c.date for c in councils], lead_days=body.council_lead_days)
    context = {
        "body": body, "seats": seats, "slots": slots, "meetings": list(reversed(meetings)), "councils": councils,
        "next_due": next_due, "today": today, "agenda_labels": schedule.AGENDA_STATUS_LABELS,
        "member_form": forms.get("member_form") or BodyMemberForm(cooperation=cooperation),
        "rotation_form": forms.get("rotation_form") or RotationForm(body=body),
        "council_form": forms.get("council_form") or CouncilSessionForm(),
        "weights_form": forms.get("weights_form") or WeightsForm(body=body),
        "body_abilities": rules.abilities(request.user, body),
        "feed_url": request.build_absolute_uri(reverse("governance:body_feed", args=[body.calendar_token])),
    }
    if body.weighting == Weighting.POPULATION:
        # Votes weighted by inhabitants name the year of the populations they count.
        partners = cooperation.partnerships.active().select_related("organization__territory")
        context["population_source"] = legal_populations_label(p.organization.territory for p in partners)
    return governance_page(request, "governance/body.html", cooperation, body.name, crumbs=(), status=status, **context)


def body_detail(request, slug, pk):
    body = rules.get_body_for_user(request.user, slug, pk, "view")
    return _body_page(request, body)


@require_POST
def body_member_add(request, slug, pk):
    body = rules.get_body_for_user(request.user, slug, pk, "governance_manage_bodies")
    form = BodyMemberForm(request.POST, cooperation=body.cooperation)
    if form.is_valid():
        data = form.cleaned_data
        try:
            body_services.add_body_member(body=body, user=data["user"], partner=data["partner"], role=data["role"],
                                     label=data["label"])
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, "Siège ajouté à l'instance.")
            return redirect(body.get_absolute_url())
    return _body_page(request, body, status=400, member_form=form)


@require_POST
def body_member_remove(request, slug, pk):
    seat = rules.get_seat_for_user(request.user, slug, pk, "governance_manage_bodies")
    try:
        body_services.remove_body_member(seat)
    except ValidationError as error:
        messages.error(request, form_errors(error))
        return _body_page(request, seat.body, status=400)
    messages.success(request, "Siège retiré de l'instance.")
    return redirect(seat.body.get_absolute_url())


def body_member_edit(request, slug, pk):
    """Change a seat: the person who holds it, the partner represented, the role, the function."""
    seat = rules.get_seat_for_user(request.user, slug, pk, "governance_manage_bodies")
    body = seat.body
    cooperation = body.cooperation
    form = BodyMemberForm(request.POST or None, cooperation=cooperation, initial=seat_initial(seat))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            body_services.update_body_member(seat, user=data["user"], partner=data["partner"], role=data["role"],
                                        label=data["label"])
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, "Siège mis à jour.")
            return redirect(body.get_absolute_url())
    return governance_page(request, "governance/edit_form.html", cooperation, "Modifier un siège",
                 crumbs=[(body.name, body.get_absolute_url())], status=400 if form.errors else 200, form=form,
                 heading=f"Modifier un siège — {body.name}", cancel_url=body.get_absolute_url(),
                 intro="Le siège garde ses présences et ses votes passés, qui restent au nom de la personne qui "
                       "l'occupait ce jour-là ; l'historique conserve chaque changement.")


@require_POST
def body_rotation(request, slug, pk):
    body = rules.get_body_for_user(request.user, slug, pk, "governance_manage_bodies")
    form = RotationForm(request.POST, body=body)
    if form.is_valid():
        try:
            body_services.set_rotation(body, form.cleaned_data["slots"])
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, "Ordre de rotation enregistré.")
            return redirect(body.get_absolute_url())
    return _body_page(request, body, status=400, rotation_form=form)


@require_POST
def body_weights(request, slug, pk):
    body = rules.get_body_for_user(request.user, slug, pk, "governance_manage_bodies")
    form = WeightsForm(request.POST, body=body)
    if form.is_valid():
        try:
            for partner, weight in form.cleaned_data["weights"]:
                body_services.set_partner_weight(body, partner, weight)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, "Poids des partenaires enregistrés.")
            return redirect(body.get_absolute_url())
    return _body_page(request, body, status=400, weights_form=form)


@require_POST
def council_add(request, slug, pk):
    body = rules.get_body_for_user(request.user, slug, pk, "governance_manage_bodies")
    form = CouncilSessionForm(request.POST)
    if form.is_valid():
        try:
            body_services.add_council_session(body, form.cleaned_data["date"], form.cleaned_data["label"])
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, "Date du conseil communautaire enregistrée.")
            return redirect(body.get_absolute_url())
    return _body_page(request, body, status=400, council_form=form)


@require_POST
def council_remove(request, slug, pk):
    session = rules.get_council_session_for_user(request.user, slug, pk, "governance_manage_bodies")
    body_services.remove_council_session(session)
    messages.success(request, f"Conseil du {session.date:%d/%m/%Y} retiré.")
    return redirect(session.body.get_absolute_url())


def governance_history(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view_history")
    return governance_page(request, "governance/history.html", cooperation, "Historique de la gouvernance",
                 entries=history.entries_for_cooperation(cooperation))
