"""Who changed what, and when: the historical records of meetings, minutes, decisions, follow-ups.

The pages are built by `entente.core.history`; this module says which records each page reads
and how each kind of object is named.
"""

from django.utils import timezone
from django.utils.html import format_html

from entente.accounts.models import User
from entente.cooperations.models import Partnership
from entente.core.history import Ref, Source, history_entries

from .body_models import Body, BodyMember, CodirFunction
from .decision_models import Decision, FollowUp, Ratification, Vote
from .meeting_models import AgendaDocument, AgendaItem, AgendaSending, Attendance, Meeting, MinutesVersion

UNTRACKED = {"uid", "sequence", "calendar_token", "last_reminded_on"}

# How a referenced object is named, and what to load with it so that its name costs no further query.
NAMES = {Partnership: lambda p: str(p.organization), Attendance: lambda a: a.who}
RELATED = {
    BodyMember: ("user", "partner__organization"),
    Attendance: ("seat__user", "seat__partner__organization", "person", "holder"),
    Meeting: ("body",),
    Partnership: ("organization",),
}


def _sending_label(record) -> str:
    what = "mise à jour" if record.is_update else "convocation"
    count = len(record.recipients)
    people = ", ".join(f"{person['name']} ({person['email']})" for person in record.recipients)
    return f"{what} à {count} personne{'s' if count > 1 else ''} : {people}"


def _meeting_label(record) -> str:
    return f"{record.title or 'Réunion'} du {timezone.localtime(record.starts_at):%d/%m/%Y}"


SOURCES = {
    Body: ("Instance", lambda r: r.name),
    BodyMember: ("Siège", lambda r: r.label or r.get_role_display()),
    AgendaDocument: ("Document", lambda r: r.title),
    Vote: ("Vote", lambda r: (f"{r.get_choice_display().lower()} — ", Ref(BodyMember, r.seat_id))),
    Meeting: ("Réunion", _meeting_label),
    AgendaItem: ("Point de l'ordre du jour", lambda r: r.title),
    AgendaSending: ("Envoi de l'ordre du jour", _sending_label),
    Attendance: (
        "Présence",
        lambda r: Ref(BodyMember, r.seat_id) if r.seat_id else ("invité·e : ", Ref(User, r.person_id)),
    ),
    MinutesVersion: ("Compte rendu", lambda r: f"version {r.number}"),
    Decision: ("Décision", lambda r: f"D{r.decided_on:%Y}-{r.number:04d}"),
    FollowUp: ("Suite à donner", lambda r: r.title),
    Ratification: ("Ratification", lambda r: ("délibération de ", Ref(Partnership, r.partner_id))),
}


def _functions_in_words(values) -> str:
    """["relationnelle", "operationnelle"] -> "relationnelle, opérationnelle" (the labels people read)."""
    labels = {value: label.removeprefix("Fonction ") for value, label in CodirFunction.choices}
    return ", ".join(labels.get(value, str(value)) for value in values or ())


def functions_diff(field, old, new):
    """The diff hook: the functions of a collective (a JSON list) read as French labels, not a Python list."""
    if field.name != "functions":
        return None
    return format_html(
        '<span class="entente-diff-old">{}</span> → <span class="entente-diff-new">{}</span>',
        _functions_in_words(old) or "—",
        _functions_in_words(new) or "—",
    )


def _source(model, queryset) -> Source:
    kind, describe = SOURCES[model]
    return Source(kind, queryset, describe)


def _entries(pairs, limit, recent=None):
    sources = [_source(model, queryset) for model, queryset in pairs]
    return history_entries(
        sources, limit=limit, recent=recent, names=NAMES, related=RELATED, untracked=UNTRACKED, diff=functions_diff
    )


def _item_ids(meeting_ids):
    """Agenda points of these meetings, including points since removed (their documents stay in the history)."""
    return AgendaItem.history.filter(meeting_id__in=meeting_ids).values("id")


def entries_for_cooperation(cooperation, limit=300):
    body_ids = Body.objects.filter(cooperation=cooperation).values("pk")
    meeting_ids = Meeting.objects.filter(body__cooperation=cooperation).values("pk")
    decision_ids = Decision.objects.filter(cooperation=cooperation).values("pk")
    pairs = [
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
    return _entries(pairs, limit, recent=limit)


def entries_for_meeting(meeting, limit=100):
    return _entries(
        [
            (Meeting, Meeting.history.filter(id=meeting.pk)),
            (AgendaItem, AgendaItem.history.filter(meeting_id=meeting.pk)),
            (AgendaSending, AgendaSending.history.filter(meeting_id=meeting.pk)),
            (AgendaDocument, AgendaDocument.history.filter(item_id__in=_item_ids([meeting.pk]))),
            (Attendance, Attendance.history.filter(meeting_id=meeting.pk)),
            (MinutesVersion, MinutesVersion.history.filter(meeting_id=meeting.pk)),
        ],
        limit,
    )


def entries_for_decision(decision, limit=100):
    return _entries(
        [
            (Decision, Decision.history.filter(id=decision.pk)),
            (Vote, Vote.history.filter(decision_id=decision.pk)),
            (FollowUp, FollowUp.history.filter(decision_id=decision.pk)),
            (Ratification, Ratification.history.filter(decision_id=decision.pk)),
        ],
        limit,
    )
