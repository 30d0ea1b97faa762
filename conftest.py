import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests that check hashing use their own settings.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Throttle counters live in the cache: one test's failures must not hold the next one back.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def _media_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _throwaway_media(settings, _media_dir):
    # Uploads of the tests (agenda documents, signed scans) land in a temporary folder, never in
    # the checkout; the private storage follows MEDIA_ROOT (its cached location is reset).
    settings.MEDIA_ROOT = str(_media_dir / "media")


@pytest.fixture
def world(db):
    from entente.shell.testing import World

    return World()


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # The worker's queue is the database; tests run each task as it is queued (after commit),
    # except the worker's own tests, which put the database backend back and run the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def database_queue(settings, tmp_path):
    """For the worker's own tests: the database queue instead of running tasks at once, and the
    files of this test alone (a job's result is looked for where this test's jobs wrote it)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEDIA_ROOT = tmp_path
