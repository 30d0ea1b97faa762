"""Production defaults: `check --deploy` is clean, HTTPS is enforced by the application, and every
page carries a strict Content-Security-Policy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": "k7#Qm2!vX9pL0zR4tY6wB8nC1dF3gH5jK7lM9qS2uV4xZ6aE8iO0",
    "SECURE_COOKIES": "on",
    "BEHIND_HTTPS_PROXY": "on",
    "ALLOWED_HOSTS": "entente.exemple.fr",
}


def run_manage(*args, env=None):
    environment = {**os.environ, **(env or {})}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    # Set by the browser tests' conftest when the whole suite runs in one process; never in production.
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_with_production_settings_gives_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_settings_redirect_to_https_and_send_hsts():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_manage("shell", "--no-imports", "-c", code, env=PRODUCTION)
    assert result.stdout.split() == ["True", "31536000", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')"]


@pytest.mark.django_db
def test_plain_http_is_redirected_but_the_health_check_answers(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    assert client.get("/a-propos/")["Location"] == "https://testserver/a-propos/"
    assert client.get("/sante/").json() == {"statut": "ok"}
    secure = client.get("/a-propos/", secure=True)
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_no_template_holds_inline_script_style_or_handler():
    """What the policy would block in the browser: inline <script>, style= and on…= handlers, js: values."""
    import re

    offenders = []
    pattern = re.compile(r"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=|hx-vals=.js:|hx-on", re.IGNORECASE)
    for template in (ROOT / "entente").rglob("templates/**/*.html"):
        if template.name.endswith("_pdf.html") or "/emails/" in str(template):
            continue  # rendered into PDF or e-mail, never served as a page
        text = template.read_text()
        offenders += [f"{template.relative_to(ROOT)}: {m.group(0).strip()}" for m in pattern.finditer(text)]
    assert offenders == []


@pytest.mark.django_db
def test_signing_out_through_proconnect_is_allowed_by_the_policy(client, settings):
    settings.PROCONNECT_ISSUER = "https://auth.agentconnect.gouv.fr/api/v2"
    policy = client.get("/")["Content-Security-Policy"]
    assert "form-action 'self' https://auth.agentconnect.gouv.fr;" in policy + ";"


def test_the_shared_cache_for_several_servers_can_be_used():
    """REDIS_URL holds the throttling counters of every server: its client must be installed."""
    from django.core.cache.backends.redis import RedisCache

    client = RedisCache("redis://127.0.0.1:1/0", {})._cache  # imports redis; connects only on use
    assert client.get_client is not None
