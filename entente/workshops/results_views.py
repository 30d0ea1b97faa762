"""Results, similar pistes and merges, arbitration, import and export of a workshop."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import arbitration_services, hooks, idea_services
from .exports import EXPORTS, export_bytes
from .forms import ArbitrationForm, ImportForm
from .jobs import start_import
from .models import ArbitrationStatus, Idea
from .rules import get_workshop_for_user as _get
from .rules import require_phase
from .selectors import Quadrant, with_decision_links, workshop_results
from .similarity import similar_groups
from .views import workshop_context


def results(request, slug, pk):
    workshop = _get(request.user, slug, pk, "workshops_see_results")
    context = workshop_context(
        request, workshop, "Résultats", results=workshop_results(workshop), quadrant_labels=Quadrant.LABELS
    )
    # The polled refresh renders the same context as the page: its links are gated by the abilities.
    template = "workshops/_results_body.html" if request.htmx else "workshops/results.html"
    return render(request, template, context)


SIMILARITY_THRESHOLDS = [(30, "large (30 %)"), (40, "40 %"), (50, "standard (50 %)"), (65, "strict (65 %)")]


def similar(request, slug, pk):
    workshop = _get(request.user, slug, pk, "workshops_run")
    threshold = _int(request.GET.get("seuil")) or 50
    if threshold not in dict(SIMILARITY_THRESHOLDS):
        threshold = 50
    merged = (
        Idea.objects.filter(workshop=workshop, merged_into__isnull=False)
        .select_related("merged_into", "organization")
        .order_by("merged_into_id", "pk")
    )
    return render(
        request,
        "workshops/similar.html",
        workshop_context(
            request,
            workshop,
            "Pistes similaires",
            groups=similar_groups(workshop, threshold / 100),
            threshold=threshold,
            thresholds=SIMILARITY_THRESHOLDS,
            merged=merged,
            active_ideas=Idea.objects.filter(workshop=workshop, merged_into__isnull=True)
            .select_related("organization")
            .order_by("title"),
        ),
    )


@require_POST
def merge(request, slug, pk):
    workshop = _get(request.user, slug, pk, "workshops_run")
    ids = {int(value) for value in request.POST.getlist("ideas") if value.isdigit()}
    target_id = request.POST.get("target", "")
    ideas = {idea.pk: idea for idea in Idea.objects.filter(workshop=workshop, pk__in=ids | {_int(target_id)})}
    target = ideas.get(_int(target_id))
    if target is None or len(ideas) < 2:
        messages.error(request, "Choisissez au moins deux pistes de l'atelier, dont la piste qui les réunit.")
        return redirect("workshops:similar", slug, pk)
    try:
        idea_services.merge_ideas(target, [idea for key, idea in ideas.items() if key != target.pk])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Pistes fusionnées dans « {target.title} ». Auteurs, origines et notes sont "
            "conservés ; la fusion est réversible.",
        )
    return redirect("workshops:similar", slug, pk)


def _int(value):
    return int(value) if str(value).isdigit() else None


@require_POST
def unmerge(request, slug, pk, idea_pk):
    workshop = _get(request.user, slug, pk, "workshops_run")
    idea = get_object_or_404(Idea, pk=idea_pk, workshop=workshop)
    try:
        idea_services.unmerge_idea(idea)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"« {idea.title} » est de nouveau une piste distincte, avec ses notes.")
    return redirect("workshops:similar", slug, pk)


def arbitrate(request, slug, pk):
    workshop = _get(request.user, slug, pk, "workshops_run")
    recorder = hooks.arbitration_recorder()
    form = ArbitrationForm(
        request.POST or None,
        initial={"decided_on": timezone.localdate()},
        cooperation=workshop.cooperation,
        recorder=recorder,
    )
    outcome = workshop_results(workshop)
    if request.method == "POST":
        require_phase(workshop, "arbitrate")
        if form.is_valid():
            decisions = _posted_decisions(request.POST, outcome.all_ideas)
            try:
                arbitration = arbitration_services.arbitrate(
                    workshop=workshop, user=request.user, decisions=decisions, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                _say_recorded(request, arbitration)
                return redirect("workshops:arbitrate", slug, pk)
    posted = request.POST if request.method == "POST" else {}
    follow_up = hooks.idea_follow_up()
    links = follow_up.links(workshop) if follow_up else {}
    rows = [
        ArbitrationRow(
            item=item,
            status=posted.get(f"status-{item.idea.pk}", ""),
            reason=posted.get(f"reason-{item.idea.pk}", item.idea.arbitration_reason),
            selected=str(item.idea.pk) in (posted.getlist("selected") if posted else []),
            links=links.get(item.idea.pk, []),
            create_url=_create_url(follow_up, workshop, item.idea),
        )
        for item in outcome.all_ideas
    ]
    return render(
        request,
        "workshops/arbitrate.html",
        workshop_context(
            request,
            workshop,
            "Arbitrage",
            form=form,
            results=outcome,
            rows=rows,
            statuses=ArbitrationStatus.choices[1:],
            quadrants=list(Quadrant.LABELS.items()),
            arbitrations=with_decision_links(workshop.arbitrations.prefetch_related("decisions__idea")[:10]),
            bodies_url=recorder.bodies_url(workshop.cooperation) if recorder else "",
        ),
        status=400 if form.errors else 200,
    )


def _say_recorded(request, arbitration) -> None:
    count = arbitration.decisions.count()
    message = f"Arbitrage enregistré : {count} piste{'s' if count > 1 else ''} arbitrée{'s' if count > 1 else ''}."
    decision = arbitration.recorded_decision
    if decision is not None:
        message += f" Décision {decision.reference} inscrite au registre de « {arbitration.body} »."
    messages.success(request, message)


@dataclass
class ArbitrationRow:
    item: object
    status: str
    reason: str
    selected: bool
    links: list  # [(action title, action url), …]
    create_url: str  # makes an action from a retained piste; "" otherwise


def _create_url(follow_up, workshop, idea) -> str:
    if follow_up is None or idea.arbitration_status != ArbitrationStatus.RETAINED:
        return ""
    return follow_up.create_url(workshop.cooperation, idea)


def _posted_decisions(data, items):
    """Each row's own decision; checked rows without one take the bulk decision.

    A row left « inchangée » whose reason was edited keeps its status with the new reason.
    """
    bulk_status, bulk_reason = data.get("bulk_status", ""), data.get("bulk_reason", "").strip()
    selected = set(data.getlist("selected"))
    decisions = []
    for item in items:
        idea = item.idea
        status = data.get(f"status-{idea.pk}", "")
        reason = data.get(f"reason-{idea.pk}", idea.arbitration_reason)
        if not status and bulk_status and str(idea.pk) in selected:
            status, reason = bulk_status, bulk_reason or reason
        if not status and idea.arbitration_status and reason.strip() != idea.arbitration_reason:
            status = idea.arbitration_status
        if status:
            decisions.append(arbitration_services.DecisionInput(idea.pk, status, reason))
    return decisions


def import_view(request, slug, pk):
    """The file is checked here, kept, and imported by the worker: its page shows the report."""
    workshop = _get(request.user, slug, pk, "workshops_run")
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        require_phase(workshop, "import")
        if form.is_valid():
            job = start_import(request.user, workshop, form.cleaned_data["file"])
            return redirect("core:job", job.pk)
        status = 400
    return render(
        request,
        "workshops/import.html",
        workshop_context(request, workshop, "Importer des pistes", form=form),
        status=status,
    )


def export(request, slug, pk, kind, fmt):
    workshop = _get(request.user, slug, pk, "workshops_see_results")
    if kind not in EXPORTS or fmt not in ("csv", "xlsx"):
        raise Http404("Export inconnu.")
    content, content_type = export_bytes(workshop, kind, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="atelier-{workshop.pk}-{kind}.{fmt}"'
    return response
