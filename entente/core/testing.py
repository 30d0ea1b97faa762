"""The permission matrix: one declared table per app, run for every role and both cooperations.

Each app lists its cases in `entente/<app>/tests/permission_cases.py` as `CASES = [Case(...)]`.
`tests/test_permission_matrix.py` runs every case for every role against the cooperation where
the role holds ("own") and against another private cooperation where it holds none ("other"),
asserting the HTTP status and whether the database changed. It also fails when a URL name or an
API operation has no case, so a new page cannot escape the table.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]
MEMBER_ROLES = ["observateur", "contributeur", "membre", "coordinateur"]


@dataclass
class Context:
    """What a case's callables receive: the target cooperation and the objects set up in it."""

    world: Any
    cooperation: Any
    objects: dict = field(default_factory=dict)
    role: str = ""

    def __getattr__(self, name):
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class Case:
    """One page or API operation.

    name: the URL name ("cooperations:edit") or "API <METHOD> <path as declared>".
    expect: status per role on the role's own cooperation; roles not listed use `default`.
    On another private cooperation every role but operator gets 404 (invisible), unless
    scoped=False (pages that belong to no cooperation).
    changed: returns True when the request changed the database; it must be True exactly when
    the answer was a success (2xx, or a redirect other than to the sign-in page).
    """

    name: str
    url: Callable[[Context], str]
    expect: dict = field(default_factory=dict)
    default: int = 404
    method: str = "GET"
    data: Any = None
    json: bool = False
    setup: Callable[[Context], dict] | None = None
    changed: Callable[[Context], bool] | None = None
    visibility: str = "private"
    scoped: bool = True
    label: str = ""
    headers: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{' ' + self.label if self.label else ''} [{self.visibility}]"

    def expected(self, role: str, target: str) -> int:
        if role == "anonymous" and self.expect.get("anonymous") == 302:
            return 302  # sign-in required before anything is looked up: reveals nothing
        if target == "other" and role != "operator":
            return 404 if self.visibility == "private" else self.expect.get(
                "outsider" if role != "anonymous" else "anonymous", self.default)
        return self.expect.get(role, self.default)


def roles(statuses: dict[int, list[str]]) -> dict[str, int]:
    """Build an expect dict from {status: [roles]}; "members" stands for the four member roles."""
    result = {}
    for status, names in statuses.items():
        for name in names:
            for role in (MEMBER_ROLES if name == "members" else [name]):
                result[role] = status
    return result


def editors(ok: int = 200, denied: int = 403, *, anonymous: int = 404, outsider: int = 404) -> dict[str, int]:
    """Coordinators and operators may; other members get `denied`; strangers see nothing."""
    return {
        "anonymous": anonymous, "outsider": outsider, "observateur": denied, "contributeur": denied,
        "membre": denied, "coordinateur": ok, "operator": ok,
    }


def private_readers(ok: int = 200) -> dict[str, int]:
    """Members who see private content (observer, member, coordinator) and operators."""
    return {
        "anonymous": 404, "outsider": 404, "observateur": ok, "contributeur": 403, "membre": ok,
        "coordinateur": ok, "operator": ok,
    }


def everyone_in(ok: int = 200) -> dict[str, int]:
    """Any role in the cooperation and operators."""
    return {"anonymous": 404, "outsider": 404, **{r: ok for r in MEMBER_ROLES}, "operator": ok}


def contributors(ok: int = 200, denied: int = 403) -> dict[str, int]:
    """Those who contribute: coordinators, members, contributors, operators."""
    return {
        "anonymous": 404, "outsider": 404, "observateur": denied, "contributeur": ok, "membre": ok,
        "coordinateur": ok, "operator": ok,
    }


def html_and_query_count(client, url: str) -> tuple[str, int]:
    """GET `url` (expecting 200) and return its HTML with the number of SQL queries it ran."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} : {response.status_code}"
    return response.content.decode(), len(queries)


def run_queued_tasks() -> None:
    """Run the queued tasks as the worker does (`run_worker --batch`), inside the test's transaction.

    Between tasks the worker closes connections it deems stale; in a test that is the test's own
    connection, and PostgreSQL then refuses every later query. Tests keep it open.
    """
    from unittest import mock

    from django.core.management import call_command

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("run_worker", batch=True, verbosity=0)


def run_in_threads(target: Callable[[int], Any], count: int) -> list[Exception]:
    """Run target(0..count-1) at once, each on its own thread and database connection (PostgreSQL
    concurrency tests); return the exceptions raised, for the test to assert which were expected."""
    import threading

    from django.db import connections

    barrier, errors = threading.Barrier(count), []

    def worker(index):
        try:
            barrier.wait()
            target(index)
        except Exception as error:  # collected for the test's assertions
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
