"""Every governance page renders for a member and validates its forms with French messages."""

import datetime

import pytest
from django.urls import reverse

from entente.governance import agenda_services, decision_services, meeting_services
from entente.governance.decision_models import Decision, FollowUp
from entente.governance.meeting_models import Meeting

from .conftest import page_text, paris, seat_of

pytestmark = pytest.mark.django_db


def test_bodies_page_lists_bodies_with_next_due(client, world, body):
    client.force_login(world.users["membre"])
    response = client.get(reverse("governance:bodies", args=[world.own.slug]))
    assert response.status_code == 200
    assert "Conférence" in page_text(response)


def test_anonymous_cannot_see_private_governance(client, world, body):
    response = client.get(reverse("governance:bodies", args=[world.own.slug]))
    assert response.status_code == 404


def test_outsider_cannot_see_private_governance(client, world, body):
    client.force_login(world.users["outsider"])
    response = client.get(reverse("governance:body", args=[world.own.slug, body.pk]))
    assert response.status_code == 404


def test_presets_create_usual_bodies_in_one_step(client, world):
    world.own.kind = "convention_technique"
    world.own.save()
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("governance:body_presets", args=[world.own.slug]), {"presets": ["comite_pilotage", "codiri"]}
    )
    assert response.status_code == 302
    names = set(world.own.bodies.values_list("name", flat=True))
    assert names == {"Comité de pilotage", "Comité de direction interdépartemental (CODIRI)"}
    codiri = world.own.bodies.get(kind="codiri")
    assert codiri.members.count() == 6  # DGS, DGA Ressources, DGA for each of the 2 partners
    assert codiri.rotation_slots.count() == 2


def test_body_and_meeting_pages_render(client, world, body, meeting, item, decision):
    client.force_login(world.users["membre"])
    for url in (
        reverse("governance:body", args=[world.own.slug, body.pk]),
        reverse("governance:meeting", args=[world.own.slug, meeting.pk]),
        reverse("governance:decision", args=[world.own.slug, decision.pk]),
        reverse("governance:register", args=[world.own.slug]),
        reverse("governance:history", args=[world.own.slug]),
        reverse("governance:minutes_edit", args=[world.own.slug, meeting.pk]),
        reverse("governance:meeting_edit", args=[world.own.slug, meeting.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_meeting_ending_before_it_starts_is_refused(client, world, body):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("governance:meeting_create", args=[world.own.slug, body.pk]),
        {
            "starts_at": "2030-05-02T14:00",
            "ends_at": "2030-05-02T12:00",
            "format": "reunion_travail",
        },
    )
    assert response.status_code == 400
    assert "La fin de la réunion doit suivre son début." in page_text(response)
    assert not Meeting.objects.filter(body=body).exists()


def test_override_without_reason_is_refused(client, world, body):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("governance:meeting_create", args=[world.own.slug, body.pk]),
        {
            "starts_at": "2030-05-02T14:00",
            "ends_at": "2030-05-02T16:00",
            "format": "reunion_travail",
            "chair_override": world.partners[world.own.pk][1].pk,
        },
    )
    assert response.status_code == 400
    assert "motif de la dérogation" in page_text(response)


def test_agenda_to_decision_to_followup_closed(client, world, body):
    client.force_login(world.users["coordinateur"])
    slug = world.own.slug
    client.post(
        reverse("governance:meeting_create", args=[slug, body.pk]),
        {"starts_at": "2030-05-02T14:00", "ends_at": "2030-05-02T16:00", "format": "reunion_travail"},
    )
    meeting = Meeting.objects.get(body=body)
    response = client.post(
        reverse("governance:agenda_item_add", args=[slug, meeting.pk]),
        {"title": "Schéma des mobilités", "kind": "decision"},
    )
    assert response.status_code == 302
    item = meeting.items.get()
    response = client.post(
        reverse("governance:decision_create", args=[slug, meeting.pk]),
        {"item": item.pk, "text": "Le schéma est adopté.", "kind": "validation"},
    )
    assert response.status_code == 302
    decision = Decision.objects.get(item=item)
    response = client.post(
        reverse("governance:followup_add", args=[slug, decision.pk]),
        {"title": "Transmettre le schéma", "owner_partner": world.partners[world.own.pk][0].pk, "due_on": "2030-06-01"},
    )
    assert response.status_code == 302
    followup = FollowUp.objects.get(decision=decision)
    response = client.post(
        reverse("governance:followup_update", args=[slug, followup.pk]),
        {f"f{followup.pk}-status": "faite", f"f{followup.pk}-evidence": "Envoyé aux partenaires le 20 mai."},
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert followup.status == "faite" and followup.closed_on is not None


def test_followup_without_owner_or_date_is_refused(client, world, decision):
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("governance:followup_add", args=[world.own.slug, decision.pk]), {"title": "Sans responsable"}
    )
    content = page_text(response)
    assert response.status_code == 400
    assert "Indiquez une échéance pour cette suite à donner." in content
    assert not FollowUp.objects.exists()
    response = client.post(
        reverse("governance:followup_add", args=[world.own.slug, decision.pk]),
        {"title": "Sans responsable", "due_on": "2030-06-01"},
    )
    assert "Indiquez qui porte cette suite" in page_text(response)
    assert not FollowUp.objects.exists()


def test_closing_a_followup_without_evidence_is_refused(client, world, decision):
    followup = decision_services.add_followup(
        decision=decision, title="Rapport", due_on=datetime.date(2030, 6, 1), owner=world.users["membre"]
    )
    client.force_login(world.users["membre"])
    response = client.post(
        reverse("governance:followup_update", args=[world.own.slug, followup.pk]), {f"f{followup.pk}-status": "faite"}
    )
    assert response.status_code == 400
    assert "preuve de réalisation" in page_text(response)
    followup.refresh_from_db()
    assert followup.status == "a_faire"


def test_vote_by_non_member_is_refused(client, world, body, meeting, decision):
    guest = meeting_services.record_attendance(meeting=meeting, status="present", person=world.users["outsider"])
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("governance:vote_cast", args=[world.own.slug, decision.pk]), {"attendance": guest.pk, "choice": "pour"}
    )
    assert response.status_code == 400
    assert "n'est pas membre votant de l'instance" in page_text(response)


def test_proxy_to_absent_person_is_refused_on_the_page(client, world, body, meeting):
    absent = meeting_services.record_attendance(
        meeting=meeting, seat=seat_of(body, world.users["membre"]), status="absent"
    )
    client.force_login(world.users["coordinateur"])
    response = client.post(
        reverse("governance:attendance_set", args=[world.own.slug, meeting.pk]),
        {"seat": seat_of(body, world.users["observateur"]).pk, "status": "represente", "proxy": absent.pk},
    )
    assert response.status_code == 400
    assert "un pouvoir ne peut être donné qu'à une personne présente" in page_text(response)


def test_meeting_ics_download(client, world, meeting):
    client.force_login(world.users["observateur"])
    response = client.get(reverse("governance:meeting_ics", args=[world.own.slug, meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content


def test_minutes_edit_after_approval_creates_a_new_version(client, world, body, meeting):
    meeting_services.save_minutes(meeting=meeting, text="Première version", user=world.users["coordinateur"])
    later = meeting_services.schedule_meeting(body=body, starts_at=paris(2030, 9, 1, 14), ends_at=paris(2030, 9, 1, 16))
    client.force_login(world.users["coordinateur"])
    client.post(reverse("governance:minutes_approve", args=[world.own.slug, meeting.pk]), {"approved_in": later.pk})
    response = client.post(
        reverse("governance:minutes_edit", args=[world.own.slug, meeting.pk]), {"text": "Texte corrigé"}
    )
    assert response.status_code == 400
    assert "indiquez le motif de la modification" in page_text(response)
    response = client.post(
        reverse("governance:minutes_edit", args=[world.own.slug, meeting.pk]),
        {"text": "Texte corrigé", "change_note": "Erreur de date"},
    )
    assert response.status_code == 302
    versions = list(meeting.minutes_versions.order_by("number").values_list("number", "status", "text"))
    assert versions == [(1, "approuve", "Première version"), (2, "propose", "Texte corrigé")]


def test_register_exports(client, world, decision):
    client.force_login(world.users["membre"])
    for fmt, kind in (("csv", "text/csv"), ("xlsx", "application/vnd.openxml"), ("pdf", "application/pdf")):
        response = client.get(reverse("governance:register_export", args=[world.own.slug, fmt]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith(kind)


def test_unknown_export_format_is_404(client, world, decision):
    client.force_login(world.users["membre"])
    assert client.get(reverse("governance:register_export", args=[world.own.slug, "doc"])).status_code == 404


def test_my_followups_page(client, world, decision):
    decision_services.add_followup(
        decision=decision,
        title="Relancer la préfecture",
        due_on=datetime.date.today() - datetime.timedelta(days=2),
        owner=world.users["membre"],
    )
    client.force_login(world.users["membre"])
    response = client.get(reverse("governance:my_followups"))
    assert response.status_code == 200
    assert "Relancer la préfecture" in page_text(response)


def test_visitors_of_a_public_cooperation_see_seats_not_names_nor_draft_minutes(client, world, body, meeting):
    world.own.visibility = "public"
    world.own.save()
    meeting_services.record_attendance(meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present")
    meeting_services.save_minutes(meeting=meeting, text="Brouillon confidentiel")
    text = page_text(client.get(reverse("governance:meeting", args=[world.own.slug, meeting.pk])))
    assert world.users["membre"].public_name not in text
    assert "Brouillon confidentiel" not in text
    client.force_login(world.users["observateur"])
    text = page_text(client.get(reverse("governance:meeting", args=[world.own.slug, meeting.pk])))
    assert world.users["membre"].public_name in text and "Brouillon confidentiel" in text


def test_an_attached_file_is_kept_out_of_public_media_and_served_to_members_only(client, world, meeting, settings):
    from pathlib import Path

    client.force_login(world.users["membre"])
    item = agenda_services.add_agenda_item(meeting=meeting, title="Budget 2031", kind="decision")
    content = b"%PDF-1.4 budget primitif"
    with open(Path(settings.MEDIA_ROOT).parent / "budget.pdf", "wb") as upload_file:
        upload_file.write(content)
    with open(Path(settings.MEDIA_ROOT).parent / "budget.pdf", "rb") as upload_file:
        response = client.post(
            reverse("governance:document_add", args=[world.own.slug, meeting.pk]),
            {"item": item.pk, "title": "Note budgétaire", "file": upload_file},
        )
    assert response.status_code == 302
    document = item.documents.get()
    assert not Path(settings.MEDIA_ROOT, document.file.name).exists()

    page = client.get(reverse("governance:meeting", args=[world.own.slug, meeting.pk]))
    link = reverse("governance:document", args=[world.own.slug, document.pk])
    assert link in page.content.decode()
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert 'filename="note-budgetaire.pdf"' in download["Content-Disposition"]

    client.force_login(world.users["outsider"])
    assert client.get(link).status_code == 404
