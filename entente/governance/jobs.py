"""Governance's work in the worker: the e-mails of meetings, and the daily reminders.

The services queue the e-mails after their transaction commits, so nothing leaves for a change
that was rolled back, and a slow mail server never holds a web request.
"""

from django_tasks import task

from entente.core.jobs import register_daily

from . import notifications, schedule


@task()
def send_invitations(meeting_pk: int, update: bool = False, recipient_ids: list[int] | None = None) -> int:
    return notifications.send_invitations(meeting_pk, update=update, recipient_ids=recipient_ids)


@task()
def send_meeting_update(meeting_pk: int) -> int:
    return notifications.send_meeting_update(meeting_pk)


def send_daily_reminders() -> str:
    """The follow-ups late or due soon, and the meetings of the next 48 hours (each once)."""
    followups = notifications.send_followup_reminders(today=schedule.paris_today())
    meetings = notifications.send_meeting_reminders()
    return f"{followups} rappel(s) de suites à donner, {meetings} rappel(s) de réunion envoyés."


register_daily(send_daily_reminders, hour=7)

from . import minutes_document  # noqa: E402, F401  (registers the minutes PDF job)
