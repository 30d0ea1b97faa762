"""Every change to governance goes through these functions: atomic, validated, historised;
e-mails leave only once the transaction has committed.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from entente.cooperations.models import Cooperation, Membership, PartnerRole, Partnership
from entente.core.text import fold

from . import jobs, notifications, quorum_and_votes, schedule
from .body_models import Body, BodyMember, BodyRole, CouncilSession, PartnerWeight, RotationSlot, VotingMode, new_token
from .decision_models import Decision, DecisionOutcome, FollowUp, FollowUpStatus, Ratification, RatificationStatus, Vote
from .meeting_models import (
    AgendaDocument,
    AgendaItem,
    AgendaSending,
    Attendance,
    AttendanceStatus,
    CalendarToken,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    MinutesVersion,
    clean_functions,
)
from .presets import PRESETS, USUAL_BY_COOPERATION_KIND

BODY_FIELDS = {
    "name", "kind", "mandate", "functions", "periodicity", "council_lead_days", "rotation", "rotates_convener",
    "rotates_chair", "rotates_place", "agenda_deadline_amount", "agenda_deadline_unit", "quorum_basis",
    "quorum_percent", "proxies_count_for_quorum", "voting_mode", "weighting",
}


def _check_partner(cooperation, partner):
    if partner is not None and partner.cooperation_id != cooperation.pk:
        raise ValidationError("Ce partenaire n'appartient pas à cette coopération.")


# --- bodies --------------------------------------------------------------------------------


@transaction.atomic
def create_body(*, cooperation: Cooperation, name: str, kind: str, rotation_partners=(), **fields) -> Body:
    unknown = set(fields) - BODY_FIELDS
    if unknown:
        raise ValueError(f"Unknown body fields: {sorted(unknown)}")
    name = name.strip()
    if Body.objects.filter(cooperation=cooperation, name__iexact=name).exists():
        raise ValidationError(f"Une instance « {name} » existe déjà dans cette coopération.")
    body = Body.objects.create(cooperation=cooperation, name=name, kind=kind, **fields)
    if rotation_partners:
        set_rotation(body, [(partner, "") for partner in rotation_partners])
    return body


@transaction.atomic
def update_body(body: Body, **fields) -> Body:
    unknown = set(fields) - BODY_FIELDS
    if unknown:
        raise ValueError(f"Unknown body fields: {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = fields["name"].strip()
        if Body.objects.filter(cooperation=body.cooperation, name__iexact=fields["name"]).exclude(pk=body.pk).exists():
            raise ValidationError(f"Une instance « {fields['name']} » existe déjà dans cette coopération.")
    for field, value in fields.items():
        setattr(body, field, value)
    body.save()
    return body


def signatory_partners(cooperation):
    return list(Partnership.objects.active().filter(cooperation=cooperation, role=PartnerRole.SIGNATORY)
                .select_related("organization").order_by("pk"))


@transaction.atomic
def create_preset_bodies(*, cooperation: Cooperation, codes=None) -> list[Body]:
    """Create the usual bodies of this kind of cooperation (or the listed presets), skipping existing names."""
    codes = codes or USUAL_BY_COOPERATION_KIND.get(cooperation.kind, ["comite_pilotage"])
    partners = signatory_partners(cooperation)
    created = []
    for code in codes:
        preset = PRESETS.get(code)
        if preset is None:
            raise ValidationError(f"Modèle d'instance inconnu : « {code} ».")
        if Body.objects.filter(cooperation=cooperation, name__iexact=preset.name).exists():
            continue
        body = create_body(cooperation=cooperation, name=preset.name, kind=preset.kind, mandate=preset.mandate,
                           rotation_partners=partners if preset.settings.get("rotation", "fixe") != "fixe" else (),
                           **preset.settings)
        for partner in partners:
            for role, label in preset.seats_per_partner:
                BodyMember.objects.create(body=body, partner=partner, role=role, label=label)
        created.append(body)
    if not created:
        raise ValidationError("Les instances usuelles existent déjà dans cette coopération.")
    return created


@transaction.atomic
def set_rotation(body: Body, slots: list[tuple[Partnership, str]]) -> None:
    """Replace the rotation order: a list of (partner, theme) in order."""
    seen = set()
    for partner, theme in slots:
        _check_partner(body.cooperation, partner)
        key = (partner.pk, fold(theme) if body.rotation == "par_theme" else "")
        if key in seen:
            raise ValidationError(f"{partner.organization} figure deux fois dans l'ordre de rotation.")
        seen.add(key)
    RotationSlot.objects.filter(body=body).delete()
    RotationSlot.objects.bulk_create([
        RotationSlot(body=body, position=index + 1, partner=partner, theme=theme.strip())
        for index, (partner, theme) in enumerate(slots)
    ])


@transaction.atomic
def set_partner_weight(body: Body, partner: Partnership, weight: Decimal) -> PartnerWeight:
    _check_partner(body.cooperation, partner)
    if weight <= 0:
        raise ValidationError("Le poids d'un partenaire doit être strictement positif.")
    record, _ = PartnerWeight.objects.update_or_create(body=body, partner=partner, defaults={"weight": weight})
    return record


@transaction.atomic
def add_council_session(body: Body, date: datetime.date, label: str = "") -> CouncilSession:
    if CouncilSession.objects.filter(body=body, date=date).exists():
        raise ValidationError(f"Le conseil du {date:%d/%m/%Y} est déjà enregistré.")
    return CouncilSession.objects.create(body=body, date=date, label=label)


@transaction.atomic
def remove_council_session(session: CouncilSession) -> None:
    """A council date entered by mistake; the next due meeting is computed again from the others."""
    session.delete()


@transaction.atomic
def add_body_member(*, body: Body, user=None, partner: Partnership | None = None, role: str = BodyRole.MEMBER,
                    label: str = "") -> BodyMember:
    """A seat. A person outside the cooperation may sit only as invité·e."""
    if user is None and partner is None:
        raise ValidationError("Indiquez une personne, un partenaire, ou les deux.")
    _check_partner(body.cooperation, partner)
    if user is not None:
        in_cooperation = Membership.objects.filter(cooperation=body.cooperation, user=user).exists()
        if not in_cooperation and role != BodyRole.GUEST:
            raise ValidationError(
                f"{user.public_name} n'est pas membre de cette coopération : il ou elle ne peut siéger "
                "qu'en tant qu'invité·e.")
        if BodyMember.objects.filter(body=body, user=user).exists():
            raise ValidationError(f"{user.public_name} siège déjà dans cette instance.")
    return BodyMember.objects.create(body=body, user=user, partner=partner, role=role, label=label.strip())


@transaction.atomic
def remove_body_member(seat: BodyMember) -> None:
    if seat.attendances.exists() or seat.votes.exists():
        raise ValidationError("Ce siège figure dans des feuilles de présence ou des votes : il est conservé. "
                              "Changez plutôt son rôle ou la personne qui l'occupe.")
    seat.delete()


@transaction.atomic
def update_body_member(seat: BodyMember, *, user=None, partner: Partnership | None = None, role: str | None = None,
                       label: str | None = None) -> BodyMember:
    """Change a seat: the person, the partner represented, the role, the function.

    Every field is given in full (None for "no person" or "no partner"), as the edit form sends
    them; the seat keeps its attendances and votes, and its history keeps the earlier holder.
    """
    role = role or seat.role
    if user is None and partner is None:
        raise ValidationError("Indiquez une personne, un partenaire, ou les deux.")
    _check_partner(seat.body.cooperation, partner)
    if user is not None:
        in_cooperation = Membership.objects.filter(cooperation=seat.body.cooperation, user=user).exists()
        if not in_cooperation and role != BodyRole.GUEST:
            raise ValidationError(
                f"{user.public_name} n'est pas membre de cette coopération : il ou elle ne peut siéger "
                "qu'en tant qu'invité·e.")
        if BodyMember.objects.filter(body=seat.body, user=user).exclude(pk=seat.pk).exists():
            raise ValidationError(f"{user.public_name} siège déjà dans cette instance.")
    if seat.role != BodyRole.GUEST and role == BodyRole.GUEST and Attendance.objects.filter(
            seat=seat, represents__isnull=False).exists():
        raise ValidationError("Ce membre détient un pouvoir lors d'une réunion : un invité ne peut pas en porter. "
                              "Retirez d'abord ce pouvoir.")
    seat.user, seat.partner, seat.role = user, partner, role
    if label is not None:
        seat.label = label.strip()
    seat.save()
    return seat


# --- meetings ------------------------------------------------------------------------------


def _validate_meeting(body, *, starts_at, ends_at, convener_override, chair_override, override_reason):
    if ends_at <= starts_at:
        raise ValidationError("La réunion ne peut pas se terminer avant d'avoir commencé : vérifiez l'heure de fin.")
    if ends_at - starts_at > datetime.timedelta(days=3):
        raise ValidationError("Une réunion dure au plus trois jours : vérifiez les dates de début et de fin.")
    _check_partner(body.cooperation, convener_override)
    _check_partner(body.cooperation, chair_override)
    if (convener_override or chair_override) and not (override_reason or "").strip():
        raise ValidationError("Indiquez le motif de la dérogation à la rotation (qui convoque ou qui préside).")


def default_place(body, starts_at, theme):
    if not body.rotates_place:
        return ""
    from .selectors import predicted_roles

    roles = predicted_roles(body, starts_at, theme)
    host = roles.chair if body.rotates_chair else roles.convener
    return f"Dans les locaux de : {host.organization}" if host else ""


@transaction.atomic
def schedule_meeting(*, body: Body, starts_at, ends_at, by=None, title="", place="", online_url="",
                     format="reunion_travail", theme="", convener_override=None, chair_override=None,
                     override_reason="", functions=()) -> Meeting:
    _validate_meeting(body, starts_at=starts_at, ends_at=ends_at, convener_override=convener_override,
                      chair_override=chair_override, override_reason=override_reason)
    if not place and not online_url:
        place = default_place(body, starts_at, theme)
    meeting = Meeting.objects.create(
        body=body, starts_at=starts_at, ends_at=ends_at, title=title.strip(), place=place.strip(),
        online_url=online_url, format=format, theme=theme.strip(), convener_override=convener_override,
        chair_override=chair_override, functions=clean_functions(functions),
        override_reason=override_reason.strip() if (convener_override or chair_override) else "",
        created_by=by if by and by.pk else None,
    )
    return meeting


@transaction.atomic
def update_meeting(meeting: Meeting, *, notify=True, **fields) -> Meeting:
    merged = {key: fields.get(key, getattr(meeting, key)) for key in
              ("starts_at", "ends_at", "convener_override", "chair_override", "override_reason")}
    _validate_meeting(meeting.body, **merged)
    if not (merged["convener_override"] or merged["chair_override"]):
        fields["override_reason"] = ""
    moved = any(key in fields and fields[key] != getattr(meeting, key) for key in
                ("starts_at", "ends_at", "place", "online_url"))
    # Cancelling (or reinstating) concerns every member; recording that the meeting was held does not.
    if "status" in fields and fields["status"] != meeting.status and MeetingStatus.CANCELLED in (
            fields["status"], meeting.status):
        moved = True
    if "functions" in fields:
        fields["functions"] = clean_functions(fields["functions"])
    for field, value in fields.items():
        setattr(meeting, field, value)
    if moved:
        meeting.sequence += 1
    meeting.save()
    if moved and notify and meeting.agenda_sent_at:
        transaction.on_commit(lambda: jobs.send_meeting_update.enqueue(meeting.pk))
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting) -> Meeting:
    return update_meeting(meeting, status=MeetingStatus.CANCELLED)


@transaction.atomic
def add_agenda_item(*, meeting: Meeting, title: str, kind: str, description="", presenter=None,
                    presenter_partner=None, format="", functions=()) -> AgendaItem:
    _check_partner(meeting.body.cooperation, presenter_partner)
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
    _check_partner(item.meeting.body.cooperation, presenter_partner)
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
def send_agenda(meeting: Meeting, *, now=None, by=None, notify=True) -> AgendaSending:
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
        sent_by=by if by and by.pk else None,
    )
    recipient_ids = sorted(person.pk for person in people)
    if notify:
        transaction.on_commit(lambda: jobs.send_invitations.enqueue(meeting.pk, update=not first_time,
                                                                    recipient_ids=recipient_ids))
    return sending


# --- attendance ----------------------------------------------------------------------------


@transaction.atomic
def record_attendance(*, meeting: Meeting, status: str, seat: BodyMember | None = None, person=None,
                      proxy: Attendance | None = None) -> Attendance:
    """Attendance of a seat, or of a guest (a person without a seat, shown as invité·e).

    A proxy must be given to a member present at the same meeting: not to someone absent, and not
    to someone who is themselves represented (no chains of proxies).
    """
    if seat is not None and seat.body_id != meeting.body_id:
        raise ValidationError("Ce siège n'appartient pas à cette instance.")
    if seat is None and person is None:
        raise ValidationError("Choisissez un membre de l'instance ou une personne invitée.")
    if seat is None:
        existing_seat = BodyMember.objects.filter(body=meeting.body, user=person).first()
        if existing_seat is not None:
            seat, person = existing_seat, None
    is_guest = seat is None or seat.role == BodyRole.GUEST
    if status == AttendanceStatus.REPRESENTED:
        _validate_proxy(meeting, seat, proxy, is_guest)
    else:
        proxy = None
    lookup = {"seat": seat} if seat is not None else {"person": person}
    attendance = Attendance.objects.filter(meeting=meeting, **lookup).first()
    if attendance is not None and status != AttendanceStatus.PRESENT and attendance.represents.exists():
        names = ", ".join(a.who for a in attendance.represents.all())
        raise ValidationError(f"{attendance.who} détient le pouvoir de {names} : retirez d'abord ce pouvoir "
                              "ou confiez-le à une personne présente.")
    if attendance is None:
        attendance = Attendance(meeting=meeting, holder=seat.user if seat is not None else None, **lookup)
    attendance.status, attendance.proxy, attendance.is_guest = status, proxy, is_guest
    attendance.save()
    return attendance


@transaction.atomic
def record_attendance_sheet(*, meeting: Meeting, rows: list[tuple[BodyMember, str, BodyMember | None]]) -> int:
    """The whole attendance sheet at once: (seat, status or "" for not recorded, proxy holder's seat).

    The sheet is checked as a whole, so that a proxy may go to someone marked present on the same
    sheet; nothing is written when one line is wrong. Returns the number of lines changed.
    """
    final = {seat.pk: (seat, status, proxy_seat) for seat, status, proxy_seat in rows}
    errors = []
    holders = defaultdict(list)
    for seat, status, proxy_seat in rows:
        if seat.body_id != meeting.body_id:
            raise ValidationError("Ce siège n'appartient pas à cette instance.")
        if status != AttendanceStatus.REPRESENTED:
            continue
        name = str(seat)
        if seat.role == BodyRole.GUEST:
            errors.append(f"{name} est invité·e : seuls les membres de l'instance se font représenter.")
        elif proxy_seat is None:
            errors.append(f"{name} : indiquez la personne présente qui détient le pouvoir.")
        elif proxy_seat.pk == seat.pk:
            errors.append(f"{name} ne peut pas se donner pouvoir à lui-même ou à elle-même.")
        else:
            holder_status = final.get(proxy_seat.pk, (proxy_seat, "", None))[1]
            if holder_status == AttendanceStatus.REPRESENTED:
                errors.append(f"{name} : {proxy_seat} est lui-même ou elle-même représenté·e, les pouvoirs en "
                              "cascade ne sont pas admis.")
            elif holder_status != AttendanceStatus.PRESENT:
                errors.append(f"{name} : {proxy_seat} n'est pas présent·e, un pouvoir ne peut être donné qu'à une "
                              "personne présente.")
            elif proxy_seat.role == BodyRole.GUEST:
                errors.append(f"{name} : {proxy_seat} est invité·e, un pouvoir ne peut être donné qu'à un membre.")
            else:
                holders[proxy_seat.pk].append(name)
    errors += [f"{final[pk][0]} détient plusieurs pouvoirs ({', '.join(names)}) : une personne ne peut en "
               "porter qu'un." for pk, names in holders.items() if len(names) > 1]
    if errors:
        raise ValidationError(errors)
    existing = {a.seat_id: a for a in Attendance.objects.select_for_update().filter(meeting=meeting,
                                                                                     seat__isnull=False)}
    changed = 0
    # Lines without a proxy first, so that every proxy holder exists before the proxies point to it.
    ordered = sorted(rows, key=lambda row: row[1] == AttendanceStatus.REPRESENTED)
    for seat, status, proxy_seat in ordered:
        attendance = existing.get(seat.pk)
        if not status:
            continue
        proxy = existing[proxy_seat.pk] if status == AttendanceStatus.REPRESENTED else None
        if attendance is None:
            attendance = Attendance(meeting=meeting, seat=seat, holder=seat.user)
        elif (attendance.status, attendance.proxy_id) == (status, proxy.pk if proxy else None):
            continue
        attendance.status, attendance.proxy, attendance.is_guest = status, proxy, seat.role == BodyRole.GUEST
        attendance.save()
        existing[seat.pk] = attendance
        changed += 1
    for seat, status, _proxy in rows:
        if not status and seat.pk in existing:
            existing[seat.pk].delete()
            changed += 1
    return changed


def _validate_proxy(meeting, seat, proxy, is_guest):
    if is_guest:
        raise ValidationError("Une personne invitée ne peut pas donner de pouvoir : seuls les membres de l'instance "
                              "se font représenter.")
    if proxy is None:
        raise ValidationError("Indiquez la personne présente qui détient le pouvoir.")
    if proxy.meeting_id != meeting.pk:
        raise ValidationError("Le pouvoir doit être donné à une personne de cette même réunion.")
    if proxy.seat_id == seat.pk:
        raise ValidationError("Un membre ne peut pas se donner pouvoir à lui-même.")
    if proxy.status == AttendanceStatus.REPRESENTED:
        raise ValidationError(f"{proxy.who} est lui-même ou elle-même représenté·e : les pouvoirs en cascade ne "
                              "sont pas admis.")
    if proxy.status != AttendanceStatus.PRESENT:
        raise ValidationError(f"{proxy.who} n'est pas présent·e : un pouvoir ne peut être donné qu'à une personne "
                              "présente.")
    if proxy.is_guest or proxy.seat_id is None:
        raise ValidationError(f"{proxy.who} est invité·e : un pouvoir ne peut être donné qu'à un membre de "
                              "l'instance.")
    if proxy.represents.exclude(seat=seat).exists():
        raise ValidationError(f"{proxy.who} détient déjà un pouvoir : une personne ne peut en porter qu'un.")


# --- minutes -------------------------------------------------------------------------------


@transaction.atomic
def save_minutes(*, meeting: Meeting, text: str, author=None, change_note="") -> tuple[MinutesVersion, bool]:
    """Write the minutes. A proposed version is edited in place (its history is kept); once a
    version is approved, any change becomes a new proposed version — never a silent edit.

    Returns (version, created_new_version).
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError("Le compte rendu est vide.")
    latest = MinutesVersion.objects.select_for_update().filter(meeting=meeting).order_by("-number").first()
    author = author if author and author.pk else None
    if latest is not None and latest.status == MinutesStatus.PROPOSED:
        latest.text, latest.author = text, author
        if change_note:
            latest.change_note = change_note.strip()
        latest.save()
        return latest, False
    if latest is not None and latest.status == MinutesStatus.APPROVED:
        if latest.text == text:
            raise ValidationError("Le texte est identique à la version approuvée : aucune nouvelle version créée.")
        if not change_note.strip():
            raise ValidationError(f"La version {latest.number} a été approuvée : indiquez le motif de la modification, "
                                  f"qui sera proposée comme version {latest.number + 1}.")
    number = (latest.number + 1) if latest else 1
    version = MinutesVersion.objects.create(meeting=meeting, number=number, text=text, author=author,
                                            change_note=change_note.strip())
    return version, latest is not None


@transaction.atomic
def approve_minutes(version: MinutesVersion, *, approved_in: Meeting | None = None, now=None) -> MinutesVersion:
    if version.status == MinutesStatus.APPROVED:
        raise ValidationError(f"La version {version.number} est déjà approuvée.")
    latest_number = MinutesVersion.objects.filter(meeting=version.meeting).aggregate(m=Max("number"))["m"]
    if version.number != latest_number:
        raise ValidationError("Seule la dernière version du compte rendu peut être approuvée.")
    if approved_in is not None and (approved_in.body_id != version.meeting.body_id
                                    or approved_in.starts_at <= version.meeting.starts_at):
        raise ValidationError("Le compte rendu s'approuve lors d'une réunion suivante de la même instance.")
    version.status, version.approved_in = MinutesStatus.APPROVED, approved_in
    version.approved_at = now or timezone.now()
    version.save()
    return version


# --- decisions, votes, ratification -------------------------------------------------------


@transaction.atomic
def record_decision(*, item: AgendaItem, text: str, kind: str, requires_ratification=False, by=None,
                    decided_on=None, arbitration=None) -> Decision:
    text = (text or "").strip()
    if not text:
        raise ValidationError("Rédigez le texte de la décision.")
    meeting = item.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("La réunion est annulée : aucune décision ne peut y être enregistrée.")
    cooperation = Cooperation.objects.select_for_update().get(pk=meeting.body.cooperation_id)
    number = (Decision.objects.filter(cooperation=cooperation).aggregate(m=Max("number"))["m"] or 0) + 1
    decision = Decision.objects.create(
        cooperation=cooperation, item=item, number=number, text=text, kind=kind,
        decided_on=decided_on or timezone.localtime(meeting.starts_at).date(),
        requires_ratification=requires_ratification, created_by=by if by and by.pk else None,
        arbitration=arbitration,
    )
    if requires_ratification:
        partners = signatory_partners(cooperation)
        if not partners:
            raise ValidationError("Aucun partenaire signataire n'est enregistré : la ratification ne peut être suivie.")
        Ratification.objects.bulk_create([Ratification(decision=decision, partner=p) for p in partners])
    return decision


@transaction.atomic
def update_decision(decision: Decision, *, text=None, kind=None, item: AgendaItem | None = None,
                    requires_ratification=None, change_note="") -> Decision:
    """Correct a decision (text, nature, agenda point, ratification). The earlier wording stays in
    the history with the reason given; ratifications already deliberated are never dropped."""
    if text is not None:
        if not text.strip():
            raise ValidationError("Le texte de la décision ne peut pas être vide.")
        decision.text = text.strip()
    if kind is not None:
        decision.kind = kind
    if item is not None and item.pk != decision.item_id:
        if item.meeting_id != decision.item.meeting_id:
            raise ValidationError("Une décision reste rattachée à un point de la réunion où elle a été prise.")
        decision.item = item
    if requires_ratification is not None and requires_ratification != decision.requires_ratification:
        _switch_ratification(decision, requires_ratification)
    decision._change_reason = (change_note or "").strip()[:100] or None
    decision.save()
    return decision


def _switch_ratification(decision: Decision, required: bool) -> None:
    if required:
        partners = signatory_partners(decision.cooperation)
        if not partners:
            raise ValidationError("Aucun partenaire signataire n'est enregistré : la ratification ne peut être suivie.")
        existing = set(decision.ratifications.values_list("partner_id", flat=True))
        Ratification.objects.bulk_create([Ratification(decision=decision, partner=p) for p in partners
                                          if p.pk not in existing])
    else:
        deliberated = decision.ratifications.exclude(status=RatificationStatus.PENDING)
        if deliberated.exists():
            names = ", ".join(str(r.partner.organization) for r in deliberated.select_related("partner__organization"))
            raise ValidationError(f"Des délibérations sont déjà enregistrées ({names}) : la décision reste soumise "
                                  "à ratification. Remettez-les d'abord « en attente » si elles ont été saisies "
                                  "par erreur.")
        for ratification in decision.ratifications.all():
            ratification.delete()
    decision.requires_ratification = required


def _weight_of(body, partner) -> Decimal:
    custom = None
    if body.weighting == "personnalisee":
        record = PartnerWeight.objects.filter(body=body, partner=partner).first()
        custom = record.weight if record else None
    population = None
    if body.weighting == "population":
        territory = partner.organization.territory
        population = territory.population if territory else None
    return quorum_and_votes.partner_weight(body.weighting, population=population, custom=custom)


@transaction.atomic
def cast_vote(*, decision: Decision, attendance: Attendance, choice: str, recorded_by=None) -> Vote:
    """Record a vote. Only voting members present, or represented through a proxy, vote; a body
    voting per partner takes one vote per partner, weighted when the body says so."""
    meeting = decision.item.meeting
    body = meeting.body
    if body.voting_mode == VotingMode.NONE:
        raise ValidationError("Cette instance ne vote pas : ses décisions se prennent par consensus.")
    if attendance.meeting_id != meeting.pk:
        raise ValidationError("Ce votant n'est pas inscrit sur la feuille de présence de cette réunion.")
    seat = attendance.seat
    if seat is None or attendance.is_guest or not seat.votes:
        raise ValidationError(f"{attendance.who} n'est pas membre votant de l'instance : son vote ne peut pas être "
                              "enregistré.")
    if attendance.status not in (AttendanceStatus.PRESENT, AttendanceStatus.REPRESENTED):
        raise ValidationError(f"{attendance.who} est {attendance.get_status_display().lower()} sans pouvoir : "
                              "son vote ne peut pas être enregistré.")
    proxy_seat = attendance.proxy.seat if attendance.status == AttendanceStatus.REPRESENTED else None
    recorded_by = recorded_by if recorded_by and recorded_by.pk else None
    if body.voting_mode == VotingMode.PER_PARTNER:
        if seat.partner_id is None:
            raise ValidationError(f"{attendance.who} ne représente aucun partenaire : le vote se fait par partenaire.")
        vote = Vote.objects.filter(decision=decision, partner=seat.partner).first() or Vote(
            decision=decision, partner=seat.partner)
        vote.weight = _weight_of(body, seat.partner)
    else:
        vote = Vote.objects.filter(decision=decision, seat=seat, partner__isnull=True).first() or Vote(
            decision=decision)
        vote.weight = Decimal(1)
    vote.seat, vote.proxy_seat, vote.choice, vote.recorded_by = seat, proxy_seat, choice, recorded_by
    vote.save()
    _refresh_outcome(decision)
    return vote


def _refresh_outcome(decision: Decision) -> None:
    result = quorum_and_votes.tally(decision.votes.values_list("choice", "weight"))
    outcome = DecisionOutcome.ADOPTED if result.adopted else DecisionOutcome.REJECTED
    if decision.outcome != outcome:
        decision.outcome = outcome
        decision.save(update_fields=["outcome", "search_text"])


@transaction.atomic
def record_ratification(ratification: Ratification, *, status: str, assembly="", date=None,
                        deliberation_reference="") -> Ratification:
    if status != RatificationStatus.PENDING:
        missing = [label for label, value in (("l'assemblée", assembly), ("la date", date),
                                              ("la référence de la délibération", deliberation_reference))
                   if not (value.strip() if isinstance(value, str) else value)]
        if missing:
            raise ValidationError("Pour enregistrer la délibération, indiquez " + ", ".join(missing) + ".")
        if date < ratification.decision.decided_on:
            raise ValidationError("La délibération ne peut pas précéder la décision qu'elle ratifie.")
    else:
        assembly, date, deliberation_reference = "", None, ""
    ratification.status, ratification.assembly, ratification.date = status, assembly.strip(), date
    ratification.deliberation_reference = deliberation_reference.strip()
    ratification.save()
    return ratification


# --- follow-ups ----------------------------------------------------------------------------


def _clean_followup(cooperation, *, title, due_on, owner, owner_partner, current_owner_id=None) -> str:
    """The checks shared by a new follow-up and an edited one; returns the cleaned title.

    The current owner may stay in charge even after leaving the cooperation: only a new owner
    must be a member."""
    title = (title or "").strip()
    if not title:
        raise ValidationError("Décrivez la suite à donner.")
    if owner is None and owner_partner is None:
        raise ValidationError("Indiquez qui porte cette suite : une personne ou un partenaire.")
    if due_on is None:
        raise ValidationError("Indiquez une échéance pour cette suite à donner.")
    _check_partner(cooperation, owner_partner)
    if owner is not None and owner.pk != current_owner_id and not Membership.objects.filter(
            cooperation=cooperation, user=owner).exists():
        raise ValidationError(f"{owner.public_name} n'est pas membre de cette coopération.")
    return title


@transaction.atomic
def add_followup(*, decision: Decision, title: str, due_on, owner=None, owner_partner=None) -> FollowUp:
    title = _clean_followup(decision.cooperation, title=title, due_on=due_on, owner=owner,
                            owner_partner=owner_partner)
    return FollowUp.objects.create(decision=decision, cooperation=decision.cooperation, title=title, due_on=due_on,
                                   owner=owner, owner_partner=owner_partner)


@transaction.atomic
def edit_followup(followup: FollowUp, *, title: str, due_on, owner=None, owner_partner=None) -> FollowUp:
    """The secretariat rewords a follow-up, hands it to someone else or moves its deadline."""
    title = _clean_followup(followup.cooperation, title=title, due_on=due_on, owner=owner,
                            owner_partner=owner_partner, current_owner_id=followup.owner_id)
    if due_on != followup.due_on or owner != followup.owner or owner_partner != followup.owner_partner:
        followup.last_reminded_on = None  # a new deadline or a new owner deserves a fresh reminder
    followup.title, followup.due_on, followup.owner, followup.owner_partner = title, due_on, owner, owner_partner
    followup.save()
    return followup


@transaction.atomic
def update_followup(followup: FollowUp, *, status=None, evidence=None, evidence_url=None, due_on=None,
                    today=None) -> FollowUp:
    today = today or schedule.paris_today()
    if evidence is not None:
        followup.evidence = evidence.strip()
    if evidence_url is not None:
        followup.evidence_url = evidence_url.strip()
    if due_on is not None:
        followup.due_on = due_on
    if status is not None:
        if status == FollowUpStatus.DONE and not followup.evidence:
            raise ValidationError("Pour solder une suite, décrivez ce qui a été fait (preuve de réalisation).")
        followup.closed_on = today if status == FollowUpStatus.DONE else None
        followup.status = status
    followup.save()
    return followup


def send_followup_reminders(*, today=None) -> int:
    """E-mail each person their overdue and due-soon follow-ups, at most once a day; returns e-mails sent."""
    return notifications.send_followup_reminders(today=today or schedule.paris_today())


# --- calendar ------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_for(user) -> CalendarToken:
    token, _ = CalendarToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def reset_calendar_token(user) -> CalendarToken:
    token, _ = CalendarToken.objects.get_or_create(user=user)
    token.key = new_token()
    token.save()
    return token
