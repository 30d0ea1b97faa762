"""Who changed what, and when: the historical records of meetings, minutes, decisions, follow-ups."""

from dataclasses import dataclass

from .models import AgendaItem, Attendance, Body, Decision, FollowUp, Meeting, MinutesVersion, Ratification

UNTRACKED = {"id", "history_id", "history_date", "history_change_reason", "history_type", "history_user",
             "history_user_id", "search_text", "uid", "sequence", "calendar_token", "last_reminded_on"}
OPERATIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}


@dataclass
class Entry:
    date: object
    user: str
    kind: str
    label: str
    operation: str
    changes: list
    reason: str = ""


def _value(field, record):
    value = getattr(record, field.attname, None)
    if value is None or value == "":
        return ""
    if field.choices:
        return dict(field.choices).get(value, value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y %H:%M") if hasattr(value, "hour") else value.strftime("%d/%m/%Y")
    text = str(value)
    return text if len(text) <= 160 else text[:157] + "…"


def _changes(model, record, previous):
    changes = []
    for field in model._meta.fields:
        if field.attname in UNTRACKED or field.name in UNTRACKED:
            continue
        if previous is None:
            continue
        old, new = _value(field, previous), _value(field, record)
        if old != new:
            changes.append((str(field.verbose_name), old, new))
    return changes


LABELS = {
    Body: ("Instance", lambda r: r.name),
    Meeting: ("Réunion", lambda r: f"{r.title or 'Réunion'} du {r.starts_at:%d/%m/%Y}"),
    AgendaItem: ("Point de l'ordre du jour", lambda r: r.title),
    Attendance: ("Présence", lambda r: f"présence n° {r.id}"),
    MinutesVersion: ("Compte rendu", lambda r: f"version {r.number}"),
    Decision: ("Décision", lambda r: f"D{r.decided_on:%Y}-{r.number:04d}"),
    FollowUp: ("Suite à donner", lambda r: r.title),
    Ratification: ("Ratification", lambda r: f"ratification n° {r.id}"),
}


def _entries(model, queryset):
    kind, describe = LABELS[model]
    previous_by_object, entries = {}, []
    for record in queryset.select_related("history_user").order_by("id", "history_date", "history_id"):
        previous = previous_by_object.get(record.id)
        entries.append(Entry(
            date=record.history_date, user=record.history_user.public_name if record.history_user else "Système",
            kind=kind, label=describe(record), operation=OPERATIONS.get(record.history_type, ""),
            changes=_changes(model, record, previous), reason=record.history_change_reason or "",
        ))
        previous_by_object[record.id] = record
    return entries


def _sorted(entries, limit):
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries[:limit]


def entries_for_cooperation(cooperation, limit=300):
    body_ids = list(Body.objects.filter(cooperation=cooperation).values_list("pk", flat=True))
    meeting_ids = list(Meeting.objects.filter(body_id__in=body_ids).values_list("pk", flat=True))
    decision_ids = list(Decision.objects.filter(cooperation=cooperation).values_list("pk", flat=True))
    entries = []
    entries += _entries(Body, Body.history.filter(cooperation_id=cooperation.pk))
    entries += _entries(Meeting, Meeting.history.filter(body_id__in=body_ids))
    entries += _entries(AgendaItem, AgendaItem.history.filter(meeting_id__in=meeting_ids))
    entries += _entries(MinutesVersion, MinutesVersion.history.filter(meeting_id__in=meeting_ids))
    entries += _entries(Decision, Decision.history.filter(cooperation_id=cooperation.pk))
    entries += _entries(FollowUp, FollowUp.history.filter(cooperation_id=cooperation.pk))
    entries += _entries(Ratification, Ratification.history.filter(decision_id__in=decision_ids))
    return _sorted(entries, limit)


def entries_for_meeting(meeting, limit=100):
    entries = _entries(Meeting, Meeting.history.filter(id=meeting.pk))
    entries += _entries(AgendaItem, AgendaItem.history.filter(meeting_id=meeting.pk))
    entries += _entries(Attendance, Attendance.history.filter(meeting_id=meeting.pk))
    entries += _entries(MinutesVersion, MinutesVersion.history.filter(meeting_id=meeting.pk))
    return _sorted(entries, limit)


def entries_for_decision(decision, limit=100):
    entries = _entries(Decision, Decision.history.filter(id=decision.pk))
    entries += _entries(FollowUp, FollowUp.history.filter(decision_id=decision.pk))
    entries += _entries(Ratification, Ratification.history.filter(decision_id=decision.pk))
    return _sorted(entries, limit)
