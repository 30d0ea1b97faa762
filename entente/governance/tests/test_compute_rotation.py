"""Who convenes and who chairs each meeting, from the rotation over several years."""

import datetime

import pytest

from entente.governance import body_services, meeting_services, schedule, selectors
from entente.governance.body_models import BodyMember

from .conftest import paris


def roles(rotation, ordinal, year, *, convener=True, chair=False, first_year=2020, theme="", **extra):
    return schedule.meeting_roles(
        rotation=rotation,
        rotates_convener=convener,
        rotates_chair=chair,
        slot_partners=["37", "41"],
        slot_themes=["Déchets", "Mobilité"],
        ordinal=ordinal,
        year=year,
        first_year=first_year,
        theme=theme,
        fixed_convener="secrétaire",
        fixed_chair="président",
        **extra,
    )


def test_secretariat_alternates_at_each_meeting():
    assert [roles("par_reunion", n, 2020).convener for n in range(5)] == ["37", "41", "37", "41", "37"]


def test_chair_stays_with_the_president_when_only_the_secretariat_rotates():
    assert {roles("par_reunion", n, 2020).chair for n in range(4)} == {"président"}


def test_yearly_rotation_changes_partner_each_calendar_year():
    assert [roles("par_annee", 0, year).convener for year in (2020, 2021, 2022, 2023)] == ["37", "41", "37", "41"]


def test_chair_per_theme_follows_the_meeting_theme_regardless_of_accents():
    assert roles("par_theme", 0, 2020, theme="mobilite").chair == "41"
    assert roles("par_theme", 0, 2020, theme="Déchets").chair == "37"
    assert roles("par_theme", 0, 2020, theme="Tourisme").chair == "président"


def test_override_wins_and_is_flagged():
    result = roles("par_reunion", 0, 2020, convener_override="43")
    assert result.convener == "43" and result.convener_overridden and not result.chair_overridden


def test_fixed_rotation_uses_the_bodys_officers():
    result = roles("fixe", 3, 2024)
    assert (result.convener, result.chair) == ("secrétaire", "président")


@pytest.mark.django_db
def test_codiri_secretariat_alternates_over_two_years_of_meetings(world):
    partners = world.partners[world.own.pk]
    body = body_services.create_body(
        cooperation=world.own,
        name="CODIRI",
        kind="codiri",
        periodicity="semestrielle",
        rotation="par_reunion",
        rotation_partners=partners,
    )
    meetings = [
        meeting_services.schedule_meeting(
            body=body, starts_at=paris(year, month, 10, 14), ends_at=paris(year, month, 10, 17)
        )
        for year in (2024, 2025)
        for month in (3, 10)
    ]
    roles_by_meeting = selectors.roles_for_meetings(selectors.rotation_context(body), meetings)
    conveners = [roles_by_meeting[m.pk].convener for m in meetings]
    assert conveners == [partners[0], partners[1], partners[0], partners[1]]


@pytest.mark.django_db
def test_cancelled_meeting_does_not_take_a_turn(world):
    partners = world.partners[world.own.pk]
    body = body_services.create_body(
        cooperation=world.own, name="CODIRI", kind="codiri", rotation="par_reunion", rotation_partners=partners
    )
    first = meeting_services.schedule_meeting(body=body, starts_at=paris(2025, 3, 1, 9), ends_at=paris(2025, 3, 1, 11))
    meeting_services.cancel_meeting(first)
    second = meeting_services.schedule_meeting(body=body, starts_at=paris(2025, 4, 1, 9), ends_at=paris(2025, 4, 1, 11))
    assert selectors.roles_for_meeting(second).convener == partners[0]


@pytest.mark.django_db
def test_place_rotates_to_the_host_partner(world):
    partners = world.partners[world.own.pk]
    body = body_services.create_body(
        cooperation=world.own,
        name="CoDir",
        kind="collectif_directeurs",
        rotation="par_reunion",
        rotates_chair=True,
        rotates_convener=False,
        rotates_place=True,
        rotation_partners=partners,
    )
    first = meeting_services.schedule_meeting(body=body, starts_at=paris(2025, 3, 1, 9), ends_at=paris(2025, 3, 1, 11))
    second = meeting_services.schedule_meeting(body=body, starts_at=paris(2025, 4, 1, 9), ends_at=paris(2025, 4, 1, 11))
    assert str(partners[0].organization) in first.place
    assert str(partners[1].organization) in second.place


@pytest.mark.django_db
def test_fixed_body_convener_is_the_secretarys_partner(world):
    partners = world.partners[world.own.pk]
    body = body_services.create_body(cooperation=world.own, name="Comité", kind="comite_suivi")
    BodyMember.objects.create(body=body, partner=partners[1], role="secretaire")
    BodyMember.objects.create(body=body, partner=partners[0], role="president")
    meeting = meeting_services.schedule_meeting(
        body=body, starts_at=paris(2025, 3, 1, 9), ends_at=paris(2025, 3, 1, 11)
    )
    result = selectors.roles_for_meeting(meeting)
    assert (result.convener, result.chair) == (partners[1], partners[0])


@pytest.mark.django_db
def test_bodies_overview_shows_next_due_and_overdue(world):
    body = body_services.create_body(cooperation=world.own, name="Comité", kind="comite_suivi", periodicity="annuelle")
    meeting_services.schedule_meeting(body=body, starts_at=paris(2020, 3, 1, 9), ends_at=paris(2020, 3, 1, 11))
    [overview] = selectors.bodies_overview(world.own, today=datetime.date(2025, 1, 1))
    assert overview.next_due == datetime.date(2021, 3, 1) and overview.is_overdue


def test_meeting_form_announces_who_the_rotation_designates(client, world, body):
    from django.urls import reverse

    from .conftest import page_text

    partners = world.partners[world.own.pk]
    client.force_login(world.users["coordinateur"])
    url = reverse("governance:meeting_create", args=[world.own.slug, body.pk])
    assert f"Convoque : {partners[0].organization}" in page_text(client.get(url))
    meeting_services.schedule_meeting(body=body, starts_at=paris(2030, 1, 10, 9), ends_at=paris(2030, 1, 10, 12))
    assert f"Convoque : {partners[1].organization}" in page_text(client.get(url))
