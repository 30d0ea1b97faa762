"""« Mes suites à donner » shows every follow-up of mine, filtered by state, at a constant query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entente.governance import decision_services, schedule
from entente.governance.factories import FollowUpFactory

from .conftest import page_text

pytestmark = pytest.mark.django_db

URL = "/mes-suites-a-donner/"


@pytest.fixture
def mine(world, decision):
    membre = world.users["membre"]
    today = schedule.paris_today()
    later = decision_services.add_followup(
        decision=decision, title="Préparer la convention", owner=membre, due_on=today + datetime.timedelta(weeks=6)
    )
    late = decision_services.add_followup(
        decision=decision, title="Relancer la préfecture", owner=membre, due_on=today - datetime.timedelta(days=3)
    )
    done = decision_services.add_followup(decision=decision, title="Envoyer la note", owner=membre, due_on=today)
    decision_services.update_followup(done, status="faite", evidence="Note envoyée le 2 mars.")
    other = decision_services.add_followup(
        decision=decision, title="Suite du coordinateur", owner=world.users["coordinateur"], due_on=today
    )
    return {"later": later, "late": late, "done": done, "other": other}


def test_a_followup_due_in_six_weeks_is_listed_by_default(client, world, mine):
    client.force_login(world.users["membre"])
    text = page_text(client.get(reverse("governance:my_followups")))
    assert "Préparer la convention" in text and "Relancer la préfecture" in text
    assert "Envoyer la note" not in text  # done: not among the open ones
    assert "Suite du coordinateur" not in text


@pytest.mark.parametrize(
    ("state", "shown", "hidden"),
    [
        ("en_retard", ["Relancer la préfecture"], ["Préparer la convention", "Envoyer la note"]),
        ("dans_les_temps", ["Préparer la convention"], ["Relancer la préfecture", "Envoyer la note"]),
        ("faite", ["Envoyer la note"], ["Relancer la préfecture", "Préparer la convention"]),
        ("toutes", ["Envoyer la note", "Relancer la préfecture", "Préparer la convention"], []),
    ],
)
def test_filter_by_state(client, world, mine, state, shown, hidden):
    client.force_login(world.users["membre"])
    response = client.get(URL, {"state": state})
    assert response.status_code == 200
    text = page_text(response)
    assert all(title in text for title in shown)
    assert not any(title in text for title in hidden)


def test_filter_labels_give_each_count(client, world, mine):
    client.force_login(world.users["membre"])
    text = page_text(client.get(URL))
    assert "En retard (1)" in text and "Faites (1)" in text and "Ouvertes (à faire ou en cours) (2)" in text


def test_unknown_state_is_refused_in_french(client, world, mine):
    client.force_login(world.users["membre"])
    response = client.get(URL, {"state": "n_importe_quoi"})
    assert response.status_code == 400
    assert "État inconnu" in page_text(response)


def test_done_followup_keeps_its_status_selected_in_the_form(client, world, mine):
    client.force_login(world.users["membre"])
    text = page_text(client.get(URL, {"state": "faite"}))
    assert 'value="faite" selected' in text


def test_query_count_is_constant_whatever_the_number_of_followups(client, world, decision):
    membre = world.users["membre"]
    client.force_login(membre)
    today = schedule.paris_today()
    FollowUpFactory(decision=decision, owner=membre, due_on=today)
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"state": "toutes"})
    FollowUpFactory.create_batch(20, decision=decision, owner=membre, due_on=today + datetime.timedelta(days=60))
    FollowUpFactory.create_batch(20, decision=decision, owner_partner=world.partners[world.own.pk][0], due_on=today)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"state": "toutes"})
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302


def test_api_lists_all_of_mine_in_a_state(client, world, mine):
    client.force_login(world.users["membre"])
    titles = [row["title"] for row in client.get("/api/v1/me/follow-ups", {"etat": "dans_les_temps"}).json()]
    assert titles == ["Préparer la convention"]
    titles = {row["title"] for row in client.get("/api/v1/me/follow-ups", {"etat": "toutes"}).json()}
    assert titles == {"Préparer la convention", "Relancer la préfecture", "Envoyer la note"}


def test_api_refuses_an_unknown_state_in_french(client, world, mine):
    client.force_login(world.users["membre"])
    response = client.get("/api/v1/me/follow-ups", {"etat": "bidon"})
    assert response.status_code == 422  # a value outside the documented ones, as every API refusal of input
    assert "État inconnu" in response.json()["detail"]
