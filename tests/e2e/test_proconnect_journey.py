"""Sign in with ProConnect in real Chromium, against a real OpenID provider on 127.0.0.1 (see
oidc.py): a member lands on their cooperations and signs out at the provider too; a newcomer
lands on a page that says they are no member yet; a wrong state, an expired code, a token signed
by another key and a token from an unknown issuer are refused with a French message."""

import time
from urllib.parse import urljoin

import pytest

from entente.accounts.factories import UserFactory
from entente.accounts.models import User
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.territories.factories import OrganizationFactory

from .oidc import Provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEMBER = "agente.cooperation@loire.fr"
NEWCOMER = "nouvel.agent@hauteloire.fr"
PARTNER_SIREN = "224200017"


@pytest.fixture
def people(db):
    cooperation = CooperationFactory(name="Entente Loire × Haute-Loire")
    organization = OrganizationFactory(name="Département de la Haute-Loire", siren=PARTNER_SIREN)
    partner = PartnershipFactory(cooperation=cooperation, organization=organization)
    member = UserFactory(email=MEMBER, display_name="Agente de la Loire")
    MembershipFactory(cooperation=cooperation, user=member, partner=partner)
    return {"cooperation": cooperation, "partner": partner, "member": member}


ACCOUNTS = {
    MEMBER: {"given_name": "Agnès", "usual_name": "Martin", "siret": "22420001700014"},
    NEWCOMER: {"given_name": "Nils", "usual_name": "Roux", "siret": f"{PARTNER_SIREN}00018"},
}


@pytest.fixture(scope="module")
def _running_provider(live_server):
    provider = Provider(live_server.url, ACCOUNTS)
    yield provider
    provider.stop()


@pytest.fixture
def provider(_running_provider, settings):
    _running_provider.configure(settings)
    return _running_provider


def _sign_in_at_provider(page, live_url, email):
    page.goto(f"{live_url}/connexion/")
    page.get_by_role("link", name="S'identifier avec ProConnect").click()
    page.get_by_label("Adresse électronique professionnelle").fill(email)
    page.get_by_role("button", name="Continuer").click()


def _refusal(page) -> str:
    page.wait_for_url("**/connexion/proconnect/retour/**")
    assert page.get_by_role("heading", name="Connexion avec ProConnect refusée", level=1).is_visible()
    return page.locator(".fr-alert").inner_text()


def test_a_member_signs_in_lands_on_their_cooperations_and_signs_out_at_the_provider(page, live_url, provider, people):
    _sign_in_at_provider(page, live_url, MEMBER)
    page.wait_for_url("**/tableau-de-bord/**")
    assert page.get_by_role("link", name="Entente Loire × Haute-Loire").is_visible()

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(f"{provider.domain}/api/v2/session/end**")
    page.get_by_role("button", name="Oui, me déconnecter").click()
    page.wait_for_url(lambda url: url.split("?")[0] == f"{live_url}/")  # ProConnect sends its state back
    assert page.get_by_role("link", name="Se connecter").first.is_visible()


def test_a_newcomer_lands_on_a_page_that_says_they_are_no_member_yet(page, live_url, provider, people):
    _sign_in_at_provider(page, live_url, NEWCOMER)
    page.wait_for_url("**/connexion/proconnect/bienvenue/")
    assert page.get_by_role("heading", name="Vous n'êtes encore membre d'aucune coopération").is_visible()
    assert page.get_by_text(NEWCOMER).first.is_visible()
    newcomer = User.objects.get(email=NEWCOMER)
    assert newcomer.memberships.count() == 0
    assert newcomer.organization == people["partner"].organization  # matched by the SIRET's SIREN
    assert (newcomer.first_name, newcomer.last_name) == ("Nils", "Roux")


def _callback_url(page, live_url, email) -> str:
    """Sign in at the provider but stop before its redirect back: the URL it would send us to.

    Playwright intercepts only the first request of a redirect chain (the login form's POST),
    so the chain is followed here, with the browser's own cookies, up to Entente's callback.
    """
    captured = {}

    def follow(route):
        response = route.fetch(max_redirects=0)
        location = urljoin(response.url, response.headers["location"])
        while not location.startswith(f"{live_url}/connexion/proconnect/retour/"):
            response = page.request.get(location, max_redirects=0)
            location = urljoin(response.url, response.headers["location"])
        captured["url"] = location
        route.fulfill(status=200, content_type="text/html", body="<p>Retour vers Entente suspendu.</p>")

    page.route("**/interaction/*/login", follow)
    _sign_in_at_provider(page, live_url, email)
    page.get_by_text("Retour vers Entente suspendu.").wait_for()
    return captured["url"]


def test_a_forged_state_is_refused(page, live_url, provider, people):
    callback = _callback_url(page, live_url, MEMBER)
    page.goto(callback.replace("state=", "state=forge"))
    assert "la demande de connexion est inconnue ou a déjà servi" in _refusal(page)
    page.goto(f"{live_url}/tableau-de-bord/")
    assert "/connexion/" in page.url  # no session was opened


def test_a_replayed_code_is_refused(page, live_url, provider, people):
    callback = _callback_url(page, live_url, MEMBER)
    page.goto(callback)
    page.wait_for_url("**/tableau-de-bord/")
    page.goto(callback)  # the same code and state, a second time
    assert "la demande de connexion est inconnue ou a déjà servi" in _refusal(page)


def test_an_expired_code_is_refused(page, live_url, settings, people):
    provider = Provider(live_url, ACCOUNTS, code_ttl=1)
    provider.configure(settings)
    try:
        callback = _callback_url(page, live_url, MEMBER)
        time.sleep(2.5)  # the code lives one second at this provider
        page.goto(callback)
        assert "le code de connexion a expiré ou a déjà servi" in _refusal(page)
    finally:
        provider.stop()


def test_a_token_signed_by_another_key_is_refused(page, live_url, provider, people, settings):
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider.domain}/other-jwks"  # same key id, another key
    _sign_in_at_provider(page, live_url, MEMBER)
    assert "la signature du jeton d'identité n'est pas valide" in _refusal(page)


def test_a_token_from_an_unknown_issuer_is_refused(page, live_url, provider, people, settings):
    settings.PROCONNECT_ISSUER = "https://auth.agentconnect.gouv.fr/api/v2"
    _sign_in_at_provider(page, live_url, MEMBER)
    assert "le jeton d'identité vient d'un fournisseur inconnu" in _refusal(page)
