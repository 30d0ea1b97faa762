"""Joining with a code: no account, one workshop only, revocable by the facilitator."""

import pytest
from django.urls import reverse

from entente.workshops.factories import WorkshopFactory
from entente.workshops.models import Idea, Participant, Phase
from entente.workshops.participant_services import revoke_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    return WorkshopFactory(cooperation=world.own)


def join(client, workshop, organization):
    return client.post(
        reverse("workshops:join_code", args=[workshop.join_code]),
        {"display_name": "DGA Ressources", "organization": organization.pk},
    )


def test_a_code_holder_joins_and_proposes_a_piste(client, world, workshop):
    organization = world.partners[world.own.pk][0].organization
    assert join(client, workshop, organization).status_code == 302
    response = client.post(
        reverse("workshops:idea_create", args=[world.own.slug, workshop.pk]), {"title": "Séminaire des cadres commun"}
    )
    assert response.status_code == 302
    idea = Idea.objects.get()
    assert idea.organization == organization
    assert [a.display_name for a in idea.authors.all()] == ["DGA Ressources"]


def test_the_seat_is_valid_for_that_workshop_only(client, world, workshop):
    join(client, workshop, world.partners[world.own.pk][0].organization)
    other = WorkshopFactory(cooperation=world.own)
    response = client.get(reverse("workshops:participate", args=[world.own.slug, other.pk]))
    assert response.status_code == 404


def test_a_revoked_code_holder_is_shut_out(client, world, workshop):
    join(client, workshop, world.partners[world.own.pk][0].organization)
    revoke_participant(Participant.objects.get())
    response = client.get(reverse("workshops:participate", args=[world.own.slug, workshop.pk]))
    assert response.status_code == 403
    assert "révoquée" in response.content.decode()
    scored = client.post(
        reverse("workshops:score_submit", args=[world.own.slug, workshop.pk]), {"idea": 1, "score-1": 2}
    )
    assert scored.status_code == 403


def test_an_organization_outside_the_cooperation_is_refused(client, world, workshop):
    stranger = world.partners[world.other.pk][0].organization
    response = join(client, workshop, stranger)
    assert response.status_code == 400
    assert not Participant.objects.exists()


def test_an_unknown_code_is_refused_with_a_message(client):
    response = client.post(reverse("workshops:join"), {"code": "ZZZZZZ"})
    assert response.status_code == 400
    assert "Ce code ne permet pas de rejoindre un atelier" in response.content.decode()


def test_a_closed_workshops_code_gets_the_same_refusal_as_an_unknown_one(client, world):
    closed = WorkshopFactory(cooperation=world.own, phase=Phase.CLOSED)
    unknown = client.post(reverse("workshops:join"), {"code": "ZZZZZZ"})
    known = client.post(reverse("workshops:join"), {"code": closed.join_code})
    assert known.status_code == unknown.status_code == 400
    assert _errors(known) == _errors(unknown)


def _errors(response):
    return [str(error) for error in response.context["form"].errors["code"]]


def test_wrong_codes_from_one_address_are_throttled_with_429(client, settings, workshop):
    settings.JOIN_CODE_MAX_FAILURES = 5
    for number in range(5):
        client.post(reverse("workshops:join"), {"code": f"ZZZZZ{number + 2}"}, REMOTE_ADDR="203.0.113.9")
    # Even the right code waits: otherwise the 429 itself would not stop the guessing.
    response = client.post(reverse("workshops:join"), {"code": workshop.join_code}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Trop de tentatives" in response.content.decode()
    elsewhere = client.post(reverse("workshops:join"), {"code": workshop.join_code}, REMOTE_ADDR="198.51.100.7")
    assert elsewhere.status_code == 302


def test_guessing_codes_in_the_address_bar_is_counted_too(client, settings, workshop):
    settings.JOIN_CODE_MAX_FAILURES = 3
    for number in range(3):
        assert client.get(f"/ateliers/rejoindre/ZZZZZ{number + 2}/").status_code == 404
    assert client.get(f"/ateliers/rejoindre/{workshop.join_code}/").status_code == 429


def test_a_valid_code_of_a_private_cooperation_seats_a_partner_in_that_workshop_only(client, world):
    private = world.own
    assert not private.is_public
    workshop = WorkshopFactory(cooperation=private)
    assert join(client, workshop, world.partners[private.pk][0].organization).status_code == 302
    # The seat opens the workshop, not the private cooperation around it.
    assert client.get(reverse("workshops:participate", args=[private.slug, workshop.pk])).status_code == 200
    assert client.get(private.get_absolute_url()).status_code == 404


def test_the_code_is_case_insensitive(client, workshop):
    response = client.post(reverse("workshops:join"), {"code": workshop.join_code.lower()})
    assert response.status_code == 302


def test_a_revoked_member_cannot_take_a_new_seat(client, world, workshop):
    client.force_login(world.users["membre"])
    client.post(reverse("workshops:idea_create", args=[world.own.slug, workshop.pk]), {"title": "Une piste"})
    revoke_participant(Participant.objects.get(user=world.users["membre"]))
    response = client.get(reverse("workshops:participate", args=[world.own.slug, workshop.pk]))
    assert response.status_code == 403


def test_revoking_an_intruder_can_discard_their_scores(world):
    from entente.workshops.factories import IdeaFactory, ParticipantFactory
    from entente.workshops.models import Score
    from entente.workshops.score_services import submit_score

    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    idea, criterion = IdeaFactory(workshop=workshop), workshop.grid.criteria.first()
    kept, intruder = ParticipantFactory(workshop=workshop), ParticipantFactory(workshop=workshop)
    for seat in (kept, intruder):
        submit_score(workshop, seat, idea_id=idea.pk, criterion_id=criterion.pk, value=4)
    revoke_participant(kept)
    revoke_participant(intruder, discard_scores=True)
    assert list(Score.objects.values_list("participant", flat=True)) == [kept.pk]


def test_an_anonymous_workshop_never_discards_one_persons_scores(world):
    from django.core.exceptions import ValidationError

    from entente.workshops.factories import IdeaFactory, ParticipantFactory
    from entente.workshops.models import Score
    from entente.workshops.score_services import submit_score

    workshop = WorkshopFactory(cooperation=world.own, scoring=True, anonymous=True)
    idea, criterion = IdeaFactory(workshop=workshop), workshop.grid.criteria.first()
    seat = ParticipantFactory(workshop=workshop)
    submit_score(workshop, seat, idea_id=idea.pk, criterion_id=criterion.pk, value=4)
    with pytest.raises(ValidationError, match="révélerait ses notes"):
        revoke_participant(seat, discard_scores=True)
    assert Score.objects.filter(participant=seat).exists()
    seat.refresh_from_db()
    assert seat.revoked_at is None
    revoke_participant(seat)
    seat.refresh_from_db()
    assert seat.revoked_at is not None


def test_a_new_code_shuts_the_old_one_and_keeps_the_seats(client, world, workshop):
    from entente.workshops.factories import ParticipantFactory

    seat = ParticipantFactory(workshop=workshop)
    old = workshop.join_code
    client.force_login(world.users["coordinateur"])
    client.post(reverse("workshops:renew_code", args=[world.own.slug, workshop.pk]))
    workshop.refresh_from_db()
    assert workshop.join_code != old
    client.logout()
    assert client.get(f"/ateliers/rejoindre/{old}/").status_code == 404
    assert client.get(f"/ateliers/rejoindre/{workshop.join_code}/").status_code == 200
    seat.refresh_from_db()
    assert seat.revoked_at is None


def test_scanning_the_code_again_does_not_give_a_second_seat(client, world, workshop):
    organization = world.partners[world.own.pk][0].organization
    url = f"/ateliers/rejoindre/{workshop.join_code}/"
    client.post(url, {"display_name": "DGA Ressources", "organization": organization.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("workshops:participate", args=[world.own.slug, workshop.pk])
    assert Participant.objects.filter(workshop=workshop).count() == 1


def test_an_internal_workshop_is_joined_by_its_host_partner_only(client, world):
    host, other = world.partners[world.own.pk][:2]
    internal = WorkshopFactory(cooperation=world.own, kind="interne", host=host)
    url = f"/ateliers/rejoindre/{internal.join_code}/"
    page = client.get(url).content.decode()
    assert host.organization.name in page and other.organization.name not in page
    response = client.post(url, {"display_name": "DGA (41)", "organization": other.organization.pk})
    assert response.status_code == 400
    assert not Participant.objects.filter(workshop=internal).exists()
    assert client.post(url, {"display_name": "DGA (37)", "organization": host.organization.pk}).status_code == 302


def test_the_api_refuses_another_partner_in_an_internal_workshop_in_french(client, world):
    host, other = world.partners[world.own.pk][:2]
    internal = WorkshopFactory(cooperation=world.own, kind="interne", host=host)
    response = client.post(
        "/api/v1/workshops/join",
        {"code": internal.join_code, "display_name": "DGA", "organization_id": other.organization.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "interne" in response.json()["detail"]


def test_an_author_withdraws_their_piste_while_pistes_are_proposed(client, world, workshop):
    join(client, workshop, world.partners[world.own.pk][0].organization)
    client.post(reverse("workshops:idea_create", args=[world.own.slug, workshop.pk]), {"title": "Piste par erreur"})
    idea = Idea.objects.get(title="Piste par erreur")
    page = client.get(reverse("workshops:participate", args=[world.own.slug, workshop.pk])).content.decode()
    assert reverse("workshops:idea_delete", args=[world.own.slug, workshop.pk, idea.pk]) in page
    response = client.post(reverse("workshops:idea_delete", args=[world.own.slug, workshop.pk, idea.pk]))
    assert response.status_code == 302
    assert not Idea.objects.filter(pk=idea.pk).exists()
    assert Idea.history.filter(id=idea.pk, history_type="-").exists()


def test_someone_elses_piste_cannot_be_withdrawn(client, world, workshop):
    from entente.workshops.factories import IdeaFactory

    idea = IdeaFactory(workshop=workshop)
    join(client, workshop, world.partners[world.own.pk][0].organization)
    response = client.post(reverse("workshops:idea_delete", args=[world.own.slug, workshop.pk, idea.pk]))
    assert response.status_code == 403
    assert Idea.objects.filter(pk=idea.pk).exists()


def test_a_piste_that_gathers_others_is_not_withdrawn(world, workshop):
    from django.core.exceptions import ValidationError

    from entente.workshops.factories import IdeaFactory
    from entente.workshops.idea_services import merge_ideas, withdraw_idea

    target, source = IdeaFactory(workshop=workshop), IdeaFactory(workshop=workshop)
    merge_ideas(target, [source])
    with pytest.raises(ValidationError, match="ne peut plus être retirée"):
        withdraw_idea(target)
    assert Idea.objects.filter(pk=target.pk).exists()


def test_participants_pages_learn_that_the_phase_changed(client, world, workshop):
    from entente.workshops.services import set_phase

    join(client, workshop, world.partners[world.own.pk][0].organization)
    url = reverse("workshops:phase_state", args=[world.own.slug, workshop.pk])
    page = client.get(reverse("workshops:participate", args=[world.own.slug, workshop.pk])).content.decode()
    assert f"{url}?phase=foisonnement" in page
    assert client.get(url, {"phase": "foisonnement"}).status_code == 204
    set_phase(workshop, "evaluation")
    changed = client.get(url, {"phase": "foisonnement"})
    assert changed.status_code == 200
    assert "Évaluer les pistes" in changed.content.decode()
