"""The health page's tables as CSV and XLSX: the same figures as the page, counts as numbers."""

import io

import pytest
from openpyxl import load_workbook

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import MembershipFactory
from entente.insights import health_exports
from entente.insights.tests.test_health import report, world  # noqa: F401  (world is a fixture)

pytestmark = pytest.mark.django_db


def test_attendance_csv_carries_the_pages_numbers(world):  # noqa: F811
    result = report(world)
    content, content_type, name = health_exports.export(result, world["cooperation"], "presence", "csv")
    text = content.decode("utf-8-sig")
    assert content_type.startswith("text/csv")
    assert name == f"sante-{world['cooperation'].slug}-2026-presence.csv"
    lines = text.splitlines()
    assert lines[0] == "Partenaire;Réunions attendues;Présent;Absences;Taux de présence (%)"
    # Département C came to one CODIRI of four: the page says 25 %, the file says 25.
    assert "Département C;4;1;3;25" in lines
    page_row = next(
        row for row in next(s for s in result.sections if s.key == "presence").table["rows"] if "C" in row[0]
    )
    assert page_row == ["Département C", "4", "1", "3", "25 %"]


def test_every_table_in_one_workbook_with_the_figures_and_their_sentences(world):  # noqa: F811
    result = report(world)
    content, _type, name = health_exports.export(result, world["cooperation"], "tout", "xlsx")
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "Chiffres",
        "Réunions par instance",
        "Présence par partenaire",
        "Rôles tenus par partenaire",
        "Suites à donner par état",
        "Participation par partenaire",
    ]
    sentences = [row[5] for row in workbook["Chiffres"].iter_rows(min_row=2, values_only=True)]
    assert "Le comité de suivi ne s'est pas réuni en 2026 alors qu'il doit se réunir chaque année." in sentences
    states = {row[0]: row[1] for row in workbook["Suites à donner par état"].iter_rows(min_row=2, values_only=True)}
    assert states["En retard"] == 1 and isinstance(states["En retard"], int)
    assert name.endswith("-2026.xlsx")


def test_unknown_table_or_csv_of_everything_is_no_file(world):  # noqa: F811
    result = report(world)
    assert health_exports.export(result, world["cooperation"], "inconnu", "csv") is None
    assert health_exports.export(result, world["cooperation"], "tout", "csv") is None
    assert health_exports.export(result, world["cooperation"], "presence", "ods") is None


def test_download_from_the_health_page_follows_its_period(client, world):  # noqa: F811
    user = UserFactory()
    MembershipFactory(cooperation=world["cooperation"], user=user, role="observateur")
    client.force_login(user)
    base = f"/cooperations/{world['cooperation'].slug}/sante/"
    page = client.get(base + "?periode=2026").content.decode()
    assert 'href="' + base + 'tableaux/tout.xlsx?periode=2026"' in page
    response = client.get(base + "tableaux/suivi.csv?periode=2026")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="sante-{world["cooperation"].slug}-2026-suivi.csv"'
    )
    assert client.get(base + "tableaux/tout.csv").status_code == 404
