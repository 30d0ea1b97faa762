"""On PostgreSQL, two tabs (many, here) converting the same card or spending the last dots at once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory
from entente.core.testing import run_in_threads
from entente.governance.decision_models import FollowUp
from entente.governance.factories import DecisionFactory
from entente.reflexivity import board_services
from entente.reflexivity.board_models import CardColumn, CardConversion, DotVote

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 8


@pytest.fixture
def board():
    assert connection.vendor == "postgresql", "ce test de concurrence s'exécute sur PostgreSQL (make test)"
    cooperation = CooperationFactory()
    member = UserFactory()
    MembershipFactory(cooperation=cooperation, user=member, role="membre")
    decision = DecisionFactory(item__meeting__body__cooperation=cooperation)
    board = board_services.create_board(cooperation=cooperation, user=member, title="Séminaire", dots_per_person=3)
    card = board_services.add_card(
        board=board, user=member, column=CardColumn.OBSTACLE, text="Le temps", decision=decision
    )
    return member, card


def test_a_card_converted_from_many_tabs_at_once_gives_one_followup(board):
    member, card = board
    due = datetime.date.today() + datetime.timedelta(days=30)
    errors = run_in_threads(
        lambda i: board_services.convert_to_followup(card, user=member, due_on=due, owner=member), THREADS
    )
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, ValidationError) and "déjà été transformée" in error.messages[0] for error in errors)
    assert FollowUp.objects.count() == 1 and CardConversion.objects.filter(card=card).count() == 1


def test_dots_spent_from_many_tabs_at_once_stop_at_the_allowance(board):
    member, card = board
    errors = run_in_threads(lambda i: board_services.add_dot(card, user=member), THREADS)
    assert len(errors) == THREADS - 3 and all(isinstance(error, ValidationError) for error in errors)
    assert DotVote.objects.get(card=card, voter=member).count == 3
