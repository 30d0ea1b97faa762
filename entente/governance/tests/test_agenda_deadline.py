"""The agenda must leave in time: hours before, or clear days (jours francs), in Paris time."""

import datetime
import zoneinfo

import pytest

from entente.governance.schedule import agenda_deadline, agenda_status

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = datetime.UTC


def at(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


def test_48_hours_before_the_meeting():
    assert agenda_deadline(at(2025, 3, 20, 14, 0), 48, "heures") == at(2025, 3, 18, 14, 0)


def test_sent_exactly_at_the_deadline_is_on_time():
    deadline = agenda_deadline(at(2025, 3, 20, 14, 0), 48, "heures")
    assert agenda_status(deadline=deadline, sent_at=deadline, now=deadline) == "a_temps"


def test_sent_one_minute_late_is_late():
    deadline = agenda_deadline(at(2025, 3, 20, 14, 0), 48, "heures")
    assert agenda_status(deadline=deadline, sent_at=deadline + datetime.timedelta(minutes=1), now=deadline) == \
        "en_retard"


def test_hours_across_daylight_saving_change_count_real_hours():
    # Clocks go forward on 30 March 2025 at 2:00 in Paris: 48 real hours before Monday 14:00 is Saturday 13:00.
    deadline = agenda_deadline(at(2025, 3, 31, 14, 0), 48, "heures")
    assert deadline.astimezone(PARIS).replace(tzinfo=None) == datetime.datetime(2025, 3, 29, 13, 0)


def test_five_clear_days_exclude_sending_day_and_meeting_day():
    # Meeting on the 10th: the 5th to the 9th must be whole days, so the agenda leaves on the 4th at the latest.
    deadline = agenda_deadline(at(2025, 6, 10, 9, 30), 5, "jours_francs")
    assert deadline == at(2025, 6, 5, 0, 0)
    assert agenda_status(deadline=deadline, sent_at=at(2025, 6, 4, 23, 59), now=at(2025, 6, 4, 23, 59)) == "a_temps"
    assert agenda_status(deadline=deadline, sent_at=at(2025, 6, 5, 8, 0), now=at(2025, 6, 5, 8, 0)) == "en_retard"


def test_clear_days_use_the_paris_calendar_day_of_a_utc_start():
    # 23:30 UTC on 9 June is 01:30 on 10 June in Paris: the meeting day is the 10th.
    deadline = agenda_deadline(datetime.datetime(2025, 6, 9, 23, 30, tzinfo=UTC), 2, "jours_francs")
    assert deadline == at(2025, 6, 8, 0, 0)


def test_unsent_agenda_is_to_send_before_deadline_and_overdue_after():
    deadline = at(2025, 3, 18, 14, 0)
    assert agenda_status(deadline=deadline, sent_at=None, now=at(2025, 3, 17, 9, 0)) == "a_envoyer"
    assert agenda_status(deadline=deadline, sent_at=None, now=at(2025, 3, 18, 15, 0)) == "hors_delai"


@pytest.mark.django_db
def test_updated_agenda_keeps_the_on_time_status_of_the_first_sending(meeting, item):
    from entente.governance import agenda_services, selectors

    on_time = meeting.starts_at - datetime.timedelta(days=5)
    agenda_services.send_agenda(meeting, now=on_time)
    agenda_services.send_agenda(meeting, now=meeting.starts_at - datetime.timedelta(hours=3))
    meeting.refresh_from_db()
    assert meeting.agenda_sent_at == on_time and meeting.agenda_updated_at is not None
    assert selectors.agenda_status_of(meeting) == "a_temps"
    assert meeting.sequence == 1
