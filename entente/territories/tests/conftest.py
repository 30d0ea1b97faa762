import io
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command

from entente.territories.registry import _read_npm_directory, convert_decoupage, write_registry

FIXTURE_PACKAGE = Path(__file__).resolve().parent / "fixtures" / "decoupage"


@pytest.fixture
def fixture_package():
    """A tiny npm-shaped package: 2 régions, 2 départements, 2 EPCI, 6 current communes."""
    return FIXTURE_PACKAGE


@pytest.fixture
def fixture_document():
    return convert_decoupage(*_read_npm_directory(FIXTURE_PACKAGE))


@pytest.fixture
def fixture_file(tmp_path, fixture_document):
    """The fixture package converted to our shipped format."""
    path = tmp_path / "registre.json.gz"
    write_registry(fixture_document, path)
    return path


@pytest.fixture
def fixture_tarball(tmp_path):
    """The fixture package as `npm pack` would produce it."""
    path = tmp_path / "decoupage-administratif-0.0.0-test.tgz"
    with tarfile.open(path, "w:gz") as archive:
        archive.add(FIXTURE_PACKAGE, arcname="package")
    return path


def run_import(source, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_territories", source=str(source), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def registry(db, fixture_file):
    """The database filled from the fixture package."""
    run_import(fixture_file)
