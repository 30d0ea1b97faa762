"""Pages of a workshop: list, creation, description and facilitation.

Joining, proposing and scoring are in participation_views.py; results, similar pistes,
arbitration, import and export in results_views.py; the grid and domains in setup_views.py.
"""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user

from . import idea_services, participant_services, services
from .forms import WorkshopForm
from .models import PHASE_ORDER, ArbitrationStatus, Idea, Participant, Phase, Workshop
from .participation_selectors import live_participation
from .rules import abilities, get_workshop_for_user
from .selectors import with_decision_links


def workshop_context(request, workshop, page_title, **extra):
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
    context["workshop_abilities"] = abilities(request.user, workshop, cooperation_abilities=context["abilities"])
    return context


def workshop_list(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "workshops_view")
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
    cooperation = get_cooperation_for_user(request.user, slug, "workshops_run")
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
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
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
        workshop_context(request, workshop, "Modifier l'atelier", form=form, editing=True),
        status=400 if form.errors else 200,
    )


def _arbitrations_with_links(workshop) -> list:
    return with_decision_links(workshop.arbitrations.all()[:5])


def workshop_detail(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk)
    counts = Idea.objects.filter(workshop=workshop, merged_into__isnull=True).aggregate(
        total=Count("id"),
        retained=Count("id", filter=Q(arbitration_status=ArbitrationStatus.RETAINED)),
    )
    return render(
        request,
        "workshops/detail.html",
        workshop_context(
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
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    url = join_url(request, workshop)
    qr = segno.make(url, error="m").svg_inline(scale=5, title=f"QR code pour rejoindre l'atelier : {url}")
    participants = Participant.objects.filter(workshop=workshop).select_related("organization")
    other_workshops = Workshop.objects.filter(cooperation=workshop.cooperation).exclude(pk=workshop.pk)
    return render(
        request,
        "workshops/facilitate.html",
        workshop_context(
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
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    return render(request, "workshops/_live_ideas.html", _live_context(workshop))


def _live_context(workshop) -> dict:
    """What the facilitation screen refreshes: pistes arriving, then scoring progress."""
    if workshop.phase == Phase.SCORING:
        return {"workshop": workshop, "ideas": [], "participation": live_participation(workshop)}
    return {"workshop": workshop, "ideas": _live_ideas(workshop)}


@require_POST
def change_phase(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    try:
        services.move_phase(workshop, request.POST.get("direction", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workshops:facilitate", slug, pk)
    messages.success(request, f"L'atelier est passé en phase « {workshop.get_phase_display()} ».")
    return redirect("workshops:facilitate", slug, pk)


@require_POST
def renew_code(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    services.renew_join_code(workshop)
    messages.success(
        request,
        f"Nouveau code de participation : {workshop.join_code}. L'ancien ne permet plus d'entrer ; "
        "les personnes déjà entrées gardent leur place.",
    )
    return redirect("workshops:facilitate", slug, pk)


@require_POST
def copy_ideas(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    source = Workshop.objects.filter(cooperation=workshop.cooperation, pk=_int(request.POST.get("source"))).first()
    if source is None or source.pk == workshop.pk:
        messages.error(request, "Choisissez un autre atelier de la coopération.")
        return redirect("workshops:facilitate", slug, pk)
    try:
        copied = idea_services.copy_ideas(source_workshop=source, target_workshop=workshop)
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
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    participant = get_object_or_404(Participant, pk=participant_pk, workshop=workshop)
    if request.POST.get("action") == "retablir":
        participant_services.reinstate_participant(participant)
        messages.success(request, f"Participation de « {participant.display_name} » rétablie.")
    else:
        discard = request.POST.get("action") == "retirer"
        try:
            participant_services.revoke_participant(participant, discard_scores=discard)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("workshops:facilitate", slug, pk)
        messages.success(
            request,
            f"Participation de « {participant.display_name} » révoquée"
            f"{', ses notes sont retirées des résultats' if discard else ''}.",
        )
    return redirect("workshops:facilitate", slug, pk)
