"""Pages of a workshop: list, creation, facilitation, joining, proposing and scoring.

Results, similar pistes, arbitration, import and export are in views_results.py.
"""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import can, get_cooperation_for_user
from entente.core.throttle import client_address

from . import services
from .forms import IdeaForm, JoinCodeForm, JoinForm, WorkshopForm
from .models import JOINABLE_PHASES, PHASE_ORDER, Idea, Participant, Workshop
from .ratelimit import (
    JOIN_REFUSED_MESSAGE,
    RATE_LIMITED_MESSAGE,
    allow_score,
    join_throttled_message,
    join_wait,
    record_seat,
    record_wrong_code,
)
from .rules import (
    can_edit_idea,
    get_workshop_for_participant,
    get_workshop_for_user,
    is_facilitator,
    require_phase,
    session_participant,
    workshop_abilities,
)
from .selectors import live_participation, participant_progress, scoring_sheet


def _workshop_context(request, workshop, page_title, **extra):
    crumbs = [
        ("Ateliers", reverse("workshops:list", args=[workshop.cooperation.slug])),
        (workshop.title, workshop.get_absolute_url() if page_title != workshop.title else None),
    ]
    if page_title != workshop.title:
        crumbs.append((page_title, None))
    context = space_context(
        request,
        workshop.cooperation,
        page_title=page_title,
        crumbs=crumbs,
        workshop=workshop,
        phases=PHASE_ORDER,
        **extra,
    )
    context["abilities"] = workshop_abilities(request.user, workshop, context["abilities"])
    return context


def workshop_list(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view_workshops")
    workshops = (
        Workshop.objects.filter(cooperation=cooperation)
        .select_related("host__organization", "facilitator")
        .annotate(
            idea_count=Count("ideas", filter=Q(ideas__merged_into__isnull=True), distinct=True),
            participant_count=Count("participants", filter=Q(participants__revoked_at__isnull=True), distinct=True),
        )
    )
    return render(
        request,
        "workshops/list.html",
        space_context(
            request,
            cooperation,
            page_title="Ateliers",
            workshops=workshops,
        ),
    )


def workshop_create(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "run_workshops")
    form = WorkshopForm(request.POST or None, cooperation=cooperation, initial={"facilitator": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.create_workshop(cooperation=cooperation, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Atelier créé. Code de participation : {workshop.join_code}.")
            return redirect("workshops:facilitate", slug, workshop.pk)
    return render(
        request,
        "workshops/form.html",
        space_context(
            request,
            cooperation,
            page_title="Nouvel atelier",
            form=form,
            crumbs=[("Ateliers", reverse("workshops:list", args=[slug])), ("Nouvel atelier", None)],
        ),
        status=400 if form.errors else 200,
    )


def workshop_edit(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "run_workshops")
    initial = {
        "title": workshop.title,
        "kind": workshop.kind,
        "host": workshop.host_id,
        "held_on": workshop.held_on,
        "place": workshop.place,
        "facilitator": workshop.facilitator_id,
        "anonymous": workshop.anonymous,
    }
    form = WorkshopForm(request.POST or None, cooperation=workshop.cooperation, editing=True, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_workshop(workshop, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Atelier modifié.")
            return redirect("workshops:detail", slug, pk)
    return render(
        request,
        "workshops/form.html",
        _workshop_context(request, workshop, "Modifier l'atelier", form=form, editing=True),
        status=400 if form.errors else 200,
    )


def _arbitrations_with_links(workshop) -> list:
    from .views_results import with_decision_links

    return with_decision_links(workshop.arbitrations.all()[:5])


def workshop_detail(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk)
    counts = Idea.objects.filter(workshop=workshop, merged_into__isnull=True).aggregate(
        total=Count("id"),
        retained=Count("id", filter=Q(arbitration_status="retenue")),
    )
    return render(
        request,
        "workshops/detail.html",
        _workshop_context(
            request,
            workshop,
            workshop.title,
            counts=counts,
            arbitrations=_arbitrations_with_links(workshop),
        ),
    )


def join_url(request, workshop) -> str:
    return request.build_absolute_uri(reverse("workshops:join_code", args=[workshop.join_code]))


def facilitate(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "run_workshops")
    url = join_url(request, workshop)
    qr = segno.make(url, error="m").svg_inline(scale=5, title=f"QR code pour rejoindre l'atelier : {url}")
    participants = Participant.objects.filter(workshop=workshop).select_related("organization")
    other_workshops = Workshop.objects.filter(cooperation=workshop.cooperation).exclude(pk=workshop.pk)
    return render(
        request,
        "workshops/facilitate.html",
        _workshop_context(
            request,
            workshop,
            "Animation",
            join_link=url,
            qr_svg=qr,
            participants=participants,
            **{k: v for k, v in _live_context(workshop).items() if k != "workshop"},
            other_workshops=other_workshops,
        ),
    )


def _live_ideas(workshop):
    return (
        Idea.objects.filter(workshop=workshop, merged_into__isnull=True)
        .select_related("organization", "domain")
        .order_by("-created_at", "-pk")
    )


def live_ideas(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "run_workshops")
    return render(request, "workshops/_live_ideas.html", _live_context(workshop))


def _live_context(workshop) -> dict:
    """What the facilitation screen refreshes: pistes arriving, then scoring progress."""
    if workshop.phase == "evaluation":
        return {"workshop": workshop, "ideas": [], "participation": live_participation(workshop)}
    return {"workshop": workshop, "ideas": _live_ideas(workshop)}


@require_POST
def change_phase(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "run_workshops")
    try:
        services.move_phase(workshop, request.POST.get("direction", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workshops:facilitate", slug, pk)
    messages.success(request, f"L'atelier est passé en phase « {workshop.get_phase_display()} ».")
    return redirect("workshops:facilitate", slug, pk)


@require_POST
def renew_code(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "run_workshops")
    services.renew_join_code(workshop)
    messages.success(
        request,
        f"Nouveau code de participation : {workshop.join_code}. L'ancien ne permet plus d'entrer ; "
        "les personnes déjà entrées gardent leur place.",
    )
    return redirect("workshops:facilitate", slug, pk)


@require_POST
def copy_ideas(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "run_workshops")
    source = Workshop.objects.filter(cooperation=workshop.cooperation, pk=_int(request.POST.get("source"))).first()
    if source is None or source.pk == workshop.pk:
        messages.error(request, "Choisissez un autre atelier de la coopération.")
        return redirect("workshops:facilitate", slug, pk)
    try:
        copied = services.copy_ideas(source_workshop=source, target_workshop=workshop)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
    else:
        messages.success(
            request, f"{copied} piste(s) reprise(s) de « {source.title} », avec leur partenaire et leur origine."
        )
    return redirect("workshops:facilitate", slug, pk)


def _int(value):
    return int(value) if str(value or "").isdigit() else None


@require_POST
def participant_access(request, slug, pk, participant_pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "run_workshops")
    participant = get_object_or_404(Participant, pk=participant_pk, workshop=workshop)
    if request.POST.get("action") == "retablir":
        services.reinstate_participant(participant)
        messages.success(request, f"Participation de « {participant.display_name} » rétablie.")
    else:
        discard = request.POST.get("action") == "retirer"
        try:
            services.revoke_participant(participant, discard_scores=discard)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("workshops:facilitate", slug, pk)
        messages.success(
            request,
            f"Participation de « {participant.display_name} » révoquée"
            f"{', ses notes sont retirées des résultats' if discard else ''}.",
        )
    return redirect("workshops:facilitate", slug, pk)


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
            participant = services.join_with_code(code=workshop.join_code, **form.cleaned_data)
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
    workshop, participant = get_workshop_for_participant(request, slug, pk)
    form = IdeaForm(workshop=workshop)
    ideas = (
        Idea.objects.filter(workshop=workshop, merged_into__isnull=True)
        .select_related("organization", "domain")
        .prefetch_related("authors")
        .order_by("-pk")
    )
    runs = can(request.user, "run_workshops", workshop.cooperation) or is_facilitator(request.user, workshop)
    mine = {idea.pk for idea in ideas if runs or any(a.pk == participant.pk for a in idea.authors.all())}
    return render(
        request,
        "workshops/participate.html",
        _participant_context(
            request,
            workshop,
            participant,
            "Participer",
            form=form,
            ideas=ideas,
            mine=mine,
        ),
    )


def phase_state(request, slug, pk):
    """Polled by participants' pages: tells them when the facilitation changes the phase."""
    workshop, _participant = get_workshop_for_participant(request, slug, pk)
    if request.GET.get("phase") == workshop.phase:
        return HttpResponse(status=204)  # nothing to swap
    return render(request, "workshops/_phase_changed.html", {"workshop": workshop})


def _participant_context(request, workshop, participant, page_title, **extra):
    if can(request.user, "view_workshops", workshop.cooperation):
        return _workshop_context(request, workshop, page_title, participant=participant, **extra)
    # A code holder sees the workshop only, not the cooperation's space.
    return {
        "title": f"{page_title} — {workshop.title}",
        "workshop": workshop,
        "participant": participant,
        "breadcrumb": [(workshop.title, None)],
        **extra,
    }


@require_POST
def idea_create(request, slug, pk):
    workshop, participant = get_workshop_for_participant(request, slug, pk)
    form = IdeaForm(request.POST, workshop=workshop)
    if form.is_valid():
        try:
            services.propose_idea(workshop=workshop, participant=participant, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Piste proposée : elle apparaît sur l'écran de l'animation.")
            return redirect("workshops:participate", slug, pk)
    return render(
        request,
        "workshops/idea_form.html",
        _participant_context(
            request,
            workshop,
            participant,
            "Proposer une piste",
            form=form,
        ),
        status=400,
    )


def idea_edit(request, slug, pk, idea_pk):
    workshop, participant = get_workshop_for_participant(request, slug, pk)
    idea = get_object_or_404(
        Idea.objects.select_related("workshop__cooperation"), pk=idea_pk, workshop=workshop, merged_into__isnull=True
    )
    if not can_edit_idea(request.user, participant, idea):
        raise PermissionDenied("Seuls les auteur·rices de la piste et l'animation peuvent la modifier.")
    require_phase(workshop, "edit_idea")
    initial = {
        "title": idea.title,
        "description": idea.description,
        "domain": idea.domain,
        "organization": idea.organization,
    }
    form = IdeaForm(request.POST or None, workshop=workshop, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_idea(idea, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Piste modifiée.")
            return redirect("workshops:participate", slug, pk)
    return render(
        request,
        "workshops/idea_form.html",
        _participant_context(
            request,
            workshop,
            participant,
            "Modifier la piste",
            form=form,
            idea=idea,
        ),
        status=400 if form.errors else 200,
    )


@require_POST
def idea_delete(request, slug, pk, idea_pk):
    workshop, participant = get_workshop_for_participant(request, slug, pk)
    idea = get_object_or_404(Idea.objects.select_related("workshop__cooperation"), pk=idea_pk, workshop=workshop)
    if not can_edit_idea(request.user, participant, idea):
        raise PermissionDenied("Seuls les auteur·rices de la piste et l'animation peuvent la retirer.")
    try:
        services.withdraw_idea(idea)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Piste « {idea.title} » retirée.")
    return redirect("workshops:participate", slug, pk)


def score_sheet(request, slug, pk):
    workshop, participant = get_workshop_for_participant(request, slug, pk)
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
    workshop, participant = get_workshop_for_participant(request, slug, pk)
    if not allow_score(participant.token):
        return HttpResponse(RATE_LIMITED_MESSAGE, status=429, content_type="text/plain; charset=utf-8")
    try:
        items = _posted_scores(request.POST)
        services.submit_scores(workshop, participant, items)
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
            services.ScoreInput(idea_id, int(key.removeprefix("score-")), int(value))
            for key, value in data.items()
            if key.startswith("score-") and value != ""
        ]
    except ValueError:
        raise ValidationError("Note illisible : choisissez une valeur dans la liste.") from None
    if not items:
        raise ValidationError("Aucune note envoyée : choisissez une valeur pour au moins un critère.")
    return items
