"""Who changed what, and when: the historical records of meetings, minutes, decisions, follow-ups."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from entente.accounts.models import User
from entente.cooperations.models import Partnership

from .body_models import Body, BodyMember
from .decision_models import Decision, FollowUp, Ratification, Vote
from .meeting_models import AgendaDocument, AgendaItem, AgendaSending, Attendance, Meeting, MinutesVersion

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


@dataclass(frozen=True)
class Ref:
    """A foreign key in a historical record, named once all entries are known (one query per model)."""

    model: type
    pk: object


# What to load with each referenced model so that its name costs no further query.
RELATED_FOR_NAMES = {
    "BodyMember": ("user", "partner__organization"),
    "Attendance": ("seat__user", "seat__partner__organization", "person", "holder"),
    "Meeting": ("body",),
    "Partnership": ("organization",),
}


def _name(obj) -> str:
    if hasattr(obj, "public_name"):
        return obj.public_name
    if type(obj).__name__ == "Partnership":
        return str(obj.organization)
    if isinstance(obj, Attendance):
        return obj.who
    return str(obj)


def _value(field, record):
    value = getattr(record, field.attname, None)
    if value is None or value == "":
        return ""
    if field.many_to_one:
        return Ref(field.related_model, value)
    if field.choices:
        return dict(field.choices).get(value, value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) else \
            value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
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
    BodyMember: ("Siège", lambda r: r.label or r.get_role_display()),
    AgendaDocument: ("Document", lambda r: r.title),
    Vote: ("Vote", lambda r: (f"{r.get_choice_display().lower()} — ", Ref(BodyMember, r.seat_id))),
    Meeting: ("Réunion", lambda r: f"{r.title or 'Réunion'} du {timezone.localtime(r.starts_at):%d/%m/%Y}"),
    AgendaItem: ("Point de l'ordre du jour", lambda r: r.title),
    AgendaSending: ("Envoi de l'ordre du jour", lambda r: _sending_label(r)),
    Attendance: ("Présence", lambda r: Ref(BodyMember, r.seat_id) if r.seat_id
                 else ("invité·e : ", Ref(User, r.person_id))),
    MinutesVersion: ("Compte rendu", lambda r: f"version {r.number}"),
    Decision: ("Décision", lambda r: f"D{r.decided_on:%Y}-{r.number:04d}"),
    FollowUp: ("Suite à donner", lambda r: r.title),
    Ratification: ("Ratification", lambda r: ("délibération de ", Ref(Partnership, r.partner_id))),
}


def _sending_label(record) -> str:
    what = "mise à jour" if record.is_update else "convocation"
    count = len(record.recipients)
    people = ", ".join(f"{person['name']} ({person['email']})" for person in record.recipients)
    return f"{what} à {count} personne{'s' if count > 1 else ''} : {people}"


def _entries(model, queryset, recent=None):
    """Entries with their before/after; with `recent`, only the objects among the `recent` latest changes
    (all their versions, to compute the differences), so that a large cooperation stays quick."""
    kind, describe = LABELS[model]
    previous_by_object, entries = {}, []
    if recent is not None:
        latest = set(queryset.order_by("-history_date").values_list("id", flat=True)[:recent])
        queryset = queryset.filter(id__in=latest)
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
    return _resolve(entries[:limit])


def _resolve(entries):
    wanted = defaultdict(set)
    for entry in entries:
        label_ref = entry.label[1] if isinstance(entry.label, tuple) else entry.label
        if isinstance(label_ref, Ref):
            wanted[label_ref.model].add(label_ref.pk)
        for _field, old, new in entry.changes:
            for value in (old, new):
                if isinstance(value, Ref):
                    wanted[value.model].add(value.pk)
    names = {}
    for model, pks in wanted.items():
        queryset = model._default_manager.filter(pk__in=pks)
        related = RELATED_FOR_NAMES.get(model.__name__)
        for obj in queryset.select_related(*related) if related else queryset:
            names[(model, obj.pk)] = _name(obj)

    def named(value):
        if isinstance(value, Ref):
            return names.get((value.model, value.pk), f"n° {value.pk} (supprimé·e)")
        return value

    for entry in entries:
        if isinstance(entry.label, tuple):
            entry.label = entry.label[0] + named(entry.label[1])
        else:
            entry.label = named(entry.label)
        entry.changes = [(field, named(old), named(new)) for field, old, new in entry.changes]
    return entries


def _item_ids(meeting_ids):
    """Agenda points of these meetings, including points since removed (their documents stay in the history)."""
    return AgendaItem.history.filter(meeting_id__in=meeting_ids).values("id")


def entries_for_cooperation(cooperation, limit=300):
    body_ids = Body.objects.filter(cooperation=cooperation).values("pk")
    meeting_ids = Meeting.objects.filter(body__cooperation=cooperation).values("pk")
    decision_ids = Decision.objects.filter(cooperation=cooperation).values("pk")
    sources = [
        (Body, Body.history.filter(cooperation_id=cooperation.pk)),
        (Meeting, Meeting.history.filter(body_id__in=body_ids)),
        (BodyMember, BodyMember.history.filter(body_id__in=body_ids)),
        (AgendaItem, AgendaItem.history.filter(meeting_id__in=meeting_ids)),
        (AgendaSending, AgendaSending.history.filter(meeting_id__in=meeting_ids)),
        (AgendaDocument, AgendaDocument.history.filter(item_id__in=_item_ids(meeting_ids))),
        (MinutesVersion, MinutesVersion.history.filter(meeting_id__in=meeting_ids)),
        (Decision, Decision.history.filter(cooperation_id=cooperation.pk)),
        (Vote, Vote.history.filter(decision_id__in=decision_ids)),
        (FollowUp, FollowUp.history.filter(cooperation_id=cooperation.pk)),
        (Ratification, Ratification.history.filter(decision_id__in=decision_ids)),
    ]
    entries = []
    for model, queryset in sources:
        entries += _entries(model, queryset, recent=limit)
    return _sorted(entries, limit)


def entries_for_meeting(meeting, limit=100):
    entries = _entries(Meeting, Meeting.history.filter(id=meeting.pk))
    entries += _entries(AgendaItem, AgendaItem.history.filter(meeting_id=meeting.pk))
    entries += _entries(AgendaSending, AgendaSending.history.filter(meeting_id=meeting.pk))
    entries += _entries(AgendaDocument, AgendaDocument.history.filter(item_id__in=_item_ids([meeting.pk])))
    entries += _entries(Attendance, Attendance.history.filter(meeting_id=meeting.pk))
    entries += _entries(MinutesVersion, MinutesVersion.history.filter(meeting_id=meeting.pk))
    return _sorted(entries, limit)


def entries_for_decision(decision, limit=100):
    entries = _entries(Decision, Decision.history.filter(id=decision.pk))
    entries += _entries(Vote, Vote.history.filter(decision_id=decision.pk))
    entries += _entries(FollowUp, FollowUp.history.filter(decision_id=decision.pk))
    entries += _entries(Ratification, Ratification.history.filter(decision_id=decision.pk))
    return _sorted(entries, limit)
