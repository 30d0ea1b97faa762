"""Attendance: proxies go to someone present, never in chains; outsiders come only as guests."""

import pytest
from django.core.exceptions import ValidationError

from entente.governance import body_services, meeting_services
from entente.governance.meeting_models import Attendance

from .conftest import seat_of

pytestmark = pytest.mark.django_db


def test_proxy_to_a_present_member_is_recorded(world, body, meeting):
    holder = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present"
    )
    represented = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["observateur"]), status="represente", proxy=holder
    )
    assert represented.proxy == holder


def test_proxy_to_an_absent_person_is_refused(world, body, meeting):
    absent = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="excuse"
    )
    with pytest.raises(ValidationError, match="qu'à une personne présente"):
        meeting_services.record_attendance(
            meeting=meeting, seat=seat_of(body, world.users["observateur"]), status="represente", proxy=absent
        )
    assert not Attendance.objects.filter(status="represente").exists()


def test_chain_of_proxies_is_refused(world, body, meeting):
    holder = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present"
    )
    middle = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["observateur"]), status="represente", proxy=holder
    )
    with pytest.raises(ValidationError, match="en cascade"):
        meeting_services.record_attendance(
            meeting=meeting, seat=seat_of(body, world.users["contributeur"]), status="represente", proxy=middle
        )


def test_proxy_holder_cannot_become_absent_while_holding_a_proxy(world, body, meeting):
    holder = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present"
    )
    meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["observateur"]), status="represente", proxy=holder
    )
    with pytest.raises(ValidationError, match="détient le pouvoir"):
        meeting_services.record_attendance(meeting=meeting, seat=holder.seat, status="absent")


def test_one_proxy_per_holder(world, body, meeting):
    holder = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present"
    )
    meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["observateur"]), status="represente", proxy=holder
    )
    with pytest.raises(ValidationError, match="déjà un pouvoir"):
        meeting_services.record_attendance(
            meeting=meeting, seat=seat_of(body, world.users["contributeur"]), status="represente", proxy=holder
        )


def test_proxy_to_a_guest_is_refused(world, body, meeting):
    guest = meeting_services.record_attendance(meeting=meeting, person=world.users["outsider"], status="present")
    with pytest.raises(ValidationError, match="invité"):
        meeting_services.record_attendance(
            meeting=meeting, seat=seat_of(body, world.users["membre"]), status="represente", proxy=guest
        )


def test_member_of_another_cooperation_attends_as_guest(world, meeting):
    attendance = meeting_services.record_attendance(
        meeting=meeting, person=world.users["other_coordinator"], status="present"
    )
    assert attendance.is_guest and attendance.seat is None
    assert "(invité·e)" in attendance.who


def test_person_with_a_seat_is_recorded_on_their_seat(world, body, meeting):
    attendance = meeting_services.record_attendance(meeting=meeting, person=world.users["membre"], status="present")
    assert attendance.seat == seat_of(body, world.users["membre"]) and not attendance.is_guest


def test_outsider_may_sit_in_a_body_only_as_guest(world, body):
    with pytest.raises(ValidationError, match="qu'en tant qu'invité"):
        body_services.add_body_member(body=body, user=world.users["outsider"], role="membre")
    seat = body_services.add_body_member(body=body, user=world.users["outsider"], role="invite")
    assert seat.role == "invite"


def test_recording_twice_updates_the_same_line(world, body, meeting):
    seat = seat_of(body, world.users["membre"])
    meeting_services.record_attendance(meeting=meeting, seat=seat, status="absent")
    meeting_services.record_attendance(meeting=meeting, seat=seat, status="present")
    assert Attendance.objects.get(meeting=meeting, seat=seat).status == "present"
