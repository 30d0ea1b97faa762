"""`manage.py import_territories`: idempotent, transactional, and clear about bad sources."""

import gzip
import json

import pytest
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entente.territories.models import Territory, TerritoryKind, TerritoryToken
from entente.territories.registry import write_registry

from .conftest import run_import

pytestmark = pytest.mark.django_db


def territory(kind, code):
    return Territory.objects.get(kind=kind, code=code)


def snapshot():
    """Everything the import writes, to compare before and after."""
    territories = list(Territory.objects.order_by("kind", "code").values())
    tokens = sorted(TerritoryToken.objects.values_list("territory_id", "token"))
    return territories, tokens


def test_it_imports_every_level_with_links(fixture_file):
    run_import(fixture_file)
    assert Territory.objects.filter(kind=TerritoryKind.COMMUNE).count() == 6
    assert Territory.objects.filter(kind=TerritoryKind.EPCI).count() == 2
    ancenis = territory("commune", "44003")
    assert ancenis.name == "Ancenis-Saint-Géréon"
    assert ancenis.search_name == "ancenis st gereon"
    assert (ancenis.epci.code, ancenis.departement.code, ancenis.region.code) == ("244400552", "44", "52")
    assert ancenis.population_total == 11769
    assert ancenis.postal_codes == "44150"
    assert territory("departement", "44").region.code == "52"
    assert territory("departement", "44").seat_code == "44109"
    epci = territory("epci", "244400552")
    assert (epci.epci_kind, epci.siren, epci.population, epci.departement.code) == ("CC", "244400552", 16489, "44")


def test_it_stores_population_sums(fixture_file):
    run_import(fixture_file)
    loire_atlantique = territory("departement", "44")
    assert loire_atlantique.population == 344721
    assert loire_atlantique.population_total == 344951
    assert territory("region", "84").population == 208136


def test_it_builds_search_tokens_from_names_and_postal_codes(fixture_file):
    run_import(fixture_file)
    tokens = set(territory("commune", "44003").tokens.values_list("token", flat=True))
    assert tokens == {"ancenis", "st", "gereon", "44150"}


def test_a_second_run_writes_nothing(fixture_file):
    run_import(fixture_file)
    before = snapshot()
    with CaptureQueriesContext(connection) as queries:
        out, _err = run_import(fixture_file)
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert snapshot() == before
    assert "0 créé, 0 modifié, 0 retiré" in out


def test_it_updates_changed_rows_and_retires_missing_ones(fixture_file, fixture_document, tmp_path):
    run_import(fixture_file)
    first_pk = territory("commune", "44003").pk
    # A newer release: Mésanger disappears, Ancenis grows and is renamed.
    fixture_document["communes"] = [row for row in fixture_document["communes"] if row[0] != "44096"]
    ancenis = next(row for row in fixture_document["communes"] if row[0] == "44003")
    ancenis[1], ancenis[7] = "Ancenis-Saint-Géréon-sur-Loire", 12000
    newer = tmp_path / "newer.json.gz"
    write_registry(fixture_document, newer)

    out, _err = run_import(newer)

    updated = territory("commune", "44003")
    assert (updated.pk, updated.population, updated.search_name) == (first_pk, 12000, "ancenis st gereon sur loire")
    assert "loire" in set(updated.tokens.values_list("token", flat=True))
    retired = territory("commune", "44096")
    assert retired.is_current is False
    assert not retired.tokens.exists()
    assert "1 modifié, 1 retiré" in out
    # The old release again brings it back.
    run_import(fixture_file)
    assert territory("commune", "44096").is_current is True


def test_it_accepts_the_npm_directory_and_tarball(fixture_package, fixture_tarball, fixture_file):
    run_import(fixture_package)
    from_directory = snapshot()
    run_import(fixture_tarball)
    run_import(fixture_file)
    assert snapshot() == from_directory


def test_it_shows_a_progress_bar_on_stderr(fixture_file):
    _out, err = run_import(fixture_file)
    assert "Import des territoires" in err
    assert "100%" in err


def test_if_needed_skips_an_imported_registry(fixture_file):
    run_import(fixture_file)
    out, _err = run_import(fixture_file, if_needed=True)
    assert "déjà importé" in out


def test_if_needed_updates_a_database_imported_without_articles(fixture_file):
    run_import(fixture_file)
    # As a database imported before the registry carried Insee's article codes.
    Territory.objects.update(tncc=None, source_population=None)

    out, _err = run_import(fixture_file, if_needed=True)

    assert "déjà importé" not in out
    assert territory("departement", "42").tncc == 3
    assert territory("epci", "244400552").source_population == 16235


def _truncated_gzip(tmp_path, fixture_file):
    path = tmp_path / "tronque.json.gz"
    path.write_bytes(fixture_file.read_bytes()[:-200])
    return path


def _truncated_json(tmp_path, fixture_file):
    path = tmp_path / "tronque.json"
    path.write_bytes(gzip.decompress(fixture_file.read_bytes())[:-50])
    return path


def _wrong_shape(tmp_path, fixture_file):
    path = tmp_path / "liste.json"
    path.write_text(json.dumps([1, 2, 3]))
    return path


def _short_row(tmp_path, fixture_file):
    document = json.loads(gzip.decompress(fixture_file.read_bytes()))
    document["communes"][2] = document["communes"][2][:4]
    path = tmp_path / "ligne-courte.json.gz"
    write_registry(document, path)
    return path


def _npm_missing_file(tmp_path, fixture_file):
    data = tmp_path / "paquet" / "data"
    data.mkdir(parents=True)
    (data / "communes.json").write_text("[]")
    return tmp_path / "paquet"


def _truncated_tarball(tmp_path, fixture_file):
    path = tmp_path / "paquet.tgz"
    import tarfile

    with tarfile.open(path, "w:gz") as archive:
        archive.add(fixture_file, arcname="package/data/communes.json")
    path.write_bytes(path.read_bytes()[:40])
    return path


@pytest.mark.parametrize(
    ("make_source", "message"),
    [
        (lambda tmp_path, fixture_file: tmp_path / "absent.json.gz", "fichier introuvable"),
        (_truncated_gzip, "archive gzip illisible ou tronquée"),
        (_truncated_json, "JSON invalide ou tronqué"),
        (_wrong_shape, "ce n'est pas un référentiel"),
        (_short_row, "« communes », ligne 3 : 10 colonnes attendues"),
        (_npm_missing_file, "epci.json absent du dossier"),
        (_truncated_tarball, "archive npm illisible ou tronquée"),
    ],
    ids=["missing", "truncated-gzip", "truncated-json", "wrong-shape", "short-row", "npm-incomplete", "bad-tgz"],
)
def test_a_bad_source_leaves_the_database_unchanged(tmp_path, fixture_file, make_source, message):
    run_import(fixture_file)
    before = snapshot()
    source = make_source(tmp_path, fixture_file)
    with pytest.raises(CommandError) as raised:
        run_import(source)
    assert str(raised.value).startswith(f"Import impossible depuis {source} : ")
    assert message in str(raised.value)
    assert snapshot() == before


def test_a_failure_while_writing_rolls_everything_back(fixture_file, monkeypatch):
    run_import(fixture_file)
    Territory.objects.filter(kind="commune", code="44003").update(population=1)
    before = snapshot()

    def explode(*args, **kwargs):
        raise RuntimeError("panne simulée")

    monkeypatch.setattr("entente.territories.services._sync_tokens", explode)
    with pytest.raises(RuntimeError):
        run_import(fixture_file)
    assert snapshot() == before


def test_progress_bar_counts_each_territory_once(fixture_file):
    _out, err = run_import(fixture_file)
    total = Territory.objects.count()
    lines = err.replace("\r", "\n").splitlines()
    import_line = [line for line in lines if line.startswith("Import des territoires")][-1]
    assert f"{total}/{total}" in import_line
    assert f"/{2 * total}" not in err


def test_a_truncated_source_that_would_retire_most_communes_is_refused(fixture_file, fixture_document, tmp_path):
    run_import(fixture_file)
    before = snapshot()
    # A valid file cut short: one commune left out of six.
    fixture_document["communes"] = fixture_document["communes"][:1]
    truncated = tmp_path / "tronque.json.gz"
    write_registry(fixture_document, truncated)

    with pytest.raises(CommandError, match="retirerait du référentiel en vigueur 5 communes sur 6.*--force"):
        run_import(truncated)
    assert snapshot() == before

    run_import(truncated, force=True)
    assert Territory.objects.filter(kind=TerritoryKind.COMMUNE, is_current=True).count() == 1


def test_an_empty_database_takes_any_source(fixture_document, tmp_path):
    fixture_document["communes"] = fixture_document["communes"][:1]
    small = tmp_path / "petit.json.gz"
    write_registry(fixture_document, small)
    run_import(small)
    assert Territory.objects.filter(kind=TerritoryKind.COMMUNE).count() == 1
