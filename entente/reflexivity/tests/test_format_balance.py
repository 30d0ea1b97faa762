"""Formats and functions of meetings: tagged from governance's forms or reflexivity, balanced per period."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entente.governance import meeting_services
from entente.governance.factories import AgendaItemFactory, BodyFactory, MeetingFactory
from entente.reflexivity import format_services
from entente.reflexivity.format_balance import dominant_format_warning, function_periods, meeting_periods

pytestmark = pytest.mark.django_db


def meeting_on(body, day, meeting_format="information_descendante", functions=()):
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return MeetingFactory(body=body, starts_at=starts, format=meeting_format, functions=list(functions))


def test_formats_are_counted_per_semester_and_per_year(world):
    body = BodyFactory(cooperation=world.own)
    meeting_on(body, datetime.date(2025, 2, 3))
    meeting_on(body, datetime.date(2025, 3, 3), "temps_miroir")
    meeting_on(body, datetime.date(2025, 9, 3))
    semesters = meeting_periods(world.own, "semestre")
    assert [(p.label, dict(p.counts)) for p in semesters] == [
        ("1er sem. 2025", {"information_descendante": 1, "temps_miroir": 1}),
        ("2e sem. 2025", {"information_descendante": 1}),
    ]
    assert [p.total for p in meeting_periods(world.own, "annee")] == [3]


def test_a_meeting_counts_for_its_functions_and_those_of_its_points(world):
    body = BodyFactory(cooperation=world.own)
    meeting = meeting_on(body, datetime.date(2025, 2, 3), functions=["operationnelle"])
    AgendaItemFactory(meeting=meeting, functions=["relationnelle", "operationnelle"])
    meeting_on(body, datetime.date(2025, 2, 10))
    periods = function_periods(world.own, "annee")
    assert dict(periods[0].counts) == {"operationnelle": 1, "relationnelle": 1}


def test_a_year_of_top_down_information_is_pointed_out(world):
    body = BodyFactory(cooperation=world.own)
    today = timezone.localdate()
    for months in range(1, 6):
        meeting_on(body, today - datetime.timedelta(days=30 * months))
    assert "5 réunions sur 5" in dominant_format_warning(world.own)
    meeting_on(body, today - datetime.timedelta(days=200), "co_developpement")
    meeting_on(body, today - datetime.timedelta(days=210), "reunion_travail")
    assert dominant_format_warning(world.own) == ""


def test_tagging_a_meeting_keeps_its_history(world):
    meeting = MeetingFactory(body=BodyFactory(cooperation=world.own))
    user = world.users["coordinateur"]
    format_services.tag_meeting(
        meeting, user=user, format="co_developpement", functions=["institutionnelle", "relationnelle"]
    )
    meeting.refresh_from_db()
    assert meeting.functions == ["relationnelle", "institutionnelle"]  # canonical order
    assert meeting.history.first().history_user == user


def test_an_unknown_function_or_format_is_refused(world):
    meeting = MeetingFactory(body=BodyFactory(cooperation=world.own))
    with pytest.raises(ValidationError, match="Fonction inconnue"):
        format_services.tag_meeting(meeting, user=None, format="co_developpement", functions=["festive"])
    with pytest.raises(ValidationError, match="Format de réunion inconnu"):
        format_services.tag_meeting(meeting, user=None, format="apero", functions=[])
    meeting.refresh_from_db()
    assert meeting.functions == []


def test_the_agenda_item_form_of_governance_tags_a_point(client, world):
    meeting = MeetingFactory(body=BodyFactory(cooperation=world.own))
    client.force_login(world.users["coordinateur"])
    response = client.post(
        f"/cooperations/{world.own.slug}/gouvernance/reunions/{meeting.pk}/ordre-du-jour/",
        {
            "title": "Tour des projets",
            "kind": "information",
            "format": "information_ascendante",
            "functions": ["operationnelle"],
        },
    )
    assert response.status_code in (200, 302)
    item = meeting.items.get()
    assert (item.format, item.functions) == ("information_ascendante", ["operationnelle"])


def test_the_meeting_form_of_governance_tags_its_functions(world):
    meeting = meeting_services.schedule_meeting(
        body=BodyFactory(cooperation=world.own),
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
        place="Mairie",
        functions=["organisationnelle"],
    )
    assert meeting.functions == ["organisationnelle"]


def test_the_balance_api_gives_formats_and_functions_per_period(client, world):
    body = BodyFactory(cooperation=world.own)
    meeting_on(body, datetime.date(2025, 2, 3), functions=["relationnelle"])
    client.force_login(world.users["observateur"])
    data = client.get(f"/api/v1/cooperations/{world.own.slug}/meeting-balance?par=annee").json()
    assert data == [{"period": "2025", "formats": {"information_descendante": 1}, "functions": {"relationnelle": 1}}]


def test_the_meeting_page_shows_the_functions_it_serves(client, world):
    meeting = MeetingFactory(body=BodyFactory(cooperation=world.own), functions=["relationnelle"])
    client.force_login(world.users["observateur"])
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "data-function>Fonction relationnelle<" in html


def test_the_bars_fill_the_width_in_percent_and_keep_readable_labels():
    from collections import Counter

    from entente.reflexivity.format_balance import LABEL_SIZE, Period, stacked_bars

    categories = [("information_descendante", "Information descendante"), ("reunion_de_travail", "Réunion de travail")]
    periods = [Period((2026, 1), "1er sem. 2026", Counter({"information_descendante": 1, "reunion_de_travail": 2}))]
    chart = stacked_bars(periods, categories)
    (bar,) = chart["bars"]
    assert sum(segment["width"] for segment in bar["segments"]) == pytest.approx(100, abs=0.02)
    assert bar["segments"][0]["x"] == 0 and chart["label_size"] == LABEL_SIZE >= 14
    # Drawn in CSS pixels (no viewBox): on a 375 px phone the labels stay at their size.
    assert bar["y"] > bar["label_y"]
