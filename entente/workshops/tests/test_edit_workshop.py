"""A workshop's description, facilitator and anonymity are edited from a page."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
from entente.workshops.score_services import ScoreInput, submit_scores
from entente.workshops.services import update_workshop


def edit_url(world, workshop, name="edit"):
    return reverse(f"workshops:{name}", args=[world.own.slug, workshop.pk])


def fields(workshop, **changes):
    data = {
        "title": workshop.title,
        "kind": workshop.kind,
        "host": workshop.host,
        "held_on": workshop.held_on,
        "place": workshop.place,
        "facilitator": workshop.facilitator,
        "anonymous": workshop.anonymous,
    }
    return {**data, **changes}


def test_a_coordinator_sets_date_place_and_facilitator(client, world):
    workshop = WorkshopFactory(cooperation=world.own)
    member = world.users["membre"]
    client.force_login(world.users["coordinateur"])
    response = client.post(
        edit_url(world, workshop),
        {
            "title": "Atelier des DGA",
            "kind": "commun",
            "held_on": "2026-03-12",
            "place": "Blois",
            "facilitator": member.pk,
        },
    )
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert (workshop.title, str(workshop.held_on), workshop.place, workshop.facilitator) == (
        "Atelier des DGA",
        "2026-03-12",
        "Blois",
        member,
    )
    assert workshop.history.count() >= 2


def test_the_creation_form_offers_the_members_as_facilitators(client, world):
    client.force_login(world.users["coordinateur"])
    page = client.get(reverse("workshops:create", args=[world.own.slug])).content.decode()
    assert "Animateur·rice" in page
    assert world.users["membre"].public_name in page
    assert world.users["observateur"].public_name not in page


def test_the_designated_facilitator_runs_the_workshop_without_the_coordinator_role(client, world):
    workshop = WorkshopFactory(cooperation=world.own, facilitator=world.users["contributeur"])
    client.force_login(world.users["contributeur"])
    assert client.get(edit_url(world, workshop, "facilitate")).status_code == 200
    assert client.get(edit_url(world, workshop, "results")).status_code == 200
    page = client.get(edit_url(world, workshop, "detail")).content.decode()
    assert "Animation" in page
    assert client.post(edit_url(world, workshop, "phase"), {"direction": "suivante"}).status_code == 302
    workshop.refresh_from_db()
    assert workshop.phase == "evaluation"


def test_another_contributor_does_not_run_it(client, world):
    workshop = WorkshopFactory(cooperation=world.own, facilitator=world.users["membre"])
    client.force_login(world.users["contributeur"])
    assert client.get(edit_url(world, workshop, "facilitate")).status_code == 403


def test_anonymity_is_kept_once_someone_has_scored(world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True, anonymous=True)
    criterion = workshop.grid.criteria.first()
    submit_scores(
        workshop,
        ParticipantFactory(workshop=workshop),
        [ScoreInput(IdeaFactory(workshop=workshop).pk, criterion.pk, 2)],
    )
    with pytest.raises(ValidationError, match="reste anonyme"):
        update_workshop(workshop, **fields(workshop, anonymous=False))
    workshop.refresh_from_db()
    assert workshop.anonymous


def test_anonymity_can_be_switched_on_later_or_off_before_any_score(world):
    workshop = WorkshopFactory(cooperation=world.own, anonymous=True)
    update_workshop(workshop, **fields(workshop, anonymous=False))
    assert not workshop.anonymous
    update_workshop(workshop, **fields(workshop, anonymous=True))
    workshop.refresh_from_db()
    assert workshop.anonymous


def test_the_page_refuses_to_withdraw_anonymity_in_french(client, world):
    workshop = WorkshopFactory(cooperation=world.own, scoring=True, anonymous=True)
    criterion = workshop.grid.criteria.first()
    submit_scores(
        workshop,
        ParticipantFactory(workshop=workshop),
        [ScoreInput(IdeaFactory(workshop=workshop).pk, criterion.pk, 2)],
    )
    client.force_login(world.users["coordinateur"])
    response = client.post(edit_url(world, workshop), {"title": workshop.title, "kind": "commun"})
    assert response.status_code == 400
    assert "reste anonyme" in response.content.decode()


def test_a_member_cannot_edit_a_workshop(client, world):
    workshop = WorkshopFactory(cooperation=world.own)
    client.force_login(world.users["membre"])
    response = client.post(edit_url(world, workshop), {"title": "Piraté", "kind": "commun"})
    assert response.status_code == 403
    workshop.refresh_from_db()
    assert workshop.title != "Piraté"


def test_the_edit_page_shows_the_date_so_that_saving_keeps_it(client, world):
    import datetime

    workshop = WorkshopFactory(cooperation=world.own, held_on=datetime.date(2026, 3, 12))
    client.force_login(world.users["coordinateur"])
    page = client.get(edit_url(world, workshop)).content.decode()
    assert 'value="2026-03-12"' in page


def test_the_arbitration_date_is_filled_with_today(client, world):
    from django.utils import timezone

    workshop = WorkshopFactory(cooperation=world.own, closed=True)
    client.force_login(world.users["coordinateur"])
    page = client.get(edit_url(world, workshop, "arbitrate")).content.decode()
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page
