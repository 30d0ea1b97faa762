"""Governance API: reads, writes and French validation messages."""

import datetime

import pytest

from entente.governance import decision_services, meeting_services
from entente.governance.decision_models import FollowUp
from entente.governance.meeting_models import Meeting

pytestmark = pytest.mark.django_db


def api(world):
    return f"/api/v1/cooperations/{world.own.slug}"


def test_list_bodies_with_next_due(client, world, body):
    client.force_login(world.users["observateur"])
    payload = client.get(api(world) + "/bodies").json()
    assert payload["count"] == 1 and payload["items"][0]["name"] == "Conférence"


def test_meeting_ending_before_start_is_refused_in_french(client, world, body):
    client.force_login(world.users["coordinateur"])
    response = client.post(api(world) + f"/bodies/{body.pk}/meetings", content_type="application/json", data={
        "starts_at": "2031-04-01T14:00:00+02:00", "ends_at": "2031-04-01T12:00:00+02:00"})
    assert response.status_code == 422
    assert "la réunion ne peut pas se terminer avant d'avoir commencé" in response.json()["detail"]
    assert not Meeting.objects.exists()


def test_meeting_read_gives_rotation_and_agenda_status(client, world, meeting):
    client.force_login(world.users["membre"])
    payload = client.get(api(world) + f"/meetings/{meeting.pk}").json()
    partners = world.partners[world.own.pk]
    assert payload["convener"] == partners[0].organization.name
    assert payload["agenda_status"] == "a_envoyer"


def test_decision_on_an_item_of_another_meeting_is_refused(client, world, body, meeting, item):
    other = meeting_services.schedule_meeting(body=body, starts_at=meeting.starts_at + datetime.timedelta(days=30),
                                      ends_at=meeting.ends_at + datetime.timedelta(days=30))
    client.force_login(world.users["coordinateur"])
    response = client.post(api(world) + f"/meetings/{other.pk}/decisions", content_type="application/json",
                           data={"item_id": item.pk, "text": "X", "kind": "validation"})
    assert response.status_code == 422
    assert "n'appartient pas à l'ordre du jour" in response.json()["detail"]


def test_followup_without_owner_is_refused(client, world, decision):
    client.force_login(world.users["coordinateur"])
    response = client.post(api(world) + f"/decisions/{decision.pk}/follow-ups", content_type="application/json",
                           data={"title": "Sans responsable", "due_on": "2031-01-01"})
    assert response.status_code == 422
    assert "indiquez qui porte cette suite" in response.json()["detail"]


def test_closing_a_followup_without_evidence_is_refused(client, world, decision):
    followup = decision_services.add_followup(decision=decision, title="Note", due_on=datetime.date(2031, 1, 1),
                                     owner=world.users["membre"])
    client.force_login(world.users["membre"])
    url = api(world) + f"/follow-ups/{followup.pk}"
    response = client.patch(url, content_type="application/json", data={"status": "faite"})
    assert response.status_code == 400 and "preuve de réalisation" in response.json()["detail"]
    response = client.patch(url, content_type="application/json",
                            data={"status": "faite", "evidence": "Note envoyée"})
    assert response.status_code == 200 and response.json()["state"] == "faite"
    assert FollowUp.objects.get(pk=followup.pk).closed_on is not None


def test_register_search_through_the_api(client, world, item):
    decision_services.record_decision(item=item, text="Mutualisation des achats publics", kind="validation")
    decision_services.record_decision(item=item, text="Séminaire des cadres", kind="orientation")
    client.force_login(world.users["membre"])
    payload = client.get(api(world) + "/decisions", {"q": "achats"}).json()
    assert [d["text"] for d in payload["items"]] == ["Mutualisation des achats publics"]


def test_my_followups_needs_authentication(client):
    response = client.get("/api/v1/me/follow-ups")
    assert response.status_code == 401 and response.json()["detail"]


def test_anonymous_visitor_of_a_public_cooperation_sees_no_owner_names(client, world, decision):
    world.own.visibility = "public"
    world.own.save()
    decision_services.add_followup(decision=decision, title="Note", due_on=datetime.date(2031, 1, 1),
                          owner=world.users["membre"])
    [item] = client.get(api(world) + "/follow-ups").json()["items"]
    assert item["owner"] is None and item["owner_id"] is None and item["title"] == "Note"


def test_only_the_secretariat_moves_a_deadline_through_the_api(client, world, decision):
    followup = decision_services.add_followup(decision=decision, title="Note", due_on=datetime.date(2031, 1, 1),
                                     owner=world.users["contributeur"])
    url = api(world) + f"/follow-ups/{followup.pk}"
    client.force_login(world.users["contributeur"])
    response = client.patch(url, content_type="application/json", data={"due_on": "2032-01-01"})
    assert response.status_code == 403 and "Seul le secrétariat" in response.json()["detail"]
    assert client.patch(url, content_type="application/json", data={"status": "en_cours"}).status_code == 200
    client.force_login(world.users["membre"])
    assert client.patch(url, content_type="application/json", data={"due_on": "2032-01-01"}).status_code == 200
    assert FollowUp.objects.get(pk=followup.pk).due_on == datetime.date(2032, 1, 1)


@pytest.mark.parametrize("starts_at", ["9999-12-31T23:30:00+00:00", "1899-12-31T10:00:00+01:00"])
def test_meeting_outside_1900_2100_is_refused_and_not_stored(client, world, body, starts_at):
    client.force_login(world.users["coordinateur"])
    response = client.post(api(world) + f"/bodies/{body.pk}/meetings", content_type="application/json",
                           data={"starts_at": starts_at, "ends_at": "9999-12-31T23:59:00+00:00"})
    assert response.status_code == 422
    assert "la date doit être comprise entre le 01/01/1900 et le 31/12/2100" in response.json()["detail"]
    assert not Meeting.objects.exists()


def test_register_filters_the_database_cannot_hold_are_ignored(client, world, decision):
    client.force_login(world.users["membre"])
    for query in ({"year": "0"}, {"year": "9999"}, {"body": "9" * 19}):
        response = client.get(api(world) + "/decisions", query)
        assert response.status_code == 200, query
    page = client.get(f"/cooperations/{world.own.slug}/gouvernance/decisions/", {"year": "0", "body": "9" * 30})
    assert page.status_code == 200


def test_my_followups_with_an_unknown_state_is_a_documented_422(client, world):
    client.force_login(world.users["membre"])
    response = client.get("/api/v1/me/follow-ups", {"etat": "0000"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("État inconnu")
