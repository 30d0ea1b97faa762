"""Pages of decisions: the decision, its votes, follow-ups and ratifications; the register and its
exports; "Mes suites à donner"; the iCalendar feeds."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from entente.cooperations.rules import get_cooperation_for_user
from entente.core.french import de

from . import (
    decision_services,
    decision_states,
    exports,
    history,
    meeting_services,
    quorum_and_votes,
    rules,
    schedule,
    selectors,
)
from .body_models import Body, VotingMode
from .decision_forms import (
    DecisionEditForm,
    FollowUpForm,
    FollowUpUpdateForm,
    MyFollowUpsFilterForm,
    RatificationForm,
    RegisterFilterForm,
    VoteForm,
    followup_initial,
)
from .decision_models import FollowUpStatus, RatificationStatus
from .ical import feed_ics
from .meeting_models import CalendarToken, Meeting
from .meeting_views import warn_if_no_quorum
from .pages import form_errors, governance_page


def _decision_page(request, decision, status=200, **forms):
    cooperation = decision.cooperation
    abilities = rules.abilities(request.user, decision)
    meeting = decision.item.meeting
    followups = list(decision.followups.select_related("owner", "owner_partner__organization").order_by("due_on"))
    today = schedule.paris_today()
    for followup in followups:
        followup.cooperation = cooperation
    followup_abilities = rules.abilities_for_many(request.user, followups)
    for followup in followups:
        followup.state = decision_states.followup_state(followup.status, followup.due_on, today)
        followup.abilities = followup_abilities[followup.pk]
        followup.form = (forms.get("update_form") if forms.get("update_pk") == followup.pk else None) or \
            FollowUpUpdateForm(initial={"status": followup.status, "evidence": followup.evidence,
                                        "evidence_url": followup.evidence_url}, prefix=f"f{followup.pk}")
    ratifications = list(decision.ratifications.select_related("partner__organization"))
    for ratification in ratifications:
        ratification.form = (forms.get("ratification_form") if forms.get("ratification_pk") == ratification.pk
                             else None) or RatificationForm(prefix=f"r{ratification.pk}", initial={
                                 "status": ratification.status, "assembly": ratification.assembly,
                                 "date": ratification.date,
                                 "deliberation_reference": ratification.deliberation_reference})
    votes = list(decision.votes.select_related("seat__user", "seat__partner__organization", "partner__organization",
                                               "proxy_seat__user", "proxy_seat__partner__organization"))
    # Name each voter as they were on the day (a seat may have changed hands since).
    present = {a.seat_id: a for a in selectors.attendance_of(meeting) if a.seat_id}
    for vote in votes:
        vote.who = present[vote.seat_id].who if vote.seat_id in present else str(vote.seat)
        vote.proxy_who = "" if vote.proxy_seat_id is None else (
            present[vote.proxy_seat_id].who if vote.proxy_seat_id in present else str(vote.proxy_seat))
    state = decision_states.ratification_state([r.status for r in ratifications],
                                               required=decision.requires_ratification)
    context = {
        "decision": decision, "meeting": meeting, "body": meeting.body, "followups": followups,
        "ratifications": ratifications, "votes": votes,
        "tally": quorum_and_votes.tally((vote.choice, vote.weight) for vote in votes) if votes else None,
        "votes_enabled": meeting.body.voting_mode != VotingMode.NONE,
        "state": decision_states.register_state(decision.outcome, state),
        "state_labels": decision_states.REGISTER_STATES, "followup_labels": decision_states.FOLLOWUP_STATE_LABELS,
        "followup_form": forms.get("followup_form") or FollowUpForm(cooperation=cooperation),
        "vote_form": forms.get("vote_form") or VoteForm(meeting=meeting),
        "decision_abilities": abilities,
        "history_entries": history.entries_for_decision(decision) if abilities["view_history"] else [],
    }
    return governance_page(request, "governance/decision.html", cooperation, f"Décision {decision.reference}",
                 crumbs=[("Registre des décisions", reverse("governance:register", args=[cooperation.slug]))],
                 status=status, **context)


def decision_detail(request, slug, pk):
    decision = rules.get_decision_for_user(request.user, slug, pk, "view")
    return _decision_page(request, decision)


def decision_edit(request, slug, pk):
    """Correct a decision's wording, nature, agenda point or ratification; the reason goes to the history."""
    decision = rules.get_decision_for_user(request.user, slug, pk, "governance_run_meetings")
    form = DecisionEditForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        try:
            decision_services.update_decision(decision, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, f"Décision {decision.reference} modifiée. Le texte précédent reste dans "
                                      "l'historique.")
            return redirect(decision.get_absolute_url())
    warning = ""
    if decision.ratifications.exclude(status=RatificationStatus.PENDING).exists():
        warning = ("Des partenaires ont déjà délibéré sur cette décision : une modification de fond appelle une "
                   "nouvelle décision plutôt qu'une correction.")
    return governance_page(request, "governance/edit_form.html", decision.cooperation, f"Modifier la décision "
                 f"{decision.reference}", crumbs=[("Registre des décisions", reverse("governance:register",
                                                                                     args=[slug])),
                                                  (f"Décision {decision.reference}", decision.get_absolute_url())],
                 status=400 if form.errors else 200, form=form, heading=f"Modifier la décision {decision.reference}",
                 cancel_url=decision.get_absolute_url(), warning=warning,
                 intro="Chaque modification est conservée dans l'historique de la décision, avec son auteur, sa date, "
                       "le texte avant et après, et son motif.")


def followup_edit(request, slug, pk):
    """The secretariat rewords a follow-up, changes who carries it or moves its deadline."""
    followup = rules.get_followup_for_user(request.user, slug, pk, "governance_run_meetings")
    decision = followup.decision
    form = FollowUpForm(request.POST or None, cooperation=decision.cooperation, initial=followup_initial(followup))
    if request.method == "POST" and form.is_valid():
        try:
            decision_services.edit_followup(followup, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, f"Suite à donner « {followup.title} » modifiée.")
            return redirect(decision.get_absolute_url() + "#suites")
    return governance_page(request, "governance/edit_form.html", decision.cooperation, "Modifier une suite à donner",
                 crumbs=[("Registre des décisions", reverse("governance:register", args=[slug])),
                         (f"Décision {decision.reference}", decision.get_absolute_url())],
                 status=400 if form.errors else 200, form=form, heading="Modifier une suite à donner",
                 cancel_url=decision.get_absolute_url() + "#suites")


@require_POST
def vote_cast(request, slug, pk):
    decision = rules.get_decision_for_user(request.user, slug, pk, "governance_run_meetings")
    form = VoteForm(request.POST, meeting=decision.item.meeting)
    if form.is_valid():
        try:
            vote = decision_services.cast_vote(decision=decision, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, f"Vote enregistré : {vote.get_choice_display().lower()}.")
            warn_if_no_quorum(request, decision.item.meeting)
            return redirect(decision.get_absolute_url())
    return _decision_page(request, decision, status=400, vote_form=form)


@require_POST
def followup_add(request, slug, pk):
    decision = rules.get_decision_for_user(request.user, slug, pk, "governance_run_meetings")
    form = FollowUpForm(request.POST, cooperation=decision.cooperation)
    if form.is_valid():
        try:
            followup = decision_services.add_followup(decision=decision, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, f"Suite à donner « {followup.title} » ajoutée.")
            return redirect(decision.get_absolute_url())
    return _decision_page(request, decision, status=400, followup_form=form)


@require_POST
def followup_update(request, slug, pk):
    followup = rules.get_followup_for_user(request.user, slug, pk, "governance_update_followups")
    form = FollowUpUpdateForm(request.POST, prefix=f"f{followup.pk}")
    if form.is_valid():
        try:
            decision_services.update_followup(followup, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            done = followup.status == FollowUpStatus.DONE
            messages.success(request, "Suite soldée." if done else "Suite mise à jour.")
            target = request.POST.get("next", "")
            if target == "mes-suites":
                return redirect("governance:my_followups")
            return redirect(followup.decision.get_absolute_url())
    decision = rules.get_decision_for_user(request.user, slug, followup.decision_id, "view")
    return _decision_page(request, decision, status=400, update_form=form, update_pk=followup.pk)


@require_POST
def ratification_record(request, slug, pk):
    ratification = rules.get_ratification_for_user(request.user, slug, pk, "governance_run_meetings")
    form = RatificationForm(request.POST, prefix=f"r{ratification.pk}")
    if form.is_valid():
        try:
            decision_services.record_ratification(ratification, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, form_errors(error))
        else:
            messages.success(request, f"Délibération {de(ratification.partner.organization)} enregistrée.")
            return redirect(ratification.decision.get_absolute_url())
    decision = rules.get_decision_for_user(request.user, slug, ratification.decision_id, "view")
    return _decision_page(request, decision, status=400, ratification_form=form, ratification_pk=ratification.pk)


# --- register ------------------------------------------------------------------------------


def _register_queryset(request, cooperation):
    form = RegisterFilterForm(request.GET or None, cooperation=cooperation)
    filters = {key: value for key, value in (form.cleaned_data.items() if form.is_valid() else []) if value}
    return form, selectors.register(cooperation, **filters)


def register(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    form, queryset = _register_queryset(request, cooperation)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    for decision in page.object_list:
        decision.state = selectors.decision_state(decision)
    query = request.GET.copy()
    query.pop("page", None)
    return governance_page(request, "governance/register.html", cooperation, "Registre des décisions", form=form,
                           page=page, query=query.urlencode(), state_labels=decision_states.REGISTER_STATES)


def register_export(request, slug, fmt):
    if fmt not in ("csv", "xlsx", "pdf"):
        raise Http404("Format d'export inconnu : csv, xlsx ou pdf.")
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    _form, queryset = _register_queryset(request, cooperation)
    rows = exports.register_rows(queryset)
    stamp = timezone.localdate().isoformat()
    name = f"registre-decisions-{cooperation.slug}-{stamp}"
    if fmt == "csv":
        response = HttpResponse(exports.register_csv(rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.register_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        response = HttpResponse(exports.register_pdf(cooperation, rows), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- "Mes suites à donner" ------------------------------------------------------------------


MY_FOLLOWUPS_PAGE = 50


@login_required
def my_followups(request):
    """Every follow-up the person answers for, filtered by state (open ones by default), 50 a page."""
    today = schedule.paris_today()
    form = MyFollowUpsFilterForm(request.GET or None)
    state = form.chosen_state()
    queryset, counts = selectors.my_followups(request.user, state=state, today=today)
    form.show_counts(counts)
    page = Paginator(queryset, MY_FOLLOWUPS_PAGE, allow_empty_first_page=True).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    # An observer sees what their partner must do but reports through the secretariat.
    followup_abilities = rules.abilities_for_many(request.user, rows)
    for followup in rows:
        followup.state = decision_states.followup_state(followup.status, followup.due_on, today)
        followup.abilities = followup_abilities[followup.pk]
    token = CalendarToken.objects.filter(user=request.user).first()
    feed_url = request.build_absolute_uri(reverse("governance:person_feed", args=[token.key])) if token else ""
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "governance/my_followups.html", {
        "title": "Mes suites à donner", "nav": "followups", "form": form, "state": state, "rows": rows,
        "page": page, "count": counts[state], "query": query.urlencode(), "today": today,
        "state_label": decision_states.MY_FOLLOWUP_FILTERS[state], "feed_url": feed_url,
        "labels": decision_states.FOLLOWUP_STATE_LABELS, "soon_days": decision_states.SOON_DAYS,
        "breadcrumb": [("Mes suites à donner", None)],
    }, status=400 if form.errors else 200)


@login_required
@require_POST
def calendar_token_reset(request):
    meeting_services.reset_calendar_token(request.user)
    messages.success(request, "Nouveau lien d'agenda créé : l'ancien ne fonctionne plus.")
    return redirect("governance:my_followups")


# --- iCalendar feeds (secret addresses, for calendar software without a session) -----------


def _feed_response(name, meetings):
    response = HttpResponse(feed_ics(name, meetings), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def _feed_window():
    return timezone.now() - datetime.timedelta(days=365)


def body_feed(request, token):
    body = Body.objects.select_related("cooperation").filter(calendar_token=token).first()
    if body is None:
        raise Http404("Agenda introuvable.")
    meetings = (Meeting.objects.filter(body=body, starts_at__gte=_feed_window())
                .select_related("body__cooperation").prefetch_related("items").order_by("starts_at"))
    return _feed_response(f"{body.name} — {body.cooperation.name}", meetings)


def person_feed(request, token):
    calendar_token = CalendarToken.objects.select_related("user").filter(key=token, user__is_active=True).first()
    if calendar_token is None:
        raise Http404("Agenda introuvable.")
    user = calendar_token.user
    meetings = (Meeting.objects.filter(starts_at__gte=_feed_window())
                .filter(Q(body__members__user=user) | Q(body__members__user__isnull=True,
                                                        body__members__partner__people__user=user))
                .distinct().select_related("body__cooperation").prefetch_related("items").order_by("starts_at"))
    return _feed_response(f"Mes réunions — {user.public_name}", meetings)
