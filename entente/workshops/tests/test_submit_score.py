"""Scores: one value per participant, piste and criterion; refused cleanly when wrong."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
from entente.workshops.models import Score
from entente.workshops.participant_services import revoke_participant
from entente.workshops.score_services import ScoreInput, submit_score, submit_scores
from entente.workshops.services import set_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    criterion = workshop.grid.criteria.first()
    return workshop, ParticipantFactory(workshop=workshop), IdeaFactory(workshop=workshop), criterion


def test_the_same_score_sent_twice_is_stored_once_with_the_last_value(sheet):
    workshop, participant, idea, criterion = sheet
    submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=2)
    submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=4)
    assert list(Score.objects.values_list("value", flat=True)) == [4]


def test_a_batch_keeps_the_last_value_of_a_repeated_score(sheet):
    workshop, participant, idea, criterion = sheet
    submit_scores(workshop, participant, [ScoreInput(idea.pk, criterion.pk, 1), ScoreInput(idea.pk, criterion.pk, 3)])
    assert list(Score.objects.values_list("value", flat=True)) == [3]


def test_score_outside_scale_is_refused(sheet):
    workshop, participant, idea, criterion = sheet
    with pytest.raises(ValidationError, match="hors de l'échelle"):
        submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=5)
    assert not Score.objects.exists()


def test_score_in_a_closed_phase_is_refused(sheet):
    workshop, participant, idea, criterion = sheet
    set_phase(workshop, "clos")
    with pytest.raises(PermissionDenied, match="évaluation n'est pas ouverte"):
        submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=2)
    assert not Score.objects.exists()


def test_score_on_a_piste_of_another_workshop_is_refused(sheet, world):
    workshop, participant, _idea, criterion = sheet
    foreign = IdeaFactory(workshop=WorkshopFactory(cooperation=world.own, scoring=True))
    with pytest.raises(ValidationError, match="n'existe pas dans cet atelier"):
        submit_score(workshop, participant, idea_id=foreign.pk, criterion_id=criterion.pk, value=2)
    assert not Score.objects.exists()


def test_criterion_of_another_grid_is_refused(sheet, world):
    workshop, participant, idea, _criterion = sheet
    foreign = WorkshopFactory(cooperation=world.own, scoring=True).grid.criteria.first()
    with pytest.raises(ValidationError, match="ne fait pas partie de la grille"):
        submit_score(workshop, participant, idea_id=idea.pk, criterion_id=foreign.pk, value=2)


def test_someone_not_in_the_workshop_is_refused(sheet, world):
    workshop, _participant, idea, criterion = sheet
    stranger = ParticipantFactory(workshop=WorkshopFactory(cooperation=world.own, scoring=True))
    with pytest.raises(PermissionDenied, match="ne participez pas"):
        submit_score(workshop, stranger, idea_id=idea.pk, criterion_id=criterion.pk, value=2)


def test_a_revoked_participant_is_refused(sheet):
    workshop, participant, idea, criterion = sheet
    revoke_participant(participant)
    with pytest.raises(PermissionDenied):
        submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=2)


def test_a_batch_with_one_wrong_score_stores_nothing(sheet):
    workshop, participant, idea, criterion = sheet
    with pytest.raises(ValidationError):
        submit_scores(
            workshop, participant, [ScoreInput(idea.pk, criterion.pk, 2), ScoreInput(idea.pk, criterion.pk, 9)]
        )
    assert not Score.objects.exists()


def test_a_merged_piste_can_no_longer_be_scored(sheet):
    workshop, participant, idea, criterion = sheet
    target = IdeaFactory(workshop=workshop)
    idea.merged_into = target
    idea.save()
    with pytest.raises(ValidationError, match="fusionnée"):
        submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=2)
