"""The demo's maturity campaigns show a year's progress; its mirror session is readable and synthesised."""

import datetime

import pytest
from django.utils import timezone

from entente.cooperations.factories import PartnershipFactory
from entente.governance.factories import BodyFactory, MeetingFactory
from entente.reflexivity import format_demo, maturity_demo, mirror_demo
from entente.reflexivity.maturity_results import campaign_results
from entente.reflexivity.mirror_results import mirror_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(world):
    for _ in range(4):
        PartnershipFactory(cooperation=world.own)
    body = BodyFactory(cooperation=world.own)
    past = timezone.now() - datetime.timedelta(days=30)
    MeetingFactory(body=body, format="temps_miroir", status="tenue", starts_at=past)
    MeetingFactory(body=body, format="information_descendante", starts_at=past - datetime.timedelta(days=30))
    today = timezone.localdate()
    for module in (maturity_demo, mirror_demo, format_demo):
        module.load_mortagne(world.own, world.users, today)
    return world.own


def test_the_second_campaign_shows_progress_over_the_first(loaded):
    latest, first = loaded.maturity_campaigns.order_by("-opened_at")
    results = campaign_results(latest)
    assert results.previous == first and first.closed_at is not None
    assert results.shown and results.answers == 15
    assert results.overall > results.previous_overall
    assert all(response.user_id is None for response in latest.responses.all())


def test_the_mirror_session_has_its_answers_and_synthesis(loaded):
    session = loaded.mirror_sessions.get()
    results = mirror_results(session)
    assert results.shown and results.answers == 6
    assert session.synthesis.startswith("Le collectif se sent plus à l'aise")
    assert not session.accepts_answers
    assert session.meeting.minutes_versions.exists()  # its minutes PDF carries the synthesis


def test_the_meetings_are_tagged_with_functions(loaded):
    from entente.governance.meeting_models import Meeting

    functions = dict(Meeting.objects.filter(body__cooperation=loaded).values_list("format", "functions"))
    assert functions == {
        "temps_miroir": ["relationnelle", "organisationnelle"],
        "information_descendante": ["operationnelle"],
    }
