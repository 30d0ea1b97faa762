"""Browser tests: real headless Chromium (Debian's package) driven by Playwright, against a live
server on 127.0.0.1 started by pytest-django. Never `playwright install`."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
DEMO_PASSWORD = "mot-de-passe-solide-42"


# Playwright's sync API keeps an event loop in the test thread for the whole session; the ORM
# calls of the test body and of database teardown are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def _browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : `make test` l'installe (paquet Debian chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def live_url(live_server):
    return live_server.url


# Every browser test also checks the Content-Security-Policy: a violation (an inline style or
# script, an eval, a foreign resource) is reported by Chromium as an event and a console error.
CSP_LISTENER = """
window.addEventListener("securitypolicyviolation", (e) => console.error(
  "CSP violation: " + e.violatedDirective + " " + (e.blockedURI || "inline") + " at " +
  (e.sourceFile || document.location.pathname) + ":" + e.lineNumber));
"""


def is_csp_violation(text: str) -> bool:
    return text.startswith("CSP violation") or "Content Security Policy" in text


@pytest.fixture
def csp_violations():
    """The CSP violations reported in the browser during the test (the test fails if any)."""
    return []


@pytest.fixture
def page(_browser, live_server, csp_violations):
    context = _browser.new_context(locale="fr-FR", base_url=live_server.url)
    context.set_default_timeout(15000)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("console", lambda message: is_csp_violation(message.text) and csp_violations.append(
        f"{page.url}: {message.text}"))
    yield page
    context.close()
    assert csp_violations == [], "Violations de la politique de sécurité du contenu :\n" + "\n".join(csp_violations)


@pytest.fixture
def login(live_server):
    """Sign a user in through the real sign-in form (their password is the factories' default)."""

    def sign_in(page, user, password=DEMO_PASSWORD):
        page.goto(f"{live_server.url}/connexion/")
        page.get_by_label("Adresse électronique").fill(user.email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").last.click()
        page.wait_for_url(lambda url: "/connexion/" not in url)

    return sign_in
