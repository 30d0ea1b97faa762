"""A workshop's arbitration is recorded as a decision of a meeting of the body that took it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from entente.governance import arbitration as gov_arbitration
from entente.governance import body_services, history, meeting_services
from entente.governance.decision_models import Decision
from entente.governance.meeting_models import Meeting
from entente.workshops.arbitration_services import DecisionInput, arbitrate
from entente.workshops.factories import IdeaFactory, WorkshopFactory
from entente.workshops.models import Arbitration, Idea

from .conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    workshop = WorkshopFactory(cooperation=world.own, phase="clos", title="Atelier des DGS")
    for title in ("Formation commune", "Observatoire partagé", "Achats groupés"):
        IdeaFactory(workshop=workshop, title=title)
    return workshop


@pytest.fixture
def steering(world):
    return body_services.create_body(cooperation=world.own, name="Comité de pilotage", kind="comite_pilotage")


@pytest.fixture
def held_meeting(steering):
    start = timezone.now() - datetime.timedelta(days=3)
    return meeting_services.schedule_meeting(
        body=steering, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )


@pytest.fixture
def decision(world, workshop, held_meeting):
    """The coordinator's arbitration at the held meeting, retaining "Formation commune": its decision."""
    arbitrate(
        workshop=workshop,
        user=world.users["coordinateur"],
        decided_on=None,
        sitting=f"reunion-{held_meeting.pk}",
        decisions=[DecisionInput(idea(workshop, "Formation commune").pk, "retenue")],
    )
    return Decision.objects.get(item__meeting=held_meeting)


def idea(workshop, title):
    return Idea.objects.get(workshop=workshop, title=title)


def screen(world, workshop):
    return reverse("workshops:arbitrate", args=[world.own.slug, workshop.pk])


def statuses_post(workshop, **extra):
    return {
        f"status-{idea(workshop, 'Formation commune').pk}": "retenue",
        f"status-{idea(workshop, 'Observatoire partagé').pk}": "retenue",
        f"status-{idea(workshop, 'Achats groupés').pk}": "ecartee",
        f"reason-{idea(workshop, 'Achats groupés').pk}": "Hors champ",
        **extra,
    }


def test_arbitration_on_an_existing_meeting_is_a_decision_listing_the_retained_pistes(
    client, world, workshop, held_meeting
):
    client.force_login(world.users["coordinateur"])
    response = client.post(screen(world, workshop), statuses_post(workshop, sitting=f"reunion-{held_meeting.pk}"))
    assert response.status_code == 302
    decision = Decision.objects.get(item__meeting=held_meeting)
    assert decision.kind == "arbitrage"
    assert "Pistes retenues (2) :\n- Formation commune\n- Observatoire partagé" in decision.text
    assert "Pistes écartées (1) :\n- Achats groupés (Hors champ)" in decision.text
    arbitration = Arbitration.objects.get(workshop=workshop)
    assert decision.arbitration == arbitration
    assert arbitration.body == "Comité de pilotage"
    assert arbitration.decided_on == timezone.localtime(held_meeting.starts_at).date()


def test_decision_appears_in_register_meeting_and_history(client, world, workshop, held_meeting, decision):
    client.force_login(world.users["coordinateur"])
    register = page_text(client.get(reverse("governance:register", args=[world.own.slug])))
    assert decision.reference in register
    meeting_page = page_text(client.get(held_meeting.get_absolute_url()))
    assert (
        decision.reference in meeting_page and "Arbitrage des pistes de l'atelier « Atelier des DGS »" in meeting_page
    )
    assert any(
        entry.kind == "Décision" and entry.label == decision.reference
        for entry in history.entries_for_cooperation(world.own)
    )


def test_workshop_links_to_the_decision_and_the_decision_back(client, world, workshop, decision):
    client.force_login(world.users["coordinateur"])
    assert decision.get_absolute_url() in page_text(client.get(screen(world, workshop)))
    detail = reverse("workshops:detail", args=[world.own.slug, workshop.pk])
    assert decision.get_absolute_url() in page_text(client.get(detail))
    assert screen(world, workshop) in page_text(client.get(decision.get_absolute_url()))


def test_a_new_meeting_is_created_on_the_arbitration_date_without_losing_the_choices(client, world, workshop, steering):
    client.force_login(world.users["coordinateur"])
    day = timezone.localdate() - datetime.timedelta(days=10)
    response = client.post(
        screen(world, workshop), statuses_post(workshop, sitting=f"nouvelle-{steering.pk}", decided_on=day.isoformat())
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(body=steering)
    assert timezone.localtime(meeting.starts_at).date() == day
    assert meeting.status == "tenue"
    assert Decision.objects.get(item__meeting=meeting).arbitration.workshop == workshop
    assert Idea.objects.get(pk=idea(workshop, "Achats groupés").pk).arbitration_status == "ecartee"


def test_a_new_meeting_needs_a_date_and_keeps_what_was_typed(client, world, workshop, steering):
    client.force_login(world.users["coordinateur"])
    response = client.post(screen(world, workshop), statuses_post(workshop, sitting=f"nouvelle-{steering.pk}"))
    assert response.status_code == 400
    text = page_text(response)
    assert "Indiquez la date de la réunion qui arbitre." in text
    assert 'value="Hors champ"' in text
    assert not Meeting.objects.filter(body=steering).exists()
    assert not Arbitration.objects.exists()


def test_future_date_is_refused_for_a_new_meeting(client, world, workshop, steering):
    client.force_login(world.users["coordinateur"])
    day = timezone.localdate() + datetime.timedelta(days=5)
    response = client.post(
        screen(world, workshop), statuses_post(workshop, sitting=f"nouvelle-{steering.pk}", decided_on=day.isoformat())
    )
    assert response.status_code == 400
    assert "ne peut pas être dans le futur" in page_text(response)


def test_another_cooperations_body_or_meeting_is_refused(client, world, workshop, steering):
    other_body = body_services.create_body(cooperation=world.other, name="Comité de pilotage", kind="comite_pilotage")
    start = timezone.now() - datetime.timedelta(days=1)
    other_meeting = meeting_services.schedule_meeting(
        body=other_body, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    client.force_login(world.users["coordinateur"])
    for sitting in (f"reunion-{other_meeting.pk}", f"nouvelle-{other_body.pk}"):
        response = client.post(
            screen(world, workshop), statuses_post(workshop, sitting=sitting, decided_on="2026-01-05")
        )
        assert response.status_code == 400
        assert "n'existe pas dans cette coopération" in page_text(response)
    assert not Decision.objects.exists() and not Arbitration.objects.exists()
    assert not Meeting.objects.filter(body=other_body).exclude(pk=other_meeting.pk).exists()


def test_service_refuses_another_cooperations_meeting_even_when_called_directly(world, workshop, steering):
    from django.core.exceptions import ValidationError

    other_body = body_services.create_body(cooperation=world.other, name="CODIRI", kind="codiri")
    start = timezone.now() - datetime.timedelta(days=1)
    other_meeting = meeting_services.schedule_meeting(
        body=other_body, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    with pytest.raises(ValidationError, match="n'existe pas dans cette coopération"):
        arbitrate(
            workshop=workshop,
            user=world.users["coordinateur"],
            decided_on=None,
            sitting=f"reunion-{other_meeting.pk}",
            decisions=[DecisionInput(idea(workshop, "Formation commune").pk, "retenue")],
        )
    assert not Arbitration.objects.exists()


def test_other_cooperation_cannot_open_the_arbitration_screen(client, world, workshop, held_meeting):
    client.force_login(world.users["other_coordinator"])
    response = client.post(screen(world, workshop), statuses_post(workshop, sitting=f"reunion-{held_meeting.pk}"))
    assert response.status_code == 404
    assert not Decision.objects.exists()


def test_choices_list_only_this_cooperations_bodies_and_meetings_already_held(world, steering, held_meeting):
    later = timezone.now() + datetime.timedelta(days=20)
    future = meeting_services.schedule_meeting(
        body=steering, starts_at=later, ends_at=later + datetime.timedelta(hours=2)
    )
    body_services.create_body(cooperation=world.other, name="Conférence ailleurs", kind="conference_entente")
    choices = gov_arbitration.sitting_choices(world.own)
    assert [group for group, _options in choices] == ["Comité de pilotage"]
    values = [value for value, _label in choices[0][1]]
    assert f"reunion-{held_meeting.pk}" in values and f"reunion-{future.pk}" not in values
    assert f"nouvelle-{steering.pk}" in values


def test_without_bodies_the_screen_says_the_register_is_not_fed(client, world, workshop):
    client.force_login(world.users["coordinateur"])
    text = page_text(client.get(screen(world, workshop)))
    assert "pas au registre des décisions" in text
    assert 'name="body"' in text and 'name="sitting"' not in text


def test_with_bodies_the_free_text_is_gone(client, world, workshop, steering):
    client.force_login(world.users["coordinateur"])
    text = page_text(client.get(screen(world, workshop)))
    assert 'name="sitting"' in text and 'name="body"' not in text
    assert "Nouvelle réunion de « Comité de pilotage » à la date de l'arbitrage" in text


def test_a_facilitator_who_may_not_run_meetings_cannot_write_to_the_register(client, world, workshop, held_meeting):
    workshop.facilitator = world.users["contributeur"]
    workshop.save()
    client.force_login(world.users["contributeur"])
    response = client.post(screen(world, workshop), statuses_post(workshop, sitting=f"reunion-{held_meeting.pk}"))
    assert response.status_code == 400
    assert "Votre rôle ne permet pas d'inscrire une décision" in page_text(response)
    assert not Decision.objects.exists() and not Arbitration.objects.exists()


def test_two_arbitrations_at_one_meeting_share_its_agenda_point(world, workshop, held_meeting):
    for title, status in (("Formation commune", "retenue"), ("Achats groupés", "reportee")):
        arbitrate(
            workshop=workshop,
            user=world.users["coordinateur"],
            decided_on=None,
            sitting=f"reunion-{held_meeting.pk}",
            decisions=[DecisionInput(idea(workshop, title).pk, status)],
        )
    assert held_meeting.items.count() == 1
    assert Decision.objects.filter(item__meeting=held_meeting).count() == 2
