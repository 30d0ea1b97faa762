"""Aggregates of a workshop, checked against values computed by hand (see conftest.Session)."""

import math

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entente.workshops.factories import IdeaFactory, ParticipantFactory
from entente.workshops.idea_services import merge_ideas
from entente.workshops.score_services import ScoreInput, submit_scores
from entente.workshops.selectors import Quadrant, workshop_results

pytestmark = pytest.mark.django_db


def result_for(results, idea):
    return next(r for r in results.all_ideas if r.idea.pk == idea.pk)


def test_count_mean_median_and_spread_per_criterion(session):
    result = result_for(workshop_results(session.workshop), session.i1)
    value, feasibility = result.stats[session.value.pk], result.stats[session.feasibility.pk]
    assert (value.count, value.mean, value.median) == (3, 3, 3)
    assert value.spread == pytest.approx(math.sqrt(2 / 3))
    assert (feasibility.count, feasibility.mean, feasibility.median) == (3, 3, 4)
    assert feasibility.spread == pytest.approx(math.sqrt(2))


def test_median_of_an_even_count_is_the_middle_of_the_two_central_values(session):
    result = result_for(workshop_results(session.workshop), session.i2)
    assert result.stats[session.value.pk].median == 2
    assert result.stats[session.value.pk].spread == 1


def test_overall_score_is_the_weighted_mean_of_normalised_criteria(session):
    results = workshop_results(session.workshop)
    assert result_for(results, session.i1).overall == pytest.approx(200 / 3)
    assert result_for(results, session.i2).overall == pytest.approx(200 / 3)


def test_weights_change_the_overall_score(session):
    session.feasibility.weight = 3
    session.feasibility.save()
    result = result_for(workshop_results(session.workshop), session.i2)
    assert result.overall == pytest.approx(100 * (1 / 3 + 3 * 1) / 4)


def test_ties_share_a_rank_and_unscored_pistes_have_none(session):
    results = workshop_results(session.workshop)
    assert [r.rank for r in results.ranked] == [1, 1]
    assert [r.idea.pk for r in results.unscored] == [session.i3.pk]
    assert result_for(results, session.i3).rank is None
    assert result_for(results, session.i3).overall is None


def test_pistes_fall_in_the_quadrant_of_their_value_and_feasibility(session):
    results = workshop_results(session.workshop)
    assert result_for(results, session.i1).quadrant == Quadrant.ENGAGE
    assert result_for(results, session.i2).quadrant == Quadrant.QUICK_WINS
    assert result_for(results, session.i3).quadrant is None


def test_home_bias_compares_own_pistes_with_the_others(session):
    bias = {b.organization: b for b in workshop_results(session.workshop).bias}
    org_a, org_b = bias[session.org_a.name], bias[session.org_b.name]
    assert org_a.own_score == pytest.approx(100 * (5 / 6 + 1) / 2)
    assert org_a.others_score == pytest.approx(50)
    assert org_b.own_score == pytest.approx(100 * (2 / 3 + 1) / 2)
    assert org_b.others_score == pytest.approx(100 * (1 / 3 + 0) / 2)
    assert org_a.difference == pytest.approx(100 * (5 / 6 + 1) / 2 - 50)


def test_participation_per_partner(session):
    participation = {p.organization: p for p in workshop_results(session.workshop).participation}
    org_a = participation[session.org_a.name]
    assert (org_a.participants, org_a.active, org_a.complete, org_a.scores, org_a.expected) == (2, 2, 0, 6, 12)
    assert org_a.completion == 50
    org_b = participation[session.org_b.name]
    assert (org_b.participants, org_b.active, org_b.scores, org_b.expected) == (1, 1, 4, 6)


def test_anonymous_workshop_hides_partners_with_too_few_evaluators(anonymous_session):
    bias = workshop_results(anonymous_session.workshop).bias
    assert all(b.hidden and b.own_score is None and b.others_score is None for b in bias)


def test_anonymous_workshop_shows_partners_with_enough_evaluators(anonymous_session):
    extra = ParticipantFactory(workshop=anonymous_session.workshop, organization=anonymous_session.org_a)
    anonymous_session.give(extra, anonymous_session.i2, 2, 2)
    bias = {b.organization: b for b in workshop_results(anonymous_session.workshop).bias}
    assert not bias[anonymous_session.org_a.name].hidden
    assert bias[anonymous_session.org_b.name].hidden


def test_merged_piste_counts_each_participant_once_with_the_mean_of_their_values(session):
    merge_ideas(session.i1, [session.i2])
    results = workshop_results(session.workshop)
    assert [r.idea.pk for r in results.all_ideas] == [session.i1.pk, session.i3.pk]
    merged = result_for(results, session.i1)
    value, feasibility = merged.stats[session.value.pk], merged.stats[session.feasibility.pk]
    assert (value.count, value.median) == (3, 2.5)
    assert value.mean == pytest.approx(8 / 3)
    assert (feasibility.count, feasibility.mean, feasibility.median) == (3, 3.5, 4)
    assert [s.pk for s in merged.sources] == [session.i2.pk]


def test_results_take_a_constant_number_of_queries(session):
    with CaptureQueriesContext(connection) as few:
        workshop_results(session.workshop)
    for index in range(30):
        idea = IdeaFactory(workshop=session.workshop, organization=session.org_b)
        submit_scores(session.workshop, session.a1, [ScoreInput(idea.pk, session.value.pk, 1 + index % 4)])
    with CaptureQueriesContext(connection) as many:
        workshop_results(session.workshop)
    assert len(many) == len(few) <= 6


def test_the_grid_page_changes_weights_and_the_results_follow(client, world, session):
    from django.urls import reverse

    client.force_login(world.users["coordinateur"])
    data = {}
    for criterion, weight in ((session.value, "1"), (session.feasibility, "3")):
        data.update(
            {
                f"label-{criterion.pk}": criterion.label,
                f"weight-{criterion.pk}": weight,
                f"axis-{criterion.pk}": criterion.axis,
            }
        )
    response = client.post(reverse("workshops:grid", args=[world.own.slug, session.workshop.pk]), data)
    assert response.status_code == 302
    assert result_for(workshop_results(session.workshop), session.i2).overall == pytest.approx(100 * (1 / 3 + 3) / 4)


def test_the_grid_page_refuses_a_negative_weight(client, world, session):
    from django.urls import reverse

    client.force_login(world.users["coordinateur"])
    data = {
        f"label-{session.value.pk}": "Plus-value",
        f"weight-{session.value.pk}": "-1",
        f"axis-{session.value.pk}": "valeur",
        f"label-{session.feasibility.pk}": "Faisabilité",
        f"weight-{session.feasibility.pk}": "1",
        f"axis-{session.feasibility.pk}": "faisabilite",
    }
    response = client.post(reverse("workshops:grid", args=[world.own.slug, session.workshop.pk]), data)
    assert response.status_code == 400
    assert "doit être positif" in response.content.decode()


def test_the_pistes_that_divide_most_come_first(session):
    disputed = workshop_results(session.workshop).most_disputed()
    assert [(item.idea, round(spread, 3)) for item, spread in disputed] == [
        (session.i1, round(math.sqrt(2), 3)),
        (session.i2, 1.0),
    ]
