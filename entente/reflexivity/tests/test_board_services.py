"""Learning boards: cards, dots, conversions that keep their link, and no double conversion."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory
from entente.governance.decision_models import FollowUp
from entente.governance.factories import DecisionFactory, MeetingFactory
from entente.governance.meeting_models import AgendaItem
from entente.reflexivity import board_services as services
from entente.reflexivity.board_models import CardColumn, CardConversion, ConversionKind, DotVote
from entente.workshops.factories import WorkshopFactory
from entente.workshops.models import Idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cooperation = CooperationFactory()
    member = UserFactory()
    MembershipFactory(cooperation=cooperation, user=member, role="membre")
    board = services.create_board(cooperation=cooperation, user=member, title="Séminaire 2019", dots_per_person=2)
    return cooperation, member, board


def card(board, user, text="Le temps à consacrer à la coopération", **links):
    return services.add_card(board=board, user=user, column=CardColumn.OBSTACLE, text=text, **links)


def test_a_card_must_say_something(world):
    _, member, board = world
    with pytest.raises(ValidationError, match="contenu"):
        card(board, member, text="   ")


def test_a_card_cannot_link_a_decision_of_another_cooperation(world):
    _, member, board = world
    with pytest.raises(ValidationError, match="décision"):
        card(board, member, decision=DecisionFactory())


def test_a_closed_board_takes_no_card(world):
    _, member, board = world
    services.update_board(board, title=board.title, dots_per_person=2, is_open=False)
    with pytest.raises(ValidationError, match="clos"):
        card(board, member)


def test_dots_stop_at_the_allowance_of_the_board(world):
    _, member, board = world
    first, second = card(board, member), card(board, member, text="La force de la verticalité")
    assert services.add_dot(first, user=member) == 1
    assert services.add_dot(first, user=member) == 0
    with pytest.raises(ValidationError, match="vos 2 gommettes"):
        services.add_dot(second, user=member)
    assert DotVote.objects.get(card=first, voter=member).count == 2
    assert services.remove_dot(first, user=member) == 1
    assert services.add_dot(second, user=member) == 0


def test_the_allowance_cannot_drop_below_dots_already_placed(world):
    _, member, board = world
    first = card(board, member)
    services.add_dot(first, user=member)
    services.add_dot(first, user=member)
    with pytest.raises(ValidationError, match="déjà posé 2"):
        services.update_board(board, title=board.title, dots_per_person=1)


def test_a_card_becomes_a_followup_of_its_decision_and_keeps_the_link(world):
    cooperation, member, board = world
    decision = DecisionFactory(item__meeting__body__cooperation=cooperation)
    c = card(board, member, decision=decision)
    due = datetime.date(2027, 3, 1)
    conversion = services.convert_to_followup(c, user=member, due_on=due, owner=member)
    followup = FollowUp.objects.get()
    assert conversion.followup == followup and conversion.card == c
    assert followup.decision == decision and followup.title == c.text and followup.due_on == due


def test_a_followup_needs_a_decision(world):
    _, member, board = world
    with pytest.raises(ValidationError, match="décision"):
        services.convert_to_followup(card(board, member), user=member, due_on=datetime.date(2027, 1, 1), owner=member)
    assert not FollowUp.objects.exists()


def test_a_card_converted_twice_gives_one_followup(world):
    cooperation, member, board = world
    decision = DecisionFactory(item__meeting__body__cooperation=cooperation)
    c = card(board, member, decision=decision)
    services.convert_to_followup(c, user=member, due_on=datetime.date(2027, 3, 1), owner=member)
    with pytest.raises(ValidationError, match="déjà été transformée"):
        services.convert_to_followup(c, user=member, due_on=datetime.date(2027, 3, 1), owner=member)
    assert FollowUp.objects.count() == 1


def test_the_unique_constraint_rolls_back_a_conversion_that_lost_the_race(world):
    """Two tabs both read "not converted yet" before either wrote: the database keeps one follow-up."""
    cooperation, member, board = world
    decision = DecisionFactory(item__meeting__body__cooperation=cooperation)
    c = card(board, member, decision=decision)
    services.convert_to_followup(c, user=member, due_on=datetime.date(2027, 3, 1), owner=member)
    not_yet = mock.patch("entente.reflexivity.board_services.CardConversion.objects.filter")
    with not_yet as filtered:
        filtered.return_value.exists.return_value = False
        with pytest.raises(ValidationError, match="déjà été transformée"):
            services.convert_to_followup(c, user=member, due_on=datetime.date(2027, 3, 1), owner=member)
    assert FollowUp.objects.count() == 1
    assert CardConversion.objects.filter(card=c, kind=ConversionKind.FOLLOWUP).count() == 1


def test_the_database_refuses_a_second_conversion_of_the_same_kind(world):
    _, member, board = world
    c = card(board, member)
    CardConversion.objects.create(card=c, kind=ConversionKind.IDEA)
    with pytest.raises(IntegrityError), transaction.atomic():
        CardConversion.objects.create(card=c, kind=ConversionKind.IDEA)


def test_a_card_becomes_a_piste_that_says_where_it_comes_from(world):
    cooperation, member, board = world
    workshop = WorkshopFactory(cooperation=cooperation)
    c = card(board, member)
    conversion = services.convert_to_idea(c, user=member, workshop=workshop)
    idea = Idea.objects.get()
    assert conversion.idea == idea and idea.workshop == workshop
    assert "Séminaire 2019" in idea.origin_label and "Séminaire 2019" in idea.description


def test_a_piste_goes_only_to_a_workshop_gathering_pistes(world):
    cooperation, member, board = world
    workshop = WorkshopFactory(cooperation=cooperation, closed=True)
    with pytest.raises(ValidationError, match="foisonnement"):
        services.convert_to_idea(card(board, member), user=member, workshop=workshop)
    assert not Idea.objects.exists() and not CardConversion.objects.exists()


def test_a_card_goes_on_the_agenda_of_the_next_meeting(world):
    cooperation, member, board = world
    meeting = MeetingFactory(body__cooperation=cooperation)
    assert list(services.upcoming_meetings(cooperation)) == [meeting]
    c = card(board, member)
    conversion = services.convert_to_agenda_item(c, user=member, meeting=meeting)
    item = AgendaItem.objects.get()
    assert conversion.agenda_item == item and item.meeting == meeting
    assert "Séminaire 2019" in item.description


def test_a_converted_card_stays_on_the_board(world):
    cooperation, member, board = world
    c = card(board, member)
    services.convert_to_agenda_item(c, user=member, meeting=MeetingFactory(body__cooperation=cooperation))
    with pytest.raises(ValidationError, match="garder le lien"):
        services.delete_card(c)


def test_one_entry_point_answers_the_abilities_of_boards_cards_and_exchanges(world):
    from entente.reflexivity.rules import abilities

    cooperation, member, board = world
    observer = UserFactory()
    MembershipFactory(cooperation=cooperation, user=observer, role="observateur")
    c = card(board, member)
    assert abilities(member, board)["convert"] and abilities(member, c)["edit"]
    assert abilities(observer, board)["view"] and not abilities(observer, c)["vote"]
    services.update_board(board, title=board.title, dots_per_person=2, is_open=False)
    assert not abilities(member, board)["write"] and not abilities(member, c)["vote"]


def test_the_board_exports_one_line_per_card_with_its_dots_and_what_it_became(world):
    import io

    from openpyxl import load_workbook

    from entente.reflexivity.board_exports import board_csv, board_xlsx

    cooperation, member, board = world
    first = card(board, member)
    second = card(board, member, text="=SOMME(A1:A2)")
    services.add_dot(second, user=member)
    services.convert_to_agenda_item(first, user=member, meeting=MeetingFactory(body__cooperation=cooperation))
    lines = board_csv(board).decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Colonne;Regroupement;Carte;Gommettes")
    assert lines[1].split(";")[2:4] == ["'=SOMME(A1:A2)", "1"]  # most dotted first, no formula run
    assert lines[2].split(";")[8] == "Point à l'ordre du jour"
    sheet = load_workbook(io.BytesIO(board_xlsx(board))).active
    assert [cell.value for cell in sheet[3]][2] == first.text and sheet.max_row == 3


def test_the_card_form_offers_aucune_and_cuts_a_long_decision_with_an_ellipsis(world):
    """No Django « --------- » in a French form, no decision text cut in the middle of a word without a mark."""
    from entente.reflexivity.board_forms import CardForm

    cooperation, _member, _board = world
    DecisionFactory(
        cooperation=cooperation,
        text="Le collectif prend acte de l'hétérogénéité des attentes selon la taille des communes.",
    )
    html = str(CardForm(cooperation=cooperation))
    assert "---------" not in html and ">Aucune</option>" in html
    assert "…</option>" in html
