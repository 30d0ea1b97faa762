"""The main pages, anonymous and signed in, in real Chromium: axe-core finds no serious or
critical accessibility violation, and the Content-Security-Policy blocks nothing (checked by the
`page` fixture on every browser test).

axe-core comes vendored in axe-playwright-python (pinned in requirements.txt): nothing is
downloaded when the tests run.
"""

import pytest
from django.urls import reverse

from entente.governance.factories import AgendaItemFactory, BodyFactory, DecisionFactory, MeetingFactory
from entente.portfolio.factories import ActionFactory
from entente.shell.testing import World
from entente.workshops.factories import IdeaFactory, WorkshopFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLOCKING = {"serious", "critical"}
ANONYMOUS_PAGES = ["/", "/cooperations/", "/territoires/", "/connexion/", "/ateliers/rejoindre/", "/a-propos/"]


@pytest.fixture
def space():
    """A cooperation with something on each of its main pages."""
    world = World()
    cooperation = world.own
    partners = world.partners[cooperation.pk]
    body = BodyFactory(cooperation=cooperation, name="Comité de pilotage")
    meeting = MeetingFactory(body=body)
    DecisionFactory(item=AgendaItemFactory(meeting=meeting, title="Budget commun"))
    action = ActionFactory(cooperation=cooperation, title="Plateforme de covoiturage", partners=partners[:2])
    workshop = WorkshopFactory(cooperation=cooperation, title="Atelier mobilités")
    IdeaFactory(workshop=workshop, title="Navette partagée", organization=partners[0].organization)
    slug = cooperation.slug
    pages = [
        "/tableau-de-bord/",
        cooperation.get_absolute_url(),
        reverse("governance:bodies", args=[slug]),
        body.get_absolute_url(),
        meeting.get_absolute_url(),
        reverse("portfolio:list", args=[slug]),
        action.get_absolute_url(),
        reverse("workshops:list", args=[slug]),
        workshop.get_absolute_url(),
        reverse("workshops:facilitate", args=[slug, workshop.pk]),
        reverse("agreements:list", args=[slug]),
        reverse("governance:my_followups"),
        "/profil/",
    ]
    return world.users["coordinateur"], pages


def blocking_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{page.url} — {violation['id']} ({violation['impact']}) : {violation['help']} "
        f"[{', '.join(str(node['target']) for node in violation['nodes'][:3])}]"
        for violation in results.response["violations"]
        if violation.get("impact") in BLOCKING
    ]


def visit_all(page, base_url, paths) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.status == 200, f"{path} : {response.status}"
        found += blocking_violations(page)
    return found


def test_anonymous_pages_have_no_serious_accessibility_violation(page, live_url, db):
    World()
    assert visit_all(page, live_url, ANONYMOUS_PAGES) == []


def test_signed_in_pages_have_no_serious_accessibility_violation(page, live_url, login, space):
    user, paths = space
    login(page, user)
    assert visit_all(page, live_url, paths) == []


def test_an_inline_script_would_be_reported(page, live_url, csp_violations):
    """The guard itself: an inline script injected into a page is blocked and reported."""
    page.goto(f"{live_url}/a-propos/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; "
        "document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert any("script-src" in violation for violation in csp_violations)
    csp_violations.clear()  # expected here: the fixture must not fail this test
