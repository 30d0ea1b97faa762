"""Agenda points can be changed, reordered and removed — never one that carries a decision."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.governance import agenda_services, history
from entente.governance.meeting_models import AgendaItem

from .conftest import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_items(meeting):
    return [agenda_services.add_agenda_item(meeting=meeting, title=title, kind="information")
            for title in ("Accueil", "Budget", "Questions diverses")]


def titles(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("position", "title"))


def test_moving_a_point_up_renumbers_the_agenda(meeting, three_items):
    agenda_services.move_agenda_item(three_items[2], offset=-1)
    assert titles(meeting) == [(1, "Accueil"), (2, "Questions diverses"), (3, "Budget")]


def test_first_point_cannot_move_up(meeting, three_items):
    with pytest.raises(ValidationError, match="déjà le premier"):
        agenda_services.move_agenda_item(three_items[0], offset=-1)


def test_removing_a_point_renumbers_and_keeps_history(meeting, three_items):
    agenda_services.delete_agenda_item(three_items[0])
    assert titles(meeting) == [(1, "Budget"), (2, "Questions diverses")]
    entries = history.entries_for_meeting(meeting)
    assert any(e.operation == "Suppression" and e.label == "Accueil" for e in entries)


def test_point_with_a_decision_cannot_be_removed(item, decision):
    with pytest.raises(ValidationError, match="porte la décision"):
        agenda_services.delete_agenda_item(item)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_secretariat_edits_a_point_in_the_browser_flow(client, world, meeting, three_items):
    client.force_login(world.users["membre"])
    url = reverse("governance:agenda_item_edit", args=[world.own.slug, three_items[1].pk])
    assert "Budget" in page_text(client.get(url))
    response = client.post(url, {"title": "Budget primitif 2031", "kind": "decision",
                                 "presenter": world.users["coordinateur"].pk})
    assert response.status_code == 302
    item = AgendaItem.objects.get(pk=three_items[1].pk)
    assert (item.title, item.kind, item.presenter) == ("Budget primitif 2031", "decision", world.users["coordinateur"])


def test_empty_title_is_refused_in_french(client, world, meeting, three_items):
    client.force_login(world.users["membre"])
    url = reverse("governance:agenda_item_edit", args=[world.own.slug, three_items[1].pk])
    response = client.post(url, {"title": "", "kind": "decision"})
    assert response.status_code == 400
    assert AgendaItem.objects.get(pk=three_items[1].pk).title == "Budget"


def test_move_and_delete_through_the_meeting_page(client, world, meeting, three_items):
    client.force_login(world.users["coordinateur"])
    move = reverse("governance:agenda_item_move", args=[world.own.slug, three_items[1].pk])
    client.post(move, {"sens": "descendre"})
    assert titles(meeting)[2] == (3, "Budget")
    response = client.post(reverse("governance:agenda_item_delete", args=[world.own.slug, three_items[0].pk]),
                           follow=True)
    assert "retiré de l'ordre du jour" in page_text(response)
    assert titles(meeting) == [(1, "Questions diverses"), (2, "Budget")]


def test_changing_a_sent_agenda_asks_to_resend_it(client, world, meeting, three_items):
    agenda_services.send_agenda(meeting)
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:agenda_item_move", args=[world.own.slug, three_items[1].pk]),
                           {"sens": "monter"}, follow=True)
    assert "renvoyez-le pour prévenir les membres" in page_text(response)


def test_refused_removal_explains_why(client, world, item, decision):
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:agenda_item_delete", args=[world.own.slug, item.pk]), follow=True)
    assert "ne peut pas être retiré" in page_text(response)


def test_contributor_cannot_reorder(client, world, meeting, three_items):
    client.force_login(world.users["contributeur"])
    response = client.post(reverse("governance:agenda_item_move", args=[world.own.slug, three_items[1].pk]),
                           {"sens": "monter"})
    assert response.status_code == 403
    assert titles(meeting)[1] == (2, "Budget")


def test_point_of_another_cooperation_is_not_found(client, world, three_items):
    client.force_login(world.users["other_coordinator"])
    response = client.post(reverse("governance:agenda_item_delete", args=[world.other.slug, three_items[0].pk]))
    assert response.status_code == 404
    assert AgendaItem.objects.filter(pk=three_items[0].pk).exists()


def test_document_attached_by_mistake_is_removed_and_remembered(client, world, meeting, three_items):
    document = agenda_services.add_document(item=three_items[0], title="Mauvaise note", url="https://exemple.fr/note.pdf")
    client.force_login(world.users["membre"])
    response = client.post(reverse("governance:document_delete", args=[world.own.slug, document.pk]), follow=True)
    assert "Document « Mauvaise note » retiré du point 1." in page_text(response)
    assert not three_items[0].documents.exists()
    assert any(e.kind == "Document" and e.operation == "Suppression" for e in history.entries_for_meeting(meeting))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("note.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("tableau.xlsx", b"%PDF-1.7 not a workbook"),
        ("compte-rendu.doc", b"<html><body>piege</body></html>"),
        ("liste.csv", b"\n  <script>alert(1)</script>"),
        ("photo.png", b"\xff\xd8\xff\xe0 a jpeg named png"),
    ],
)
def test_a_document_whose_content_does_not_match_its_extension_is_refused(three_items, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError, match="ne correspond pas"):
        agenda_services.add_document(item=three_items[0], title="Piège", file=SimpleUploadedFile(name, content))
    assert not three_items[0].documents.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("note.pdf", b"%PDF-1.4 note"),
        ("budget.xlsx", b"PK\x03\x04 zip package"),
        ("ancien.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 ole2"),
        ("liste.csv", "\ufeffcommune;population\nTours;137000\n".encode()),
        ("photo.jpg", b"\xff\xd8\xff\xe0 jpeg"),
    ],
)
def test_a_document_whose_content_matches_its_extension_is_attached(three_items, name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = agenda_services.add_document(item=three_items[0], title="Pièce", file=SimpleUploadedFile(name, content))
    assert document.file.name.endswith(name.rsplit(".", 1)[-1])


def test_the_meeting_page_refuses_html_saved_as_pdf_in_french(client, world, meeting, three_items):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["coordinateur"])
    upload = SimpleUploadedFile("note.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(
        reverse("governance:document_add", args=[world.own.slug, meeting.pk]),
        {"item": three_items[0].pk, "title": "Note", "file": upload},
    )
    assert response.status_code == 400
    assert "ne correspond pas à un fichier .pdf" in response.content.decode()
    assert not three_items[0].documents.exists()
