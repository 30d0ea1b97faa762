"""The arbitration screen: bulk decisions, reasons, errors that keep the choices (links to the portfolio:
portfolio/tests/test_pistes_linked_on_the_arbitration_screen.py)."""

import pytest
from django.urls import reverse

from entente.workshops.models import Idea
from entente.workshops.services import set_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def screen(client, world, session):
    set_phase(session.workshop, "clos")
    client.force_login(world.users["coordinateur"])
    return reverse("workshops:arbitrate", args=[world.own.slug, session.workshop.pk])


def statuses(session):
    return dict(Idea.objects.filter(workshop=session.workshop).values_list("pk", "arbitration_status"))


def test_checked_pistes_without_their_own_decision_take_the_bulk_decision(client, session, screen):
    response = client.post(
        screen,
        {
            "body": "Comité de pilotage",
            "decided_on": "2026-03-02",
            "bulk_status": "ecartee",
            "bulk_reason": "Hors champ",
            "selected": [session.i2.pk, session.i3.pk],
            f"status-{session.i3.pk}": "reportee",
            f"status-{session.i1.pk}": "retenue",
        },
    )
    assert response.status_code == 302
    assert statuses(session) == {session.i1.pk: "retenue", session.i2.pk: "ecartee", session.i3.pk: "reportee"}
    session.i2.refresh_from_db()
    assert session.i2.arbitration_reason == "Hors champ"


def test_a_new_reason_alone_is_recorded_with_the_current_status(client, session, screen):
    session.arbitrate_first()
    client.post(screen, {"body": "Comité", "decided_on": "2026-03-09", f"reason-{session.i1.pk}": "Porté par les DGS"})
    session.i1.refresh_from_db()
    assert (session.i1.arbitration_status, session.i1.arbitration_reason) == ("retenue", "Porté par les DGS")
    assert session.workshop.arbitrations.count() == 2


def test_an_error_keeps_the_choices_made_on_the_screen(client, session, screen):
    response = client.post(
        screen,
        {
            "body": "",
            "decided_on": "2026-03-02",
            f"status-{session.i1.pk}": "retenue",
            f"reason-{session.i1.pk}": "Priorité",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert '<option value="retenue" selected>' in page
    assert 'value="Priorité"' in page
    assert statuses(session)[session.i1.pk] == ""


def test_a_retained_piste_offers_to_become_a_portfolio_action(client, world, session, screen):
    session.arbitrate_first()
    page = client.get(screen).content.decode()
    create = reverse("portfolio:action_create", args=[world.own.slug]) + f"?pistes={session.i1.pk}"
    assert create in page
    assert page.count("Créer l&#x27;action") + page.count("Créer l'action") == 1


def test_the_screen_lists_every_piste_with_keyboard_and_bulk_helpers(client, session, screen):
    page = client.get(screen).content.decode()
    assert page.count("data-arbitration-row") == 3
    assert "Raccourcis clavier" in page
    assert 'data-bulk-quadrant="a_engager"' in page
