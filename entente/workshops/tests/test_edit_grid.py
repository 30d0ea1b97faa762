"""Coordinators build the evaluation grid from the page: criteria, kinds of answer, scales, weights."""

import html
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
from entente.workshops.grid_services import (
    CriterionInput,
    add_criterion,
    apply_grid_preset,
    remove_criterion,
    update_criteria,
)
from entente.workshops.models import Criterion
from entente.workshops.score_services import ScoreInput, submit_scores
from entente.workshops.selectors import workshop_results


@pytest.fixture
def workshop(world):
    return WorkshopFactory(cooperation=world.own)


def grid_url(world, workshop, name="grid", *extra):
    return reverse(f"workshops:{name}", args=[world.own.slug, workshop.pk, *extra])


def test_a_coordinator_adds_a_yes_partly_no_criterion_with_its_weight(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        grid_url(world, workshop, "criterion_add"),
        {"label": "Évite des incohérences ?", "kind": "oui_non", "weight": "1,5", "axis": ""},
    )
    assert response.status_code == 302
    criterion = workshop.grid.criteria.get(label="Évite des incohérences ?")
    assert (criterion.kind, criterion.scale_min, criterion.scale_max) == ("oui_non", 0, 2)
    assert criterion.weight == Decimal("1.5")
    assert [label for _value, label in criterion.choices()] == ["Oui", "En partie", "Non"]
    assert criterion.position > max(c.position for c in workshop.grid.criteria.exclude(pk=criterion.pk))


def test_a_coordinator_adds_a_numeric_scale(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    client.post(
        grid_url(world, workshop, "criterion_add"),
        {"label": "Coût", "kind": "echelle", "scale_min": "0", "scale_max": "5", "weight": "2", "axis": "valeur"},
    )
    criterion = workshop.grid.criteria.get(label="Coût")
    assert (criterion.scale_min, criterion.scale_max, criterion.axis) == (0, 5, "valeur")


def test_an_inverted_scale_is_refused_in_french(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        grid_url(world, workshop, "criterion_add"),
        {"label": "Coût", "kind": "echelle", "scale_min": "4", "scale_max": "1", "weight": "1"},
        follow=True,
    )
    assert "minimum de l'échelle doit être inférieur au maximum" in html.unescape(response.content.decode())
    assert not workshop.grid.criteria.filter(label="Coût").exists()


def test_the_grid_page_shows_the_add_form_and_the_presets(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    page = client.get(grid_url(world, workshop)).content.decode()
    assert "Ajouter un critère" in page
    assert "Oui / en partie / non" in page
    assert "Les quatre questions" in page


def test_the_scale_of_an_unscored_criterion_changes_from_the_table(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    value, feasibility = workshop.grid.criteria.all()
    data = {}
    for criterion, kind, high in ((value, "echelle", "5"), (feasibility, "oui_non", "")):
        data.update(
            {
                f"label-{criterion.pk}": criterion.label,
                f"kind-{criterion.pk}": kind,
                f"min-{criterion.pk}": "1",
                f"max-{criterion.pk}": high,
                f"weight-{criterion.pk}": "1",
                f"axis-{criterion.pk}": criterion.axis,
            }
        )
    assert client.post(grid_url(world, workshop), data).status_code == 302
    value.refresh_from_db()
    feasibility.refresh_from_db()
    assert (value.scale_min, value.scale_max) == (1, 5)
    assert (feasibility.kind, feasibility.scale_min, feasibility.scale_max) == ("oui_non", 0, 2)


def test_the_scale_of_a_scored_criterion_no_longer_changes(world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    value, _feasibility = workshop.grid.criteria.all()
    idea, participant = IdeaFactory(workshop=workshop), ParticipantFactory(workshop=workshop)
    submit_scores(workshop, participant, [ScoreInput(idea.pk, value.pk, 4)])
    with pytest.raises(ValidationError, match="a déjà reçu des notes"):
        update_criteria(workshop, {value.pk: CriterionInput(label=value.label, scale_min=1, scale_max=10)})
    value.refresh_from_db()
    assert value.scale_max == 4
    update_criteria(workshop, {value.pk: CriterionInput(label="Plus-value", weight=Decimal(3), axis="valeur")})
    value.refresh_from_db()
    assert (value.label, value.weight) == ("Plus-value", 3)
    assert value.history.count() >= 1


def test_a_scored_criterion_cannot_be_removed_and_nothing_is_lost(world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    value, feasibility = workshop.grid.criteria.all()
    idea, participant = IdeaFactory(workshop=workshop), ParticipantFactory(workshop=workshop)
    submit_scores(workshop, participant, [ScoreInput(idea.pk, value.pk, 4)])
    with pytest.raises(ValidationError, match="ne peut plus être supprimé"):
        remove_criterion(workshop, value)
    remove_criterion(workshop, feasibility)
    assert list(workshop.grid.criteria.all()) == [value]
    with pytest.raises(ValidationError, match="au moins un critère"):
        remove_criterion(workshop, Criterion.objects.get(pk=value.pk))


def test_a_criterion_added_during_scoring_counts_in_the_results(world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    idea, participant = IdeaFactory(workshop=workshop), ParticipantFactory(workshop=workshop)
    extra = add_criterion(workshop, CriterionInput(label="Économies ?", kind="oui_non", weight=Decimal(2)))
    submit_scores(workshop, participant, [ScoreInput(idea.pk, extra.pk, 2)])
    result = workshop_results(workshop).ranked[0]
    assert result.overall == pytest.approx(100.0)


def test_the_grid_of_a_closed_workshop_does_not_change(world):
    workshop = WorkshopFactory(cooperation=world.own, closed=True)
    with pytest.raises(PermissionDenied):
        add_criterion(workshop, CriterionInput(label="Coût"))


def test_a_preset_replaces_the_grid_until_someone_scores(world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    apply_grid_preset(workshop, "quatre_questions")
    criteria = list(workshop.grid.criteria.all())
    assert [c.kind for c in criteria] == ["oui_non"] * 4
    submit_scores(
        workshop,
        ParticipantFactory(workshop=workshop),
        [ScoreInput(IdeaFactory(workshop=workshop).pk, criteria[0].pk, 1)],
    )
    with pytest.raises(ValidationError, match="ne peut plus être remplacée"):
        apply_grid_preset(workshop, "plus_value_faisabilite")


def test_criteria_are_reordered(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    value, feasibility = workshop.grid.criteria.all()
    client.post(grid_url(world, workshop, "criterion_move", feasibility.pk), {"direction": "monter"})
    assert list(Criterion.objects.filter(grid=workshop.grid)) == [feasibility, value]


def test_a_criterion_of_another_workshop_is_not_found(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    other = WorkshopFactory(cooperation=world.own)
    foreign = other.grid.criteria.first()
    response = client.post(grid_url(world, workshop, "criterion_delete", foreign.pk))
    assert response.status_code == 404
    assert Criterion.objects.filter(pk=foreign.pk).exists()


def test_a_member_cannot_add_a_criterion(client, world, workshop):
    client.force_login(world.users["membre"])
    response = client.post(
        grid_url(world, workshop, "criterion_add"), {"label": "Coût", "kind": "oui_non", "weight": "1"}
    )
    assert response.status_code == 403
    assert not workshop.grid.criteria.filter(label="Coût").exists()
