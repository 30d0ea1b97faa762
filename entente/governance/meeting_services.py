"""Changes to meetings: scheduling, attendance, minutes, and the calendar feed's token.

Every change goes through these functions: atomic, validated, historised; e-mails leave only once
the transaction has committed.
"""

import datetime
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import jobs
from .body_models import Body, BodyMember, BodyRole, new_token
from .body_services import check_partner
from .meeting_models import (
    Attendance,
    AttendanceStatus,
    CalendarToken,
    Meeting,
    MeetingStatus,
    MinutesStatus,
    MinutesVersion,
    clean_functions,
)

# --- meetings ------------------------------------------------------------------------------


def _validate_meeting(body, *, starts_at, ends_at, convener_override, chair_override, override_reason):
    if ends_at <= starts_at:
        raise ValidationError("La réunion ne peut pas se terminer avant d'avoir commencé : vérifiez l'heure de fin.")
    if ends_at - starts_at > datetime.timedelta(days=3):
        raise ValidationError("Une réunion dure au plus trois jours : vérifiez les dates de début et de fin.")
    check_partner(body.cooperation, convener_override)
    check_partner(body.cooperation, chair_override)
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
def schedule_meeting(*, body: Body, starts_at, ends_at, user=None, title="", place="", online_url="",
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
        created_by=user if user and user.pk else None,
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
def save_minutes(*, meeting: Meeting, text: str, user=None, change_note="") -> tuple[MinutesVersion, bool]:
    """Write the minutes. A proposed version is edited in place (its history is kept); once a
    version is approved, any change becomes a new proposed version — never a silent edit.

    Returns (version, created_new_version).
    """
    text = (text or "").strip()
    if not text:
        raise ValidationError("Le compte rendu est vide.")
    latest = MinutesVersion.objects.select_for_update().filter(meeting=meeting).order_by("-number").first()
    author = user if user and user.pk else None
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
