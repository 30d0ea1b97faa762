"""Governance e-mails leave from the worker, never from the web request; the daily reminders are
a scheduled task of the same queue that queues its next run itself."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from entente.core.jobs import next_run_at, run_daily, schedule_daily_tasks
from entente.core.testing import run_queued_tasks
from entente.governance import agenda_services, decision_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("database_queue")]

REMINDERS = "entente.governance.jobs.send_daily_reminders"


def test_the_agenda_is_mailed_by_the_worker_not_by_the_request(
    meeting, item, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.send_agenda(meeting, user=world.users["coordinateur"])
    assert mail.outbox == []  # queued only
    run_queued_tasks()
    assert len(mail.outbox) == 4
    assert all(message.subject.startswith("Convocation") for message in mail.outbox)


def test_the_daily_reminders_are_scheduled_once_at_seven_in_paris():
    now = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 30), timezone.get_fixed_timezone(60))
    assert schedule_daily_tasks(now=now) == [REMINDERS]
    assert schedule_daily_tasks(now=now) == []  # one waiting run is enough
    waiting = DBTaskResult.objects.get(task_path=run_daily.module_path)
    assert waiting.run_after == next_run_at(7, now)
    assert timezone.localtime(waiting.run_after).hour == 7 and waiting.run_after.date() == datetime.date(2026, 12, 2)


def test_a_daily_run_sends_the_reminders_and_queues_the_next_one(world, decision, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    late = timezone.localdate() - datetime.timedelta(days=2)
    decision_services.add_followup(
        decision=decision, title="Transmettre le budget", due_on=late, owner=world.users["membre"]
    )
    summary = run_daily.call(REMINDERS)
    assert summary.startswith("1 rappel(s) de suites à donner")
    assert [message.to for message in mail.outbox] == [[world.users["membre"].email]]
    assert DBTaskResult.objects.filter(task_path=run_daily.module_path, status="READY").count() == 1
