"""Two web servers, one database: what must be shared is shared.

Two gunicorn servers on two ports serve the test's PostgreSQL database with one Redis (Debian's
redis-server, started and stopped here on 127.0.0.1), as a load balancer would spread people
over several hosts. A session opened on one is valid on the other; the score rate limit and the
login throttling count across both; a private file uploaded through one is served by the other;
a job asked for on both is queued once and run once by two workers.
"""

import datetime
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from entente.accounts.factories import UserFactory
from entente.agreements import agreement_services, trunk_services
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.core.models import Job, JobStatus
from entente.governance import agenda_services, body_services, meeting_services
from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory

pytestmark = [pytest.mark.servers, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mot-de-passe-solide-42"
LOGIN_LIMIT = 3  # failures per account and address
SCORE_LIMIT = 10  # scores per participant and window


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} s'est arrêté : {process.stdout.read() if process.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} n'a pas démarré à temps")


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server est absent : `make test` l'installe (paquet Debian redis-server).")
    port = _free_port()
    directory = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            server,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    _wait_for(port, process, "Redis")
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def shared_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media-partage")


@pytest.fixture(scope="module")
def server_env(django_db_setup, django_db_blocker, redis_url, shared_media):
    """What every host of the platform shares: the database, Redis, the secret key, the files."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.fail("Cette étape demande PostgreSQL (lancée par `make test` avec scripts/pg.sh).")
    with django_db_blocker.unblock():
        database_url = _database_url()
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "une-cle-secrete-partagee-par-les-deux-serveurs-de-test-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "0",
        "MEDIA_ROOT": str(shared_media / "public"),
        "ENTENTE_PRIVATE_MEDIA_ROOT": str(shared_media / "prive"),
        "LOGIN_MAX_FAILURES": str(LOGIN_LIMIT),
        "WORKSHOPS_SCORE_RATE": f"{SCORE_LIMIT}/60",
    }


@pytest.fixture(scope="module")
def servers(server_env):
    """Two gunicorn servers, as two hosts behind a load balancer would run them."""
    env = server_env
    started = []
    try:
        for _ in range(2):
            port = _free_port()
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "entente.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "60",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            started.append((process, f"http://127.0.0.1:{port}"))
            _wait_for(port, process, "gunicorn")
        yield [url for _process, url in started]
    finally:
        for process, _url in started:
            process.terminate()
            process.wait(timeout=15)


@pytest.fixture(autouse=True)
def _empty_shared_cache(redis_url):
    import redis

    redis.Redis.from_url(redis_url).flushdb()


@pytest.fixture
def member(db):
    cooperation = CooperationFactory(name="Coopération des deux rives")
    partner = PartnershipFactory(cooperation=cooperation)
    # Hashed as production hashes (the tests' own settings use a fast hasher the servers refuse).
    user = UserFactory(email="dgs@deux-rives.fr")
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "sel-de-test")
    user.save(update_fields=["password"])
    MembershipFactory(cooperation=cooperation, user=user, role="coordinateur", partner=partner)
    return user


def sign_in(session: requests.Session, server: str, email: str, password: str = PASSWORD) -> requests.Response:
    page = session.get(f"{server}/connexion/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        f"{server}/connexion/",
        data={"csrfmiddlewaretoken": token, "email": email, "password": password},
        headers={"Referer": f"{server}/connexion/"},
        allow_redirects=False,
    )


def test_a_session_opened_on_one_server_is_valid_on_the_other(servers, member):
    first, second = servers
    browser = requests.Session()
    assert sign_in(browser, first, member.email).status_code == 302
    dashboard = browser.get(f"{second}/tableau-de-bord/", allow_redirects=False)
    assert dashboard.status_code == 200
    assert "Coopération des deux rives" in dashboard.text


def test_login_throttling_counts_failures_on_both_servers(servers, member):
    statuses = [
        sign_in(requests.Session(), servers[attempt % 2], member.email, "mauvais-mot-de-passe").status_code
        for attempt in range(LOGIN_LIMIT + 1)
    ]
    assert statuses == [400] * LOGIN_LIMIT + [429]  # the last one, on either server, is refused


def test_the_score_rate_limit_counts_on_both_servers(servers, db):
    workshop = WorkshopFactory(scoring=True)
    participant = ParticipantFactory(workshop=workshop)
    idea = IdeaFactory(workshop=workshop)
    criterion = workshop.grid.criteria.first()
    url = f"/api/v1/cooperations/{workshop.cooperation.slug}/workshops/{workshop.pk}/scores"
    statuses = [
        requests.post(
            servers[attempt % 2] + url,
            json={"idea": idea.pk, "criterion": criterion.pk, "value": 1 + attempt % 3},
            headers={"X-Participant-Token": participant.token},
            timeout=30,
        ).status_code
        for attempt in range(SCORE_LIMIT + 2)
    ]
    assert statuses[:SCORE_LIMIT] == [200] * SCORE_LIMIT
    assert statuses[SCORE_LIMIT:] == [429, 429]


def test_a_private_file_uploaded_on_one_server_is_served_by_the_other(servers, member):
    first, second = servers
    cooperation = member.memberships.get().cooperation
    body = body_services.create_body(cooperation=cooperation, name="Comité de pilotage", kind="comite_pilotage")
    starts = datetime.datetime(2030, 3, 10, 14, tzinfo=datetime.UTC)
    meeting = meeting_services.schedule_meeting(
        body=body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), user=member
    )
    item = agenda_services.add_agenda_item(meeting=meeting, title="Budget", kind="decision")
    browser = requests.Session()
    sign_in(browser, first, member.email)
    meeting_url = meeting.get_absolute_url()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.get(first + meeting_url).text).group(1)
    content = b"%PDF-1.4\n% note de cadrage\n%%EOF\n"
    response = browser.post(
        f"{first}{meeting_url}documents/",
        data={"csrfmiddlewaretoken": token, "item": item.pk, "title": "Note de cadrage"},
        files={"file": ("note.pdf", content, "application/pdf")},
        headers={"Referer": first + meeting_url},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]
    document = item.documents.get()
    served = browser.get(f"{second}{document.href}")
    assert served.status_code == 200 and served.content == content


def test_a_job_asked_on_both_servers_is_queued_once_and_run_once(servers, member, server_env):
    env = server_env
    cooperation = member.memberships.get().cooperation
    trunk = agreement_services.create_agreement(
        cooperation=cooperation, user=member, title="Accord", kind="contrat_reciprocite"
    )
    trunk_services.derive_contract(trunk=trunk, partnership=cooperation.partnerships.get(), user=member)
    path = f"{trunk.get_absolute_url()}decliner/documents-pdf.zip"
    pages = []
    for server in servers:
        browser = requests.Session()
        sign_in(browser, server, member.email)
        token = re.search(
            r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.get(server + trunk.get_absolute_url()).text
        ).group(1)
        answer = browser.post(
            server + path, data={"csrfmiddlewaretoken": token}, headers={"Referer": server}, allow_redirects=False
        )
        assert answer.status_code == 302
        pages.append(answer.headers["Location"])
    assert pages[0] == pages[1] and Job.objects.count() == 1

    workers = [  # two workers, as on two hosts, take the queue at once
        subprocess.Popen([sys.executable, "manage.py", "run_worker", "--batch", "--verbosity", "0"], cwd=ROOT, env=env)
        for _ in range(2)
    ]
    assert [worker.wait(timeout=120) for worker in workers] == [0, 0]
    job = Job.objects.get()
    assert (job.status, job.attempts) == (JobStatus.DONE, 1)
