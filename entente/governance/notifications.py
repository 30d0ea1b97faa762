"""E-mails of governance: invitations with their .ics, changes, follow-up reminders.

Called through `transaction.on_commit` by the services, so nothing leaves for a change that
was rolled back. The back end is Django's (console by default, SMTP by settings).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from entente.cooperations.models import Membership

from . import decision_states
from .body_models import BodyMember
from .decision_models import OPEN_FOLLOWUP_STATUSES, FollowUp
from .ical import meeting_ics
from .meeting_models import Meeting, MeetingStatus


def meeting_reach(meeting) -> tuple[list, list[str]]:
    """Who an e-mail about the meeting reaches, and the seats it reaches nobody through.

    A seat held by a person reaches that person; a partner's seat without a person reaches the
    members representing that partner. Only active accounts with an e-mail address count.
    """
    seats = list(BodyMember.objects.filter(body=meeting.body).select_related("user", "partner__organization"))
    partner_ids = {seat.partner_id for seat in seats if seat.user_id is None and seat.partner_id}
    representatives = {}
    if partner_ids:
        for membership in Membership.objects.filter(
                cooperation=meeting.body.cooperation, partner_id__in=partner_ids, user__is_active=True,
        ).exclude(user__email="").select_related("user"):
            representatives.setdefault(membership.partner_id, set()).add(membership.user)
    people, unreached = set(), []
    for seat in seats:
        if seat.user_id:
            reached = {seat.user} if seat.user.is_active and seat.user.email else set()
        else:
            reached = representatives.get(seat.partner_id, set())
        if not reached:
            unreached.append(str(seat))
        people |= reached
    return sorted(people, key=lambda person: person.email), unreached


def meeting_recipients(meeting) -> list:
    """People sitting in the body; a partner's seat without a person reaches the members representing it."""
    return meeting_reach(meeting)[0]


def _absolute(path: str) -> str:
    return settings.SITE_BASE_URL.rstrip("/") + path


def _meeting_message(meeting, subject, template, recipient, extra=None):
    context = {
        "meeting": meeting, "body": meeting.body, "recipient": recipient, "url": _absolute(meeting.get_absolute_url()),
        "items": list(meeting.items.all()), "starts": timezone.localtime(meeting.starts_at),
        "ends": timezone.localtime(meeting.ends_at), **(extra or {}),
    }
    message = EmailMessage(subject=subject, body=render_to_string(template, context), to=[recipient.email])
    message.attach("reunion.ics", meeting_ics(meeting), "text/calendar; charset=utf-8; method=PUBLISH")
    return message


def _load(meeting_pk):
    return Meeting.objects.select_related("body__cooperation").filter(pk=meeting_pk).first()


def send_invitations(meeting_pk, *, update=False, recipient_ids=None) -> int:
    """E-mail the invitation; with `recipient_ids`, exactly the people the sending recorded."""
    meeting = _load(meeting_pk)
    if meeting is None:
        return 0
    local = timezone.localtime(meeting.starts_at)
    prefix = "Ordre du jour mis à jour" if update else "Convocation"
    subject = f"{prefix} — {meeting.body.name} du {local:%d/%m/%Y à %H:%M}"
    from .selectors import agenda_deadline_of, roles_for_meeting

    extra = {"update": update, "roles": roles_for_meeting(meeting), "deadline": agenda_deadline_of(meeting),
             "documents": [document for item in meeting.items.prefetch_related("documents")
                           for document in item.documents.all()]}
    people = meeting_recipients(meeting)
    if recipient_ids is not None:
        people = [person for person in people if person.pk in recipient_ids]
    messages = [_meeting_message(meeting, subject, "governance/emails/invitation.txt", person, extra)
                for person in people]
    return _send(messages)


def send_meeting_update(meeting_pk) -> int:
    meeting = _load(meeting_pk)
    if meeting is None:
        return 0
    local = timezone.localtime(meeting.starts_at)
    state = "Annulation" if meeting.status == MeetingStatus.CANCELLED else "Modification"
    subject = f"{state} — {meeting.body.name} du {local:%d/%m/%Y à %H:%M}"
    messages = [_meeting_message(meeting, subject, "governance/emails/meeting_update.txt", person)
                for person in meeting_recipients(meeting)]
    return _send(messages)


def send_meeting_reminders(*, now=None, within_hours=48) -> int:
    """Remind the members of meetings starting within `within_hours`, once per meeting."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(status=MeetingStatus.PLANNED, reminder_sent_at__isnull=True, starts_at__gt=now,
                                      starts_at__lte=now + datetime.timedelta(hours=within_hours)).select_related(
        "body__cooperation")
    sent = 0
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at)
        subject = f"Rappel — {meeting.body.name} le {local:%d/%m/%Y à %H:%M}"
        sent += _send([_meeting_message(meeting, subject, "governance/emails/meeting_reminder.txt", person)
                       for person in meeting_recipients(meeting)])
        Meeting.objects.filter(pk=meeting.pk).update(reminder_sent_at=now)
    return sent


def _reminder_candidates(today):
    horizon = today + datetime.timedelta(days=decision_states.SOON_DAYS)
    due = FollowUp.objects.filter(status__in=OPEN_FOLLOWUP_STATUSES, due_on__lte=horizon).filter(
        Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
    return due.select_related("cooperation", "decision", "owner", "owner_partner__organization")


def send_followup_reminders(*, today) -> int:
    """One e-mail per person listing their overdue and due-soon follow-ups; each follow-up is
    reminded at most once a day. A partner's follow-up reaches the members representing it."""
    followups = list(_reminder_candidates(today))
    if not followups:
        return 0
    by_person = defaultdict(list)
    partner_ids = {f.owner_partner_id for f in followups if f.owner_partner_id}
    representatives = defaultdict(set)
    for membership in Membership.objects.filter(partner_id__in=partner_ids, user__is_active=True).select_related(
            "user").filter(Exists(FollowUp.objects.filter(owner_partner=OuterRef("partner"),
                                                          cooperation=OuterRef("cooperation")))):
        representatives[(membership.cooperation_id, membership.partner_id)].add(membership.user)
    for followup in followups:
        people = set()
        if followup.owner_id and followup.owner.is_active:
            people.add(followup.owner)
        if followup.owner_partner_id:
            people |= representatives[(followup.cooperation_id, followup.owner_partner_id)]
        for person in people:
            followup.state = decision_states.followup_state(followup.status, followup.due_on, today)
            by_person[person].append(followup)
    messages = []
    for person, items in sorted(by_person.items(), key=lambda pair: pair[0].email):
        overdue = [f for f in items if f.due_on < today]
        soon = [f for f in items if f.due_on >= today]
        subject = (f"Suites à donner : {len(overdue)} en retard, {len(soon)} à échéance proche"
                   if overdue else f"Suites à donner : {len(soon)} à échéance proche")
        body = render_to_string("governance/emails/followup_reminder.txt", {
            "recipient": person, "overdue": overdue, "soon": soon, "today": today,
            "url": _absolute(reverse("governance:my_followups")),
        })
        messages.append(EmailMessage(subject=subject, body=body, to=[person.email]))
    sent = _send(messages)
    FollowUp.objects.filter(pk__in=[f.pk for f in followups]).update(last_reminded_on=today)
    return sent


def _send(messages) -> int:
    if not messages:
        return 0
    from django.core.mail import get_connection

    with get_connection() as connection:
        return connection.send_messages(messages) or 0
