"""A workshop's arbitration recorded as a decision of the body that took it.

The arbitration screen belongs to workshops, which may not import governance: governance
registers these functions in workshops' hook (see entente/workshops/hooks.py) when it starts.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from entente.cooperations.rules import can

from . import agenda_services, decision_services, meeting_services
from .body_models import Body
from .decision_models import Decision, DecisionKind
from .meeting_models import ItemKind, Meeting, MeetingStatus
from .schedule import PARIS

NEW_MEETING, EXISTING_MEETING = "nouvelle", "reunion"
MEETINGS_PER_BODY = 12
STATUS_HEADINGS = [("retenue", "Pistes retenues"), ("ecartee", "Pistes écartées"), ("reportee", "Pistes reportées")]


def sitting_choices(cooperation) -> list:
    """For each body: its meetings already begun (latest first), and a new meeting on the arbitration's date."""
    bodies = list(Body.objects.filter(cooperation=cooperation).order_by("name"))
    meetings = {}
    for meeting in (Meeting.objects.filter(body__cooperation=cooperation, starts_at__lte=timezone.now())
                    .exclude(status=MeetingStatus.CANCELLED).order_by("-starts_at")):
        meetings.setdefault(meeting.body_id, []).append(meeting)
    choices = []
    for body in bodies:
        options = [(f"{EXISTING_MEETING}-{meeting.pk}", _meeting_label(meeting))
                   for meeting in meetings.get(body.pk, [])[:MEETINGS_PER_BODY]]
        options.append((f"{NEW_MEETING}-{body.pk}", f"Nouvelle réunion de « {body.name} » à la date de l'arbitrage"))
        choices.append((body.name, options))
    return choices


def _meeting_label(meeting) -> str:
    local = timezone.localtime(meeting.starts_at)
    title = f" — {meeting.title}" if meeting.title else ""
    return f"Réunion du {local:%d/%m/%Y}{title}"


@transaction.atomic
def record_arbitration(arbitration, *, sitting: str, user) -> Decision:
    """Record the arbitration as a decision of a meeting (an existing one, or one created for it),
    listing the pistes retained, set aside and postponed; the arbitration takes the body's name
    and the meeting's date."""
    workshop = arbitration.workshop
    cooperation = workshop.cooperation
    if not can(user, "governance_run_meetings", cooperation):
        raise ValidationError("Votre rôle ne permet pas d'inscrire une décision au registre de l'instance : "
                              "demandez au secrétariat de l'instance d'enregistrer l'arbitrage.")
    meeting = _meeting_of(cooperation, sitting, arbitration, user)
    title = f"Arbitrage des pistes de l'atelier « {workshop.title} »"[:300]
    # A second arbitration of the same workshop at the same meeting joins the point already there.
    item = meeting.items.filter(title=title).first() or agenda_services.add_agenda_item(
        meeting=meeting, title=title, kind=ItemKind.DECISION)
    decision = decision_services.record_decision(item=item, text=arbitration_text(arbitration),
                                                 kind=DecisionKind.ARBITRATION,
                                        user=user, arbitration=arbitration)
    arbitration.body = meeting.body.name[:200]
    arbitration.decided_on = timezone.localtime(meeting.starts_at).date()
    arbitration.save(update_fields=["body", "decided_on"])
    return decision


def _meeting_of(cooperation, sitting, arbitration, user) -> Meeting:
    kind, _sep, pk = (sitting or "").partition("-")
    if not pk.isdigit() or kind not in (NEW_MEETING, EXISTING_MEETING):
        raise ValidationError("Choisissez l'instance et la réunion qui arbitrent.")
    if kind == EXISTING_MEETING:
        meeting = Meeting.objects.select_related("body").filter(pk=int(pk), body__cooperation=cooperation).first()
        if meeting is None:
            raise ValidationError("Cette réunion n'existe pas dans cette coopération.")
        if meeting.starts_at > timezone.now():
            raise ValidationError("Cette réunion n'a pas encore eu lieu : un arbitrage s'enregistre une fois la "
                                  "réunion tenue.")
        return meeting
    body = Body.objects.filter(pk=int(pk), cooperation=cooperation).first()
    if body is None:
        raise ValidationError("Cette instance n'existe pas dans cette coopération.")
    return _new_meeting(body, arbitration, user)


def _new_meeting(body, arbitration, user) -> Meeting:
    """The sitting that arbitrated, recorded afterwards: held on the arbitration's date (9 h by default)."""
    day = arbitration.decided_on
    now = timezone.now()
    if day > now.astimezone(PARIS).date():
        raise ValidationError("La date de l'arbitrage est dans le futur : un arbitrage s'enregistre une fois la "
                              "réunion tenue.")
    starts = datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=PARIS)
    if starts > now:  # arbitrated this morning, before 9 h
        starts = now.replace(second=0, microsecond=0)
    meeting = meeting_services.schedule_meeting(body=body, starts_at=starts,
                                                ends_at=starts + datetime.timedelta(hours=2),
                                        user=user, title=f"Arbitrage — {arbitration.workshop.title}"[:200])
    return meeting_services.update_meeting(meeting, status=MeetingStatus.HELD, notify=False)


def arbitration_text(arbitration) -> str:
    decisions = list(arbitration.decisions.select_related("idea").order_by("idea__title", "pk"))
    count = len(decisions)
    lines = [f"Arbitrage des pistes de l'atelier « {arbitration.workshop.title} » : {count} "
             f"piste{'s' if count > 1 else ''} arbitrée{'s' if count > 1 else ''}."]
    for status, heading in STATUS_HEADINGS:
        chosen = [decision for decision in decisions if decision.status == status]
        if chosen:
            lines += ["", f"{heading} ({len(chosen)}) :"]
            lines += [f"- {d.idea.title}" + (f" ({d.reason})" if d.reason else "") for d in chosen]
    return "\n".join(lines)


def decision_links(arbitrations) -> dict:
    ids = [arbitration.pk for arbitration in arbitrations]
    decisions = Decision.objects.filter(arbitration_id__in=ids).select_related("cooperation") if ids else []
    return {decision.arbitration_id: (decision.reference, decision.get_absolute_url()) for decision in decisions}


def bodies_url(cooperation) -> str:
    return reverse("governance:bodies", args=[cooperation.slug]) + "#usuelles"


def register() -> None:
    from entente.workshops.hooks import ArbitrationRecorder, register_arbitration_recorder

    register_arbitration_recorder(ArbitrationRecorder(
        sitting_choices=sitting_choices, record=record_arbitration, decision_links=decision_links,
        bodies_url=bodies_url,
    ))
