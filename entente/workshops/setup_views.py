"""Setting a workshop up: its evaluation grid (criteria), and the cooperation's list of domains."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from entente.cooperations.context import space_context
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.numbers import NumberError, fit_places, parse_number

from . import grid_services
from .forms import CriterionForm, DomainForm, GridPresetForm, MatrixBoundsForm
from .grid_services import CriterionInput
from .models import Axis, Criterion, CriterionKind, Domain, Score
from .rules import get_workshop_for_user
from .views import workshop_context


def _refusal(error) -> str:
    # A closed workshop's grid (PermissionDenied) is not caught: it answers 403, like every phase refusal.
    return " ".join(error.messages)


def _bounds_initial(workshop) -> dict:
    return {
        "value_threshold": workshop.value_threshold,
        "feasibility_threshold": workshop.feasibility_threshold,
        "bound_rule": workshop.bound_rule,
    }


@require_POST
def matrix_bounds(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    form = MatrixBoundsForm(request.POST)
    if form.is_valid():
        try:
            grid_services.set_matrix_bounds(workshop, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Seuils de la matrice enregistrés : les pistes sont replacées aussitôt.")
            return redirect(reverse("workshops:results", args=[slug, pk]) + "#matrice")
    return grid(request, slug, pk, bounds_form=form)


def grid(request, slug, pk, bounds_form=None):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    criteria = list(workshop.grid.criteria.annotate(score_count=Count("scores")))
    errors = []
    if request.method == "POST" and bounds_form is None:
        try:
            grid_services.update_criteria(workshop, _posted_criteria(request.POST, criteria))
        except ValidationError as error:
            errors = [_refusal(error)]
        else:
            messages.success(request, "Grille enregistrée : les résultats tiennent compte des modifications.")
            return redirect("workshops:grid", slug, pk)
    return render(
        request,
        "workshops/grid.html",
        workshop_context(
            request,
            workshop,
            "Grille d'évaluation",
            criteria=criteria,
            errors=errors,
            axes=Axis.choices,
            kinds=CriterionKind.choices,
            add_form=CriterionForm(),
            preset_form=GridPresetForm(),
            has_scores=Score.objects.filter(workshop=workshop).exists(),
            bounds_form=bounds_form or MatrixBoundsForm(initial=_bounds_initial(workshop)),
        ),
        status=400 if errors or (bounds_form and bounds_form.errors) else 200,
    )


def _posted_criteria(data, criteria) -> dict[int, CriterionInput]:
    changes = {}
    for criterion in criteria:
        try:
            raw = data.get(f"weight-{criterion.pk}", "")
            weight = fit_places(parse_number(raw), 2, raw.strip())
        except NumberError as error:
            raise ValidationError(f"Poids de « {criterion.label} » : {error}") from None
        changes[criterion.pk] = CriterionInput(
            label=data.get(f"label-{criterion.pk}", "")[:200],
            kind=data.get(f"kind-{criterion.pk}", criterion.kind),
            scale_min=_posted_int(data, f"min-{criterion.pk}", criterion.scale_min, criterion.label),
            scale_max=_posted_int(data, f"max-{criterion.pk}", criterion.scale_max, criterion.label),
            weight=weight,
            axis=data.get(f"axis-{criterion.pk}", ""),
        )
    return changes


def _posted_int(data, key, default, label):
    value = data.get(key, "").strip()
    if not value:
        return default
    try:
        return int(parse_number(value, integer=True))
    except NumberError as error:
        raise ValidationError(f"Échelle de « {label} » : {error}") from None


@require_POST
def criterion_add(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    form = CriterionForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Critère non ajouté : " + " ".join(e for errors in form.errors.values() for e in errors)
        )
        return redirect("workshops:grid", slug, pk)
    try:
        criterion = grid_services.add_criterion(workshop, CriterionInput(**form.cleaned_data))
    except ValidationError as error:
        messages.error(request, "Critère non ajouté : " + _refusal(error))
    else:
        messages.success(request, f"Critère « {criterion.label} » ajouté à la grille.")
    return redirect("workshops:grid", slug, pk)


def _criterion(workshop, criterion_pk):
    return get_object_or_404(Criterion, pk=criterion_pk, grid_id=workshop.grid_id)


@require_POST
def criterion_delete(request, slug, pk, criterion_pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    criterion = _criterion(workshop, criterion_pk)
    try:
        grid_services.remove_criterion(workshop, criterion)
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, f"Critère « {criterion.label} » supprimé.")
    return redirect("workshops:grid", slug, pk)


@require_POST
def criterion_move(request, slug, pk, criterion_pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    try:
        grid_services.move_criterion(workshop, _criterion(workshop, criterion_pk), request.POST.get("direction", ""))
    except ValidationError as error:
        messages.error(request, _refusal(error))
    return redirect("workshops:grid", slug, pk)


@require_POST
def grid_preset(request, slug, pk):
    workshop = get_workshop_for_user(request.user, slug, pk, "workshops_run")
    form = GridPresetForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError("Choisissez une grille proposée.")
        grid_services.apply_grid_preset(workshop, form.cleaned_data["preset"])
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, f"Grille remplacée par « {workshop.grid.name} ».")
    return redirect("workshops:grid", slug, pk)


# Domains of a cooperation -------------------------------------------------------------------


def domains(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "workshops_run")
    form = DomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain = grid_services.add_domain(cooperation, form.cleaned_data["label"])
        except ValidationError as error:
            form.add_error("label", error)
        else:
            messages.success(request, f"Domaine « {domain.label} » ajouté.")
            return redirect("workshops:domains", slug)
    items = (
        Domain.objects.filter(cooperation=cooperation).annotate(idea_count=Count("idea")).order_by("position", "label")
    )
    return render(
        request,
        "workshops/domains.html",
        space_context(
            request,
            cooperation,
            page_title="Domaines des pistes",
            crumbs=[("Ateliers", reverse("workshops:list", args=[slug])), ("Domaines des pistes", None)],
            form=form,
            domains=items,
        ),
        status=400 if form.errors else 200,
    )


def _domain(request, slug, domain_pk):
    cooperation = get_cooperation_for_user(request.user, slug, "workshops_run")
    return get_object_or_404(Domain, pk=domain_pk, cooperation=cooperation)


@require_POST
def domain_edit(request, slug, domain_pk):
    domain = _domain(request, slug, domain_pk)
    try:
        grid_services.rename_domain(domain, request.POST.get("label", ""))
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, f"Domaine renommé en « {domain.label} ».")
    return redirect("workshops:domains", slug)


@require_POST
def domain_move(request, slug, domain_pk):
    domain = _domain(request, slug, domain_pk)
    try:
        grid_services.move_domain(domain, request.POST.get("direction", ""))
    except ValidationError as error:
        messages.error(request, _refusal(error))
    return redirect(reverse("workshops:domains", args=[slug]) + f"#domaine-{domain.pk}")


@require_POST
def domain_delete(request, slug, domain_pk):
    domain = _domain(request, slug, domain_pk)
    try:
        grid_services.remove_domain(domain)
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        messages.success(request, f"Domaine « {domain.label} » supprimé.")
    return redirect("workshops:domains", slug)


@require_POST
def domain_presets(request, slug):
    cooperation = get_cooperation_for_user(request.user, slug, "workshops_run")
    added = grid_services.add_preset_domains(cooperation)
    messages.success(
        request, f"{added} domaine(s) proposé(s) ajouté(s)." if added else "Tous les domaines proposés sont déjà là."
    )
    return redirect("workshops:domains", slug)
