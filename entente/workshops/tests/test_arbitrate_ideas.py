"""Arbitration: recorded with its date and body, each piste keeps its latest status."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from entente.workshops.arbitration_services import DecisionInput, arbitrate
from entente.workshops.selectors import idea_evaluation
from entente.workshops.services import set_phase

pytestmark = pytest.mark.django_db


def test_arbitration_records_body_date_and_statuses(session, world):
    set_phase(session.workshop, "clos")
    arbitration = arbitrate(
        workshop=session.workshop,
        user=world.users["coordinateur"],
        body="Comité de pilotage",
        decided_on=datetime.date(2026, 3, 2),
        decisions=[
            DecisionInput(session.i1.pk, "retenue", "Priorité des DGS"),
            DecisionInput(session.i2.pk, "reportee"),
        ],
    )
    assert arbitration.decisions.count() == 2
    session.i1.refresh_from_db()
    assert (session.i1.arbitration_status, session.i1.arbitration_reason) == ("retenue", "Priorité des DGS")
    assert session.i1.history.first().arbitration_status == "retenue"


def test_a_later_arbitration_changes_the_status_and_keeps_the_first(session, world):
    set_phase(session.workshop, "clos")
    for status in ("reportee", "retenue"):
        session.arbitrate_first(status, body="CODIRI")
    session.i1.refresh_from_db()
    assert session.i1.arbitration_status == "retenue"
    assert session.workshop.arbitrations.count() == 2


def test_arbitration_before_closing_is_refused(session):
    with pytest.raises(PermissionDenied, match="clos"):
        session.arbitrate_first()


def test_an_unknown_status_stores_nothing(session):
    set_phase(session.workshop, "clos")
    with pytest.raises(ValidationError):
        session.arbitrate_first("peut-etre")
    assert session.workshop.arbitrations.count() == 0


def test_the_portfolio_reads_score_rank_and_status(session):
    set_phase(session.workshop, "clos")
    session.arbitrate_first()
    evaluation = idea_evaluation([session.i1.pk, session.i3.pk])
    assert evaluation[session.i1.pk]["rank"] == 1
    assert evaluation[session.i1.pk]["overall"] == pytest.approx(200 / 3)
    assert evaluation[session.i1.pk]["status"] == "retenue"
    assert evaluation[session.i3.pk] == {
        "overall": None,
        "rank": None,
        "workshop": session.workshop.title,
        "status": "",
    }
