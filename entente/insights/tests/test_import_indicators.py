import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.insights import indicator_services as services
from entente.insights.indicator_imports import Mapping, import_values
from entente.insights.models import IndicatorImport, IndicatorValue, ValueOrigin
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

LONG = Mapping(
    code_column="Code",
    code_kind="insee",
    year_column="Année",
    indicator_column="Indicateur",
    value_column="Valeur",
    name="essai",
)


@pytest.fixture
def setting():
    return make_setting()


def make_setting():
    """A cooperation of two départements, its coordinator and two indicators of its catalogue."""
    cooperation = CooperationFactory()
    territories = []
    for code in ("37", "41"):
        territory = TerritoryFactory(kind="departement", code=code, name=f"Département {code}")
        PartnershipFactory(
            cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
        )
        territories.append(territory)
    coordinator = UserFactory()
    MembershipFactory(cooperation=cooperation, user=coordinator, role="coordinateur")
    for code, name in (("epargne", "Taux d'épargne brute"), ("dette", "Capacité de désendettement")):
        services.save_indicator(cooperation=cooperation, by=coordinator, code=code, name=name)
    return cooperation, coordinator, territories


def history_count(setting) -> int:
    """History rows of this test's cooperation only: other tests' demo loads leave history rows behind."""
    return IndicatorValue.history.filter(indicator__cooperation=setting[0]).count()


def run(setting, text, mapping=LONG, name="valeurs.csv", encoding="utf-8"):
    cooperation, coordinator, _ = setting
    return import_values(
        cooperation=cooperation, file_name=name, content=text.encode(encoding), mapping=mapping, by=coordinator
    )


GOOD = "Code;Année;Indicateur;Valeur\n37;2023;epargne;12,5\n41;2023;Taux d'épargne brute;1 234,75\n37;2024;DETTE;5\n"


def test_a_french_csv_is_imported_with_history_and_its_record(setting):
    result = run(setting, GOOD)
    assert result.error_count == 0
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    values = {(v.indicator.code, v.territory.code, v.year): v.value for v in IndicatorValue.objects.all()}
    assert values == {
        ("epargne", "37", 2023): Decimal("12.5"),
        ("epargne", "41", 2023): Decimal("1234.75"),
        ("dette", "37", 2024): Decimal(5),
    }
    assert history_count(setting) == 3
    assert set(IndicatorValue.objects.values_list("origin", flat=True)) == {ValueOrigin.IMPORT}
    assert IndicatorImport.objects.get().created == 3


def test_reimporting_the_same_file_changes_nothing(setting):
    run(setting, GOOD)
    result = run(setting, GOOD)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert history_count(setting) == 3


def test_a_changed_value_is_updated_and_kept_in_history(setting):
    run(setting, GOOD)
    result = run(setting, GOOD.replace("12,5", "13"))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert history_count(setting) == 4


def test_a_windows_1252_file_with_commas_is_read(setting):
    text = 'Code,Année,Indicateur,Valeur\n37,2023,Taux d\'épargne brute,"12,5"\n'
    result = run(setting, text, encoding="cp1252")
    assert result.error_count == 0 and result.created == 1


def test_an_xlsx_round_trip(setting):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Code", "Année", "Indicateur", "Valeur"])
    sheet.append(["37", 2023, "epargne", 12.5])
    sheet.append([41, 2023, "epargne", "10 000,5"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    cooperation, coordinator, _ = setting
    result = import_values(
        cooperation=cooperation, file_name="valeurs.xlsx", content=buffer.getvalue(), mapping=LONG, by=coordinator
    )
    assert result.error_count == 0
    assert sorted(IndicatorValue.objects.values_list("value", flat=True)) == [Decimal("12.5"), Decimal("10000.5")]


def test_every_wrong_line_is_reported_by_line_and_column_and_nothing_is_written(setting):
    text = (
        "Code;Année;Indicateur;Valeur\n"
        "37;2023;epargne;12,5\n"
        "75;2023;epargne;3\n"  # Paris is not a partner
        "41;20x3;epargne;3\n"
        "41;2023;inconnu;3\n"
        "41;2024;epargne;douze\n"
        "37;2023;epargne;13\n"  # same as line 2
    )
    result = run(setting, text)
    assert [(line, column) for line, column, _ in result.errors] == [
        (3, "Code"),
        (4, "Année"),
        (5, "Indicateur"),
        (6, "Valeur"),
        (7, "Valeur"),
    ]
    messages = " ".join(message for _, _, message in result.errors)
    assert "« 75 » inconnu parmi les territoires partenaires" in messages
    assert "« douze » n'est pas un nombre" in messages
    assert "qu'à la ligne 2" in messages
    assert not IndicatorValue.objects.exists() and not IndicatorImport.objects.exists()


def test_missing_columns_are_reported_on_line_one(setting):
    result = run(setting, "Code|Année|Indicateur|Valeur\n37|2023|epargne|1\n")
    assert result.errors[0][:2] == (1, "Code")
    assert "séparateur" in result.errors[0][2]
    assert not IndicatorValue.objects.exists()


def test_an_unreadable_encoding_is_reported(setting):
    cooperation, coordinator, _ = setting
    result = import_values(
        cooperation=cooperation, file_name="v.csv", content=b"Code;Ann\x81e\n", mapping=LONG, by=coordinator
    )
    assert "Encodage non reconnu" in result.errors[0][2]


def test_the_ofgl_preset_reads_an_ofgl_export(setting):
    from entente.insights.indicator_imports import PRESET_MAPPINGS

    preset = {k: v for k, v in PRESET_MAPPINGS["ofgl"].items()}
    text = (
        "Exercice;Code Insee 2024 Région;Code Insee 2024 Département;Nom 2024 Département;Agrégat;Montant;"
        "Montant en € par habitant\n"
        "2023;24;037;Indre-et-Loire;Taux d'épargne brute;100;12,5\n"
    )
    preset["code_column"] = "Code Insee * Département"
    result = run(setting, text, mapping=Mapping(**preset))
    assert result.error_count == 0 and result.created == 1
    assert IndicatorValue.objects.get().territory.code == "37"


def test_a_value_for_a_territory_of_another_kind_is_reported(setting):
    cooperation, coordinator, _ = setting
    indicator = cooperation.indicators.get(code="epargne")
    services.save_indicator(cooperation=cooperation, by=coordinator, indicator=indicator, territory_kind="epci")
    result = run(setting, GOOD)
    assert [(line, column) for line, column, _ in result.errors] == [(2, "Code"), (3, "Code")]
    assert not IndicatorValue.objects.exists()


def test_a_saved_mapping_fills_the_form_and_a_huge_number_is_no_mapping(client, setting):
    cooperation, coordinator, _ = setting
    saved = services.save_import_mapping(cooperation=cooperation, by=coordinator, name="Tableur", mapping=LONG)
    client.force_login(coordinator)
    url = f"/cooperations/{cooperation.slug}/indicateurs/import/"
    html = client.get(url, {"correspondance": saved.pk}).content.decode()
    assert 'value="Indicateur"' in html
    assert client.get(url, {"correspondance": "9" * 40}).status_code == 200


def test_a_file_over_the_row_cap_is_refused_whole(setting, monkeypatch):
    from entente.insights import indicator_imports

    monkeypatch.setattr(indicator_imports, "MAX_ROWS", 2)
    result = run(setting, GOOD)
    assert result.errors == [(1, "", "Trop de lignes : 2 valeurs au plus par import.")]
    assert not IndicatorValue.objects.exists()


def test_a_file_over_the_size_cap_is_refused(setting, monkeypatch):
    from entente.insights import indicator_imports

    monkeypatch.setattr(indicator_imports, "MAX_FILE_BYTES", 10)
    result = run(setting, GOOD)
    assert "Fichier trop volumineux" in result.errors[0][2]


def test_imported_history_rows_read_back_as_simple_history_writes_them(setting):
    cooperation, coordinator, _ = setting
    run(setting, GOOD)
    run(setting, GOOD.replace("12,5", "13"))
    value = IndicatorValue.objects.get(territory__code="37", year=2023)
    versions = list(value.history.order_by("history_id"))
    assert [(v.history_type, v.value, v.history_user, v.origin) for v in versions] == [
        ("+", Decimal("12.5"), coordinator, ValueOrigin.IMPORT),
        ("~", Decimal("13"), coordinator, ValueOrigin.IMPORT),
    ]
    assert versions[1].prev_record == versions[0]
