"""When each body's next meeting is due."""

import datetime

import pytest

from entente.governance.schedule import add_months, next_due_date

D = datetime.date


def test_twice_yearly_body_is_due_six_months_after_its_last_meeting():
    assert next_due_date("semestrielle", meeting_dates=[D(2025, 3, 12), D(2025, 10, 2)], today=D(2025, 11, 1)) == \
        D(2026, 4, 2)


def test_yearly_body_is_due_a_year_after_its_last_meeting():
    assert next_due_date("annuelle", meeting_dates=[D(2024, 6, 30)], today=D(2025, 1, 1)) == D(2025, 6, 30)


def test_monthly_body_due_date_clamps_to_the_end_of_shorter_months():
    assert next_due_date("mensuelle", meeting_dates=[D(2025, 1, 31)], today=D(2025, 2, 1)) == D(2025, 2, 28)


def test_body_that_never_met_is_due_today():
    assert next_due_date("trimestrielle", meeting_dates=[], today=D(2025, 5, 5)) == D(2025, 5, 5)


def test_due_date_in_the_past_means_overdue():
    due = next_due_date("semestrielle", meeting_dates=[D(2023, 1, 10)], today=D(2025, 1, 1))
    assert due == D(2023, 7, 10) and due < D(2025, 1, 1)


def test_body_without_periodicity_has_no_due_date():
    assert next_due_date("aucune", meeting_dates=[D(2025, 1, 1)], today=D(2025, 2, 1)) is None


def test_before_council_body_is_due_lead_days_before_next_council_without_meeting():
    councils = [D(2025, 1, 23), D(2025, 2, 27), D(2025, 3, 27)]
    meetings = [D(2025, 1, 16), D(2025, 2, 20)]
    assert next_due_date("avant_conseil", meeting_dates=meetings, today=D(2025, 2, 24), council_dates=councils,
                         lead_days=7) == D(2025, 3, 20)


def test_before_council_body_late_for_the_coming_council_is_overdue():
    councils = [D(2025, 2, 27), D(2025, 3, 27)]
    due = next_due_date("avant_conseil", meeting_dates=[], today=D(2025, 2, 24), council_dates=councils, lead_days=7)
    assert due == D(2025, 2, 20)


def test_before_council_body_without_future_council_has_no_due_date():
    assert next_due_date("avant_conseil", meeting_dates=[], today=D(2025, 6, 1),
                         council_dates=[D(2025, 1, 23)]) is None


def test_add_months_crosses_years():
    assert add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)


@pytest.mark.django_db
def test_council_date_entered_by_mistake_is_removed_and_next_due_recomputed(client, world):
    from django.urls import reverse

    from entente.governance import body_services, selectors
    from entente.governance.body_models import CouncilSession

    body = body_services.create_body(cooperation=world.own, name="CoDir", kind="collectif_directeurs",
                                periodicity="avant_conseil", council_lead_days=7)
    wrong = body_services.add_council_session(body, datetime.date(2030, 5, 20))
    body_services.add_council_session(body, datetime.date(2030, 6, 24))
    today = datetime.date(2030, 5, 1)
    assert selectors.next_due(body, [], today) == datetime.date(2030, 5, 13)
    client.force_login(world.users["coordinateur"])
    response = client.post(reverse("governance:council_remove", args=[world.own.slug, wrong.pk]))
    assert response.status_code == 302
    assert not CouncilSession.objects.filter(pk=wrong.pk).exists()
    assert selectors.next_due(body, [], today) == datetime.date(2030, 6, 17)
