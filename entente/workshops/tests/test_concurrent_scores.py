"""On PostgreSQL, many threads on their own connections: one row per score, never a 500."""

import pytest
from django.db import connection

from entente.core.testing import run_in_threads
from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
from entente.workshops.models import Score
from entente.workshops.score_services import ScoreInput, submit_score, submit_scores

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 24


@pytest.fixture
def sheet(world):
    assert connection.vendor == "postgresql", "ce test de concurrence s'exécute sur PostgreSQL (make test)"
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    criterion = workshop.grid.criteria.first()
    return workshop, ParticipantFactory(workshop=workshop), IdeaFactory(workshop=workshop), criterion


def test_the_same_score_sent_at_once_from_many_connections_is_stored_once(sheet):
    workshop, participant, idea, criterion = sheet
    errors = run_in_threads(
        lambda i: submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=1 + i % 4),
        THREADS,
    )
    assert errors == []
    assert Score.objects.filter(participant=participant, idea=idea, criterion=criterion).count() == 1


def test_batches_racing_on_the_same_scores_never_fail(sheet):
    workshop, participant, idea, criterion = sheet
    other = workshop.grid.criteria.last()
    errors = run_in_threads(
        lambda i: submit_scores(
            workshop,
            participant,
            [
                ScoreInput(idea.pk, criterion.pk, 1 + i % 4),
                ScoreInput(idea.pk, other.pk, 1 + (i + 1) % 4),
            ],
        ),
        THREADS,
    )
    assert errors == []
    assert Score.objects.filter(participant=participant).count() == 2


def test_many_participants_at_once_each_get_their_row(sheet):
    workshop, _participant, idea, criterion = sheet
    seats = [ParticipantFactory(workshop=workshop) for _ in range(THREADS)]
    errors = run_in_threads(
        lambda i: submit_score(workshop, seats[i], idea_id=idea.pk, criterion_id=criterion.pk, value=2),
        THREADS,
    )
    assert errors == []
    assert Score.objects.filter(idea=idea).count() == THREADS


def test_after_the_race_the_last_score_sent_wins(sheet):
    workshop, participant, idea, criterion = sheet
    run_in_threads(
        lambda i: submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=1 + i % 4),
        THREADS,
    )
    submit_score(workshop, participant, idea_id=idea.pk, criterion_id=criterion.pk, value=3)
    assert Score.objects.get(participant=participant, idea=idea, criterion=criterion).value == 3
