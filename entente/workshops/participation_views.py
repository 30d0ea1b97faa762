"""Pages of someone taking part: joining with a code, proposing and editing pistes, scoring."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.rules import can
from entente.core.forms import save_valid
from entente.core.throttle import client_address

from . import idea_services, participant_services, score_services
from .forms import IdeaForm, JoinCodeForm, JoinForm
from .models import JOINABLE_PHASES, Idea, Workshop
from .participation_selectors import participant_progress, scoring_sheet
from .ratelimit import (
    JOIN_REFUSED_MESSAGE,
    RATE_LIMITED_MESSAGE,
    allow_score,
    join_throttled_message,
    join_wait,
    record_seat,
    record_wrong_code,
    score_rate_key,
)
from .rules import abilities_for_many, get_idea_for_seat, get_seat_for_user, session_participant
from .views import workshop_context


def _join_throttled(request, template, context, wait):
    context["throttled_message"] = join_throttled_message(wait)
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response


def join(request):
    form = JoinCodeForm(request.POST or request.GET or None)
    context = {"title": "Rejoindre un atelier", "form": form, "breadcrumb": [("Rejoindre un atelier", None)]}
    if form.is_bound and form.is_valid():
        address = client_address(request)
        wait = join_wait(address)
        if wait:
            return _join_throttled(request, "workshops/join.html", context, wait)
        code = form.cleaned_data["code"]
        if Workshop.objects.filter(join_code=code, phase__in=JOINABLE_PHASES).exists():
            return redirect("workshops:join_code", code)
        record_wrong_code(address)
        form.add_error("code", JOIN_REFUSED_MESSAGE)
    return render(request, "workshops/join.html", context, status=400 if form.errors else 200)


def join_code(request, code):
    address = client_address(request)
    wait = join_wait(address, code)
    if wait:
        context = {
            "title": "Rejoindre un atelier",
            "form": JoinCodeForm(),
            "breadcrumb": [("Rejoindre un atelier", None)],
        }
        return _join_throttled(request, "workshops/join.html", context, wait)
    workshop = (
        Workshop.objects.select_related("cooperation", "host__organization").filter(join_code=code.upper()).first()
    )
    if workshop is None:
        record_wrong_code(address)
        raise Http404(JOIN_REFUSED_MESSAGE)
    if request.method == "GET" and session_participant(request.session, workshop) is not None:
        # Scanning the QR code again (or a reload) must not give the same person a second seat.
        return redirect("workshops:participate", workshop.cooperation.slug, workshop.pk)
    form = JoinForm(request.POST or None, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        try:
            participant = participant_services.join_with_code(code=workshop.join_code, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error.messages[0] if isinstance(error, ValidationError) else str(error))
        else:
            record_seat(address, workshop.join_code)
            seats = request.session.get("workshop_seats") or {}
            seats[str(workshop.pk)] = participant.token
            request.session["workshop_seats"] = seats
            return redirect("workshops:participate", workshop.cooperation.slug, workshop.pk)
    return render(
        request,
        "workshops/join_code.html",
        {
            "title": f"Rejoindre « {workshop.title} »",
            "workshop": workshop,
            "form": form,
            "breadcrumb": [("Rejoindre un atelier", reverse("workshops:join")), (workshop.title, None)],
        },
        status=400 if form.errors else 200,
    )


def participate(request, slug, pk):
    participant = get_seat_for_user(request, slug, pk)
    workshop = participant.workshop
    form = IdeaForm(workshop=workshop)
    ideas = (
        Idea.objects.filter(workshop=workshop, merged_into__isnull=True)
        .select_related("organization", "domain")
        .prefetch_related("authors")
        .order_by("-pk")
    )
    context = _participant_context(request, workshop, participant, "Participer", form=form)
    by_idea = abilities_for_many(
        request.user,
        workshop,
        ideas,
        seat=participant,
        workshop_abilities=context.get("workshop_abilities") or NO_POWERS,
    )
    context["ideas"] = [(idea, by_idea[idea.pk]) for idea in ideas]
    return render(request, "workshops/participate.html", context)


def phase_state(request, slug, pk):
    """Polled by participants' pages: tells them when the facilitation changes the phase."""
    _participant = get_seat_for_user(request, slug, pk)
    workshop = _participant.workshop
    if request.GET.get("phase") == workshop.phase:
        return HttpResponse(status=204)  # nothing to swap
    return render(request, "workshops/_phase_changed.html", {"workshop": workshop})


# A code holder has no role in the cooperation: only their seat counts.
NO_POWERS = {"view": False, "take_part": False, "see_results": False, "run": False}


def _participant_context(request, workshop, participant, page_title, **extra):
    if can(request.user, "workshops_view", workshop.cooperation):
        return workshop_context(request, workshop, page_title, participant=participant, **extra)
    # A code holder sees the workshop only, not the cooperation's space.
    return {
        "title": f"{page_title} — {workshop.title}",
        "workshop": workshop,
        "participant": participant,
        "breadcrumb": [(workshop.title, None)],
        **extra,
    }


def _idea_form_page(request, participant, form, title, idea=None):
    """The piste form of a seat, new or filled; 400 when it comes back with errors."""
    context = _participant_context(request, participant.workshop, participant, title, form=form, idea=idea)
    return render(request, "workshops/idea_form.html", context, status=400 if form.errors else 200)


@require_POST
def idea_create(request, slug, pk):
    participant = get_seat_for_user(request, slug, pk)
    workshop = participant.workshop
    form = IdeaForm(request.POST, workshop=workshop)
    if save_valid(form, lambda data: idea_services.propose_idea(workshop=workshop, participant=participant, **data)):
        messages.success(request, "Piste proposée : elle apparaît sur l'écran de l'animation.")
        return redirect("workshops:participate", slug, pk)
    return _idea_form_page(request, participant, form, "Proposer une piste")


def idea_edit(request, slug, pk, idea_pk):
    participant = get_seat_for_user(request, slug, pk)
    workshop = participant.workshop
    idea = get_idea_for_seat(request.user, participant, idea_pk, "edit")
    initial = {
        "title": idea.title,
        "description": idea.description,
        "domain": idea.domain,
        "organization": idea.organization,
    }
    form = IdeaForm(request.POST or None, workshop=workshop, initial=initial)
    if request.method == "POST" and save_valid(form, lambda data: idea_services.edit_idea(idea, **data)):
        messages.success(request, "Piste modifiée.")
        return redirect("workshops:participate", slug, pk)
    return _idea_form_page(request, participant, form, "Modifier la piste", idea=idea)


@require_POST
def idea_delete(request, slug, pk, idea_pk):
    participant = get_seat_for_user(request, slug, pk)
    idea = get_idea_for_seat(request.user, participant, idea_pk, "withdraw")
    try:
        idea_services.withdraw_idea(idea)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Piste « {idea.title} » retirée.")
    return redirect("workshops:participate", slug, pk)


def score_sheet(request, slug, pk):
    participant = get_seat_for_user(request, slug, pk)
    workshop = participant.workshop
    criteria, rows, done = scoring_sheet(workshop, participant)
    rows = [(idea, cells, all(given is not None for _criterion, given in cells)) for idea, cells in rows]
    return render(
        request,
        "workshops/score.html",
        _participant_context(
            request,
            workshop,
            participant,
            "Évaluation",
            criteria=criteria,
            rows=rows,
            done=done,
            total=len(rows),
        ),
    )


@require_POST
def score_submit(request, slug, pk):
    participant = get_seat_for_user(request, slug, pk)
    workshop = participant.workshop
    if not allow_score(score_rate_key(participant)):
        return HttpResponse(RATE_LIMITED_MESSAGE, status=429, content_type="text/plain; charset=utf-8")
    try:
        items = _posted_scores(request.POST)
        score_services.submit_scores(workshop, participant, items)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("workshops:score", args=[slug, pk]))
    except PermissionDenied as error:
        if request.htmx:  # shown as is under the pistes, so plain text rather than the error page
            return HttpResponse(str(error), status=403, content_type="text/plain; charset=utf-8")
        raise
    if request.htmx:
        done, total = participant_progress(workshop, participant)
        return render(request, "workshops/_progress.html", {"done": done, "total": total})
    return redirect(reverse("workshops:score", args=[slug, pk]) + f"#piste-{items[0].idea_id}")


def _posted_scores(data):
    try:
        idea_id = int(data.get("idea", ""))
        items = [
            score_services.ScoreInput(idea_id, int(key.removeprefix("score-")), int(value))
            for key, value in data.items()
            if key.startswith("score-") and value != ""
        ]
    except ValueError:
        raise ValidationError("Note illisible : choisissez une valeur dans la liste.") from None
    if not items:
        raise ValidationError("Aucune note envoyée : choisissez une valeur pour au moins un critère.")
    return items
