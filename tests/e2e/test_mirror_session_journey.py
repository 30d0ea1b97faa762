"""A mirror session in real Chromium: two members already answered; a third person joins with the code,
without an account, answers; the facilitator's page, waiting until then, shows the answers by itself."""

import pytest

from entente.governance.factories import BodyFactory, MeetingFactory
from entente.reflexivity import mirror_services
from entente.reflexivity.mirror_models import QuestionKind
from entente.shell.testing import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_join_with_a_code_answer_and_the_facilitator_sees_the_answers_from_the_third(page, live_url, login):
    world = World()
    meeting = MeetingFactory(body=BodyFactory(cooperation=world.own), format="temps_miroir", title="Temps miroir")
    session = mirror_services.create_session(meeting=meeting, user=world.users["coordinateur"])
    change = session.questions.get(text="Que changer ?")
    for seat in ("a", "b"):
        mirror_services.submit_answers(session, who=f"seat:{seat}", answers={str(change.pk): f"Idée {seat}"})

    # The facilitator's page waits for the third answer.
    facilitator = page.context.browser.new_context(locale="fr-FR", base_url=live_url)
    screen = facilitator.new_page()
    login(screen, world.users["coordinateur"])
    screen.goto(f"{live_url}/cooperations/{world.own.slug}/reflexivite/miroirs/{session.pk}/")
    assert screen.locator("[data-join-code]").inner_text() == session.join_code
    assert screen.locator("[data-waiting]").is_visible()
    assert screen.get_by_text("Idée a").count() == 0

    # Someone without an account joins with the code and answers.
    page.goto(f"{live_url}/miroir/")
    page.get_by_label("Code de participation").fill(session.join_code.lower())
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Que changer ?").fill("Tourner l'animation")
    scale = session.questions.filter(kind=QuestionKind.SCALE).first()
    page.locator(f"input[name='q{scale.pk}'][value='4']").check(force=True)
    page.get_by_role("button", name="Envoyer ma réponse").click()
    assert page.locator("[data-answered]").is_visible()

    # Without reloading, the facilitator's page shows the answers, shuffled, without names or times.
    screen.locator("[data-synthesis-view]").wait_for(timeout=15000)
    answers = screen.locator("#mirror-results")
    assert "Tourner l'animation" in answers.inner_text()
    assert "Idée a" in answers.inner_text()
    screen.get_by_label("Synthèse du temps miroir").fill("Nous tournerons l'animation.")
    screen.get_by_role("button", name="Enregistrer la synthèse").click()
    screen.goto(f"{live_url}{meeting.get_absolute_url()}")
    assert "Nous tournerons l'animation." in screen.locator("[data-mirror-synthesis]").inner_text()
    facilitator.close()
