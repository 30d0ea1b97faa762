"""The whole attendance sheet in one form: presences, proxies checked as a whole, nothing half-written."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.governance import meeting_services
from entente.governance.meeting_models import Attendance

from .conftest import page_text, seat_of

pytestmark = pytest.mark.django_db


def seats(body, world):
    return {role: seat_of(body, world.users[role]) for role in ("coordinateur", "membre", "observateur",
                                                                "contributeur")}


def test_sheet_records_presences_and_a_proxy_given_on_the_same_sheet(client, world, body, meeting):
    s = seats(body, world)
    client.force_login(world.users["membre"])
    url = reverse("governance:attendance_sheet", args=[world.own.slug, meeting.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {
        f"status_{s['coordinateur'].pk}": "present", f"status_{s['membre'].pk}": "present",
        f"status_{s['observateur'].pk}": "represente", f"proxy_{s['observateur'].pk}": s["membre"].pk,
        f"status_{s['contributeur'].pk}": "excuse"}, follow=True)
    assert "Feuille de présence enregistrée. Quorum atteint" in page_text(response)
    represented = Attendance.objects.get(meeting=meeting, seat=s["observateur"])
    assert represented.status == "represente" and represented.proxy.seat == s["membre"]
    assert Attendance.objects.filter(meeting=meeting).count() == 4


def test_proxy_to_someone_absent_refuses_the_whole_sheet(client, world, body, meeting):
    s = seats(body, world)
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:attendance_sheet", args=[world.own.slug, meeting.pk]), {
        f"status_{s['coordinateur'].pk}": "present", f"status_{s['membre'].pk}": "absent",
        f"status_{s['observateur'].pk}": "represente", f"proxy_{s['observateur'].pk}": s["membre"].pk})
    assert response.status_code == 400
    assert "n'est pas présent·e, un pouvoir ne peut être donné qu'à une personne présente" in page_text(response)
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_chain_of_proxies_is_refused(world, body, meeting):
    s = seats(body, world)
    with pytest.raises(ValidationError, match="cascade"):
        meeting_services.record_attendance_sheet(meeting=meeting, rows=[
            (s["coordinateur"], "present", None), (s["membre"], "represente", s["coordinateur"]),
            (s["observateur"], "represente", s["membre"])])


def test_two_proxies_for_one_holder_are_refused(world, body, meeting):
    s = seats(body, world)
    with pytest.raises(ValidationError, match="plusieurs pouvoirs"):
        meeting_services.record_attendance_sheet(meeting=meeting, rows=[
            (s["coordinateur"], "present", None), (s["membre"], "represente", s["coordinateur"]),
            (s["observateur"], "represente", s["coordinateur"])])


def test_represented_without_holder_is_refused(world, body, meeting):
    s = seats(body, world)
    with pytest.raises(ValidationError, match="indiquez la personne présente"):
        meeting_services.record_attendance_sheet(meeting=meeting, rows=[(s["membre"], "represente", None)])


def test_proxy_moves_to_another_holder_who_was_absent_before(world, body, meeting):
    s = seats(body, world)
    meeting_services.record_attendance_sheet(meeting=meeting, rows=[
        (s["coordinateur"], "present", None), (s["membre"], "absent", None),
        (s["observateur"], "represente", s["coordinateur"])])
    meeting_services.record_attendance_sheet(meeting=meeting, rows=[
        (s["coordinateur"], "absent", None), (s["membre"], "present", None),
        (s["observateur"], "represente", s["membre"])])
    assert Attendance.objects.get(meeting=meeting, seat=s["observateur"]).proxy.seat == s["membre"]
    assert Attendance.objects.get(meeting=meeting, seat=s["coordinateur"]).status == "absent"


def test_clearing_a_line_removes_the_attendance(world, body, meeting):
    s = seats(body, world)
    meeting_services.record_attendance_sheet(meeting=meeting, rows=[(s["membre"], "present", None)])
    meeting_services.record_attendance_sheet(meeting=meeting, rows=[(s["membre"], "", None)])
    assert not Attendance.objects.filter(meeting=meeting).exists()


def test_contributor_cannot_fill_the_sheet(client, world, body, meeting):
    s = seats(body, world)
    client.force_login(world.users["contributeur"])
    response = client.post(reverse("governance:attendance_sheet", args=[world.own.slug, meeting.pk]),
                           {f"status_{s['membre'].pk}": "present"})
    assert response.status_code == 403
    assert not Attendance.objects.filter(meeting=meeting).exists()
