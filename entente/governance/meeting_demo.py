"""How the governance demo records a sitting: through the services, like a secretariat would —
scheduled on a working day, agenda sent, everyone present, decisions with their follow-ups, minutes."""

import datetime

from django.utils import timezone

from entente.accounts.models import User

from . import agenda_services, body_services, decision_services, meeting_services, schedule
from .body_models import BodyMember
from .decision_models import FollowUpStatus
from .meeting_models import AttendanceStatus, ItemKind, MeetingFormat, MeetingStatus


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=schedule.PARIS)


def months_ago(today, months, day=None):
    moved = schedule.add_months(today.replace(day=1), -months)
    return moved.replace(day=day or min(today.day, 28))


def demo_users():
    return {role: User.objects.filter(email=f"{role}@demo.entente.fr").first()
            for role in ("coordinateur", "membre", "contributeur", "observateur")}


def demo_meeting(body, start, *, hours=3, title="", meeting_format=MeetingFormat.WORKING, sent_hours_before=96,
             online_url="", theme="", held=True):
    # Nobody meets on a Saturday, a Sunday or a public holiday: the meeting moves to the next working day.
    day = schedule.working_day_on_or_after(start.date())
    start = start + datetime.timedelta(days=(day - start.date()).days)
    meeting = meeting_services.schedule_meeting(
        body=body, starts_at=start, ends_at=start + datetime.timedelta(hours=hours),
        title=title, format=meeting_format, online_url=online_url, theme=theme)
    if sent_hours_before is not None:
        # Sent through the service, so that the agenda names who received it; nobody is e-mailed today.
        agenda_services.add_agenda_item(meeting=meeting, title="Tour de table", kind=ItemKind.INFORMATION)
        agenda_services.send_agenda(meeting, now=start - datetime.timedelta(hours=sent_hours_before), notify=False)
        meeting.refresh_from_db()
    if held and start < timezone.now():
        meeting.status = MeetingStatus.HELD
    meeting.save()
    return meeting


def attend_all(meeting, absent_labels=()):
    holder = None
    for seat in meeting.body.members.all():
        status = AttendanceStatus.EXCUSED if seat.label in absent_labels else AttendanceStatus.PRESENT
        attendance = meeting_services.record_attendance(meeting=meeting, seat=seat, status=status)
        holder = holder or attendance
    return holder


def decide(meeting, title, text, kind="validation", *, followups=(), ratify=False):
    item = agenda_services.add_agenda_item(meeting=meeting, title=title, kind=ItemKind.DECISION)
    decision = decision_services.record_decision(item=item, text=text, kind=kind, requires_ratification=ratify)
    for what, owner, owner_partner, due, done in followups:
        followup = decision_services.add_followup(decision=decision, title=what, due_on=due, owner=owner,
                                         owner_partner=owner_partner)
        if done:
            decision_services.update_followup(followup, status=FollowUpStatus.DONE, evidence=done,
                                              today=min(due, schedule.paris_today()))
    return decision


def write_minutes(meeting, text, approve_in=None):
    version, _ = meeting_services.save_minutes(meeting=meeting, text=text)
    if approve_in is not None and approve_in.starts_at < timezone.now():
        meeting_services.approve_minutes(version, approved_in=approve_in, now=approve_in.starts_at)


def partners_of(cooperation):
    return body_services.signatory_partners(cooperation)


def seat_people(body, assignments):
    """Give demo accounts the seats matching (partner index, label)."""
    partners = partners_of(body.cooperation)
    for (index, label), user in assignments.items():
        if user is None:
            continue
        seat = BodyMember.objects.filter(body=body, partner=partners[index], label=label, user__isnull=True).first()
        if seat and not BodyMember.objects.filter(body=body, user=user).exists():
            seat.user = user
            seat.save()
