"""The reflexivity pages in real Chromium: no serious or critical accessibility violation (axe-core), the
Content-Security-Policy blocks nothing (checked by the `page` fixture)."""

import pytest

from entente.governance.factories import BodyFactory, MeetingFactory
from entente.reflexivity import maturity_services, mirror_services
from entente.reflexivity.maturity_thresholds import THRESHOLD_CODES
from entente.shell.testing import World

from .test_accessibility_and_csp import visit_all

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reflexivity_pages_have_no_serious_accessibility_violation(page, live_url, login):
    world = World()
    cooperation, coordinator = world.own, world.users["coordinateur"]
    first = maturity_services.open_campaign(cooperation=cooperation, user=coordinator, title="2025", anonymous=False)
    maturity_services.submit_answer(
        first, user=world.users["membre"], ratings=dict.fromkeys(THRESHOLD_CODES, "en_cours")
    )
    maturity_services.close_campaign(first, user=coordinator)
    second = maturity_services.open_campaign(cooperation=cooperation, user=coordinator, title="2026", anonymous=False)
    maturity_services.submit_answer(
        second,
        user=world.users["membre"],
        ratings=dict.fromkeys(THRESHOLD_CODES, "franchi"),
        comments={"parite": "Les communes parlent plus."},
    )
    meeting = MeetingFactory(
        body=BodyFactory(cooperation=cooperation), format="temps_miroir", functions=["relationnelle"]
    )
    session = mirror_services.create_session(meeting=meeting, user=coordinator)
    text = session.questions.filter(kind="texte").first()
    for seat in "abc":
        mirror_services.submit_answers(session, who=f"seat:{seat}", answers={str(text.pk): f"Réponse {seat}"})
    base = f"/cooperations/{cooperation.slug}/reflexivite/"
    login(page, coordinator)
    paths = [
        base,
        f"{base}maturite/{second.pk}/",
        f"{base}maturite/{second.pk}/repondre/",
        f"{base}maturite/nouvelle/",
        f"{base}miroirs/{session.pk}/",
        f"{base}miroirs/{session.pk}/questions/",
        f"{base}miroirs/{session.pk}/repondre/",
        f"{base}equilibre/",
        f"{base}formats/",
        "/miroir/",
        f"/miroir/{session.join_code}/",
        meeting.get_absolute_url(),
    ]
    assert visit_all(page, live_url, paths) == []
