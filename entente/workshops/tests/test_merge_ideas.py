"""Merges keep authors, origins and scores, and can be undone."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from entente.workshops.idea_services import merge_ideas, unmerge_idea
from entente.workshops.models import Score
from entente.workshops.selectors import workshop_results
from entente.workshops.services import set_phase

pytestmark = pytest.mark.django_db


def test_merge_keeps_every_score_and_author(session):
    session.i2.authors.add(session.b1)
    before = Score.objects.count()
    merge_ideas(session.i1, [session.i2])
    assert Score.objects.count() == before
    session.i2.refresh_from_db()
    assert session.i2.merged_into == session.i1
    assert list(session.i2.authors.all()) == [session.b1]


def test_unmerge_restores_the_results_as_before(session):
    before = {r.idea.pk: r.overall for r in workshop_results(session.workshop).all_ideas}
    merge_ideas(session.i1, [session.i2])
    session.i2.refresh_from_db()
    unmerge_idea(session.i2)
    after = {r.idea.pk: r.overall for r in workshop_results(session.workshop).all_ideas}
    assert after == before


def test_merging_a_group_into_a_new_target_hands_its_members_over(session):
    merge_ideas(session.i2, [session.i3])
    merge_ideas(session.i1, [session.i2])
    session.i3.refresh_from_db()
    assert session.i3.merged_into == session.i1


def test_a_merged_piste_cannot_be_a_target(session):
    merge_ideas(session.i1, [session.i2])
    session.i2.refresh_from_db()
    with pytest.raises(ValidationError, match="cible a elle-même été fusionnée"):
        merge_ideas(session.i2, [session.i3])


def test_merges_are_refused_once_the_workshop_is_closed(session):
    set_phase(session.workshop, "clos")
    session.i1.workshop.refresh_from_db()
    with pytest.raises(PermissionDenied):
        merge_ideas(session.i1, [session.i2])


def test_unmerging_a_piste_that_is_not_merged_is_refused(session):
    with pytest.raises(ValidationError, match="n'est pas fusionnée"):
        unmerge_idea(session.i2)
