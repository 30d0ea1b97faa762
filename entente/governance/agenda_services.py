"""Changes to a meeting's agenda: its points, their documents, and the sending of the agenda.

Every change goes through these functions: atomic, validated, historised; e-mails leave only once
the transaction has committed.
"""


from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import jobs, notifications
from .body_services import check_partner
from .meeting_models import AgendaDocument, AgendaItem, AgendaSending, Meeting, MeetingStatus, clean_functions

# --- agenda ----------------------------------------------------------------------------------


def add_agenda_item(*, meeting: Meeting, title: str, kind: str, description="", presenter=None,
                    presenter_partner=None, format="", functions=()) -> AgendaItem:
    check_partner(meeting.body.cooperation, presenter_partner)
    position = (meeting.items.aggregate(m=Max("position"))["m"] or 0) + 1
    return AgendaItem.objects.create(meeting=meeting, position=position, title=title.strip(), kind=kind,
                                     description=description, presenter=presenter,
                                     presenter_partner=presenter_partner, format=format or "",
                                     functions=clean_functions(functions))


@transaction.atomic
def update_agenda_item(item: AgendaItem, *, title: str, kind: str, description="", presenter=None,
                       presenter_partner=None, format=None, functions=None) -> AgendaItem:
    title = (title or "").strip()
    if not title:
        raise ValidationError("Indiquez l'intitulé du point.")
    check_partner(item.meeting.body.cooperation, presenter_partner)
    item.title, item.kind, item.description = title, kind, description
    item.presenter, item.presenter_partner = presenter, presenter_partner
    if format is not None:
        item.format = format
    if functions is not None:
        item.functions = clean_functions(functions)
    item.save()
    return item


@transaction.atomic
def delete_agenda_item(item: AgendaItem) -> None:
    """Remove a point and its documents; a point that carries decisions stays (the register needs it)."""
    if item.decisions.exists():
        references = ", ".join(decision.reference for decision in item.decisions.all())
        raise ValidationError(f"Le point « {item.title} » porte la décision {references} : il ne peut pas être "
                              "retiré de l'ordre du jour. Modifiez plutôt son intitulé.")
    meeting = item.meeting
    item.documents.all().delete()
    item.delete()
    _renumber(meeting)


def _renumber(meeting: Meeting) -> None:
    for position, item in enumerate(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"), start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def move_agenda_item(item: AgendaItem, *, offset: int) -> AgendaItem:
    """Move a point up (offset -1) or down (+1) the agenda; the points are renumbered 1, 2, 3…"""
    items = list(AgendaItem.objects.select_for_update().filter(meeting_id=item.meeting_id).order_by("position", "pk"))
    index = next(i for i, candidate in enumerate(items) if candidate.pk == item.pk)
    target = index + offset
    if target < 0 or target >= len(items):
        raise ValidationError("Ce point est déjà " + ("le premier" if target < 0 else "le dernier")
                              + " de l'ordre du jour.")
    items.insert(target, items.pop(index))
    for position, candidate in enumerate(items, start=1):
        if candidate.position != position:
            candidate.position = position
            candidate.save(update_fields=["position"])
    item.position = target + 1
    return item


MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
DOCUMENT_EXTENSIONS = {"pdf", "odt", "ods", "odp", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "csv", "txt", "png",
                       "jpg", "jpeg"}


# What each accepted format starts with. A file is downloaded by members as what its name says:
# an HTML page (or a script) renamed « .pdf » must not reach them under that name.
_OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc, .xls, .ppt
_ZIP = (b"PK\x03\x04",)  # OpenDocument and Office Open XML are zip packages
DOCUMENT_SIGNATURES = {
    "pdf": (b"%PDF-",), "png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",),
    "doc": _OLE2, "xls": _OLE2, "ppt": _OLE2,
    "odt": _ZIP, "ods": _ZIP, "odp": _ZIP, "docx": _ZIP, "xlsx": _ZIP, "pptx": _ZIP,
}
_MARKUP = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")


def content_matches_extension(file, extension: str) -> bool:
    """The first bytes agree with the extension; a text file (.csv, .txt) is text and not markup."""
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if extension in DOCUMENT_SIGNATURES:
        return head.startswith(DOCUMENT_SIGNATURES[extension])
    if b"\x00" in head:
        return False
    return not head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_MARKUP)


@transaction.atomic
def add_document(*, item: AgendaItem, title: str, file=None, url="") -> AgendaDocument:
    if not file and not url:
        raise ValidationError("Joignez un fichier ou indiquez un lien vers le document.")
    if file:
        extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
        if extension not in DOCUMENT_EXTENSIONS:
            raise ValidationError(f"Format de fichier non accepté (« .{extension} »). Formats acceptés : "
                                  + ", ".join(sorted(DOCUMENT_EXTENSIONS)) + ".")
        if file.size > MAX_DOCUMENT_BYTES:
            raise ValidationError("Le fichier dépasse 20 Mo.")
        if not content_matches_extension(file, extension):
            raise ValidationError(
                f"Le contenu de « {file.name} » ne correspond pas à un fichier .{extension} : "
                "joignez le document tel que l'enregistre votre logiciel (une page web renommée n'est pas acceptée)."
            )
    return AgendaDocument.objects.create(item=item, title=title.strip() or getattr(file, "name", url), file=file or "",
                                         url=url)


@transaction.atomic
def remove_document(document: AgendaDocument) -> None:
    """Detach a document from its point. The history keeps its title; the stored file is kept too."""
    document.delete()


@transaction.atomic
def send_agenda(meeting: Meeting, *, now=None, user=None, notify=True) -> AgendaSending:
    """Send the agenda and documents to every person the body's seats reach, with the .ics.

    The sending is recorded with its recipients (names and addresses as they were that day);
    an agenda that would reach nobody is refused, so that it is never counted as sent.
    `notify=False` records a sending made outside Entente (the demo's past meetings) without
    e-mailing anyone today.
    """
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("La réunion est annulée : l'ordre du jour ne peut plus être envoyé.")
    if not meeting.items.exists():
        raise ValidationError("L'ordre du jour est vide : ajoutez au moins un point avant de l'envoyer.")
    people, unreached = notifications.meeting_reach(meeting)
    if not people:
        raise ValidationError(
            "Personne ne recevrait l'ordre du jour : aucun siège de l'instance n'est occupé par une personne "
            "ayant une adresse e-mail, ni tenu par un partenaire dont un membre a une adresse e-mail. "
            "Complétez les sièges sur la page de l'instance, puis envoyez l'ordre du jour.")
    sent_at = now or timezone.now()
    first_time = meeting.agenda_sent_at is None
    if first_time:
        meeting.agenda_sent_at = sent_at
    else:
        meeting.agenda_updated_at = sent_at
        meeting.sequence += 1
    meeting.save()
    sending = AgendaSending.objects.create(
        meeting=meeting, sent_at=sent_at, is_update=not first_time, unreached_seats=unreached,
        recipients=[{"name": person.public_name, "email": person.email} for person in people],
        sent_by=user if user and user.pk else None,
    )
    recipient_ids = sorted(person.pk for person in people)
    if notify:
        transaction.on_commit(lambda: jobs.send_invitations.enqueue(meeting.pk, update=not first_time,
                                                                    recipient_ids=recipient_ids))
    return sending
