"""Minutes: proposed, then approved at a later meeting; later changes are new versions."""

import pytest
from django.core.exceptions import ValidationError

from entente.governance import meeting_services
from entente.governance.markdown_render import render_markdown
from entente.governance.meeting_models import MinutesVersion

from .conftest import paris

pytestmark = pytest.mark.django_db


def test_proposed_minutes_are_edited_in_place_and_keep_history(meeting):
    version, new = meeting_services.save_minutes(meeting=meeting, text="Brouillon")
    assert (version.number, new) == (1, False)
    meeting_services.save_minutes(meeting=meeting, text="Brouillon relu")
    assert MinutesVersion.objects.filter(meeting=meeting).count() == 1
    assert [h.text for h in version.history.order_by("history_date")] == ["Brouillon", "Brouillon relu"]


def test_change_after_approval_is_a_new_version_never_a_silent_edit(body, meeting):
    version, _ = meeting_services.save_minutes(meeting=meeting, text="Texte")
    later = meeting_services.schedule_meeting(body=body, starts_at=paris(2030, 9, 1, 9), ends_at=paris(2030, 9, 1, 11))
    meeting_services.approve_minutes(version, approved_in=later)
    with pytest.raises(ValidationError, match="motif de la modification"):
        meeting_services.save_minutes(meeting=meeting, text="Texte modifié")
    second, new = meeting_services.save_minutes(meeting=meeting, text="Texte modifié", change_note="Coquille")
    assert new and second.number == 2 and second.status == "propose"
    version.refresh_from_db()
    assert version.text == "Texte" and version.status == "approuve"


def test_minutes_are_approved_at_a_later_meeting_of_the_same_body(body, meeting):
    version, _ = meeting_services.save_minutes(meeting=meeting, text="Texte")
    earlier = meeting_services.schedule_meeting(
        body=body, starts_at=paris(2029, 9, 1, 9), ends_at=paris(2029, 9, 1, 11)
    )
    with pytest.raises(ValidationError, match="réunion suivante"):
        meeting_services.approve_minutes(version, approved_in=earlier)


def test_only_the_latest_version_can_be_approved(meeting):
    version, _ = meeting_services.save_minutes(meeting=meeting, text="v1")
    meeting_services.approve_minutes(version)
    meeting_services.save_minutes(meeting=meeting, text="v2", change_note="ajout")
    version.refresh_from_db()
    with pytest.raises(ValidationError):
        meeting_services.approve_minutes(version)


def test_empty_minutes_are_refused(meeting):
    with pytest.raises(ValidationError, match="vide"):
        meeting_services.save_minutes(meeting=meeting, text="   ")


def test_markdown_is_rendered_and_sanitised():
    html = render_markdown("## Points\n\n**Adopté** <script>alert(1)</script> [lien](javascript:alert(1))")
    assert "<h2>Points</h2>" in html and "<strong>Adopté</strong>" in html
    assert "<script>" not in html and "javascript:" not in html


def test_next_meeting_page_offers_to_approve_the_previous_minutes(client, world, body, meeting):
    import datetime

    from django.urls import reverse

    from .conftest import page_text

    meeting_services.save_minutes(meeting=meeting, text="Compte rendu de mars")
    later = meeting_services.schedule_meeting(
        body=body,
        starts_at=meeting.starts_at + datetime.timedelta(days=90),
        ends_at=meeting.ends_at + datetime.timedelta(days=90),
    )
    client.force_login(world.users["membre"])
    later_url = reverse("governance:meeting", args=[world.own.slug, later.pk])
    assert "Comptes rendus à approuver lors de cette réunion" in page_text(client.get(later_url))
    response = client.post(
        reverse("governance:minutes_approve", args=[world.own.slug, meeting.pk]),
        {"approved_in": later.pk, "retour": "reunion-suivante"},
    )
    assert response.status_code == 302 and response.url == later.get_absolute_url()
    version = meeting.minutes_versions.get()
    assert version.status == "approuve" and version.approved_in == later
    assert "Comptes rendus à approuver" not in page_text(client.get(later_url))


def test_minutes_download_as_pdf_with_attendance_and_decisions(
    client, world, body, meeting, decision, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from .conftest import seat_of

    meeting_services.record_attendance(meeting=meeting, seat=seat_of(body, world.users["membre"]), status="present")
    meeting_services.save_minutes(meeting=meeting, text="## Débat\n\nLe programme est adopté à l'unanimité.")
    client.force_login(world.users["observateur"])
    address = reverse("governance:minutes_pdf", args=[world.own.slug, meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):  # made by the worker (here at once)
        client.post(address)
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert "compte-rendu-conference-2030-03-10-v1.pdf" in response["Content-Disposition"]


def test_no_minutes_no_pdf(client, world, meeting):
    from django.urls import reverse

    client.force_login(world.users["membre"])
    assert client.get(reverse("governance:minutes_pdf", args=[world.own.slug, meeting.pk])).status_code == 404
