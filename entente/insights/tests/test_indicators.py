import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.core.testing import html_and_query_count
from entente.insights import indicator_services as services
from entente.insights.indicators import PRESETS, dashboard
from entente.insights.models import Direction, Indicator, IndicatorValue, RegistryFigure
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    """A cooperation of two départements, a coordinator and a member representing the first one."""
    cooperation = CooperationFactory()
    first = PartnershipFactory(
        cooperation=cooperation,
        organization=OrganizationFactory(
            local_authority=True,
            territory=TerritoryFactory(departement_trait=True, name="Aaa", population=600_000, population_year=2023),
        ),
    )
    second = PartnershipFactory(
        cooperation=cooperation,
        organization=OrganizationFactory(
            local_authority=True,
            territory=TerritoryFactory(departement_trait=True, name="Bbb", population=300_000, population_year=2023),
        ),
    )
    coordinator, member = UserFactory(), UserFactory()
    MembershipFactory(cooperation=cooperation, user=coordinator, role="coordinateur")
    MembershipFactory(cooperation=cooperation, user=member, role="membre", partner=first)
    indicator = services.save_indicator(
        cooperation=cooperation, by=coordinator, code="epargne", name="Épargne", unit="%", source="OFGL"
    )
    return {
        "cooperation": cooperation,
        "first": first.organization.territory,
        "second": second.organization.territory,
        "coordinator": coordinator,
        "member": member,
        "indicator": indicator,
    }


def test_presets_are_added_once_and_stay_editable(setting):
    cooperation, coordinator = setting["cooperation"], setting["coordinator"]
    created = services.add_presets(cooperation=cooperation, by=coordinator)
    assert len(created) == len(PRESETS)
    assert services.add_presets(cooperation=cooperation, by=coordinator) == []
    preset = Indicator.objects.get(cooperation=cooperation, code="epargne-brute")
    services.save_indicator(cooperation=cooperation, by=coordinator, indicator=preset, name="Épargne brute (%)")
    preset.refresh_from_db()
    assert preset.name == "Épargne brute (%)"
    assert preset.history.count() == 2


def test_a_member_writes_the_value_of_its_own_territory_with_history(setting):
    value = services.set_indicator_value(
        indicator=setting["indicator"],
        territory=setting["first"],
        year=2024,
        value=Decimal("12.5"),
        by=setting["member"],
        may_write_any=False,
    )
    services.set_indicator_value(
        indicator=setting["indicator"],
        territory=setting["first"],
        year=2024,
        value=Decimal("13"),
        by=setting["member"],
        may_write_any=False,
    )
    value.refresh_from_db()
    assert value.value == Decimal("13")
    assert [h.history_user for h in value.history.all()] == [setting["member"], setting["member"]]


def test_a_member_cannot_write_another_partners_value(setting):
    with pytest.raises(PermissionDenied):
        services.set_indicator_value(
            indicator=setting["indicator"],
            territory=setting["second"],
            year=2024,
            value=Decimal(1),
            by=setting["member"],
            may_write_any=False,
        )
    assert not IndicatorValue.objects.exists()


def test_a_value_for_a_territory_that_is_not_a_partner_is_refused(setting):
    stranger = TerritoryFactory(departement_trait=True)
    with pytest.raises(ValidationError, match="n'est pas un territoire partenaire"):
        services.set_indicator_value(
            indicator=setting["indicator"],
            territory=stranger,
            year=2024,
            value=Decimal(1),
            by=setting["coordinator"],
            may_write_any=True,
        )
    assert not IndicatorValue.objects.exists()


def test_the_value_page_refuses_another_partners_territory_in_french(client, setting):
    client.force_login(setting["member"])
    url = f"/cooperations/{setting['cooperation'].slug}/indicateurs/valeurs/"
    data = {"indicator": setting["indicator"].pk, "territory": setting["second"].pk, "year": "2024", "value": "3"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Vous ne pouvez pas saisir de valeur pour ce territoire." in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_the_value_page_reads_french_numbers(client, setting):
    client.force_login(setting["member"])
    url = f"/cooperations/{setting['cooperation'].slug}/indicateurs/valeurs/"
    data = {
        "indicator": setting["indicator"].pk,
        "territory": setting["first"].pk,
        "year": "2024",
        "value": "10 000,25",
    }
    assert client.post(url, data).status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("10000.25")


def test_registry_figures_are_read_from_the_registry(setting):
    cooperation = setting["cooperation"]
    services.add_presets(cooperation=cooperation, by=setting["coordinator"])
    TerritoryFactory(departement=setting["first"])
    TerritoryFactory(departement=setting["first"])
    TerritoryFactory(departement=setting["second"])
    _, blocks = dashboard(cooperation)
    by_code = {b.indicator.code: b for b in blocks}
    assert [(r.label, r.value) for r in by_code["population"].rows] == [("Aaa", 600_000), ("Bbb", 300_000)]
    assert by_code["population"].year == 2023
    assert [r.value for r in by_code["communes"].rows] == [2, 1]
    assert by_code["population"].reference == 450_000


def test_a_registry_indicator_cannot_be_typed(setting):
    registry = services.save_indicator(
        cooperation=setting["cooperation"],
        by=setting["coordinator"],
        code="pop",
        name="Pop",
        registry_figure=RegistryFigure.POPULATION,
    )
    registry.registry_figure = RegistryFigure.POPULATION
    registry.save()
    with pytest.raises(ValidationError):
        services.set_indicator_value(
            indicator=registry,
            territory=setting["first"],
            year=2024,
            value=Decimal(1),
            by=setting["coordinator"],
            may_write_any=True,
        )


def _values_in(html, marker):
    """The numbers written in each chart (data-value texts) or each table, in page order."""
    return re.findall(rf"<{marker}[^>]*data-value>([^<]+)<", html)


def test_charts_and_tables_carry_the_same_numbers(client, setting):
    indicator, coordinator = setting["indicator"], setting["coordinator"]
    for year, first, second in ((2023, "10.5", "12"), (2024, "11", "14.25")):
        for territory, value in ((setting["first"], first), (setting["second"], second)):
            services.set_indicator_value(
                indicator=indicator,
                territory=territory,
                year=year,
                value=Decimal(value),
                by=coordinator,
                may_write_any=True,
            )
    client.force_login(setting["member"])
    html = client.get(f"/cooperations/{setting['cooperation'].slug}/indicateurs/").content.decode()
    in_chart = _values_in(html, "text")
    in_table = re.findall(r"<td data-value>([^<]+?)\s*(?:<|$)", html)
    assert in_chart == in_table == ["11\u00a0%", "14,25\u00a0%"]
    assert "Moyenne des partenaires" in html and "12,63\u00a0%" in html
    assert "Source : OFGL, 2024." in html
    years_table = html[html.index('data-table="years"') :]
    assert "10,50\u00a0%" in years_table and "12\u00a0%" in years_table


def test_a_target_replaces_the_average_as_reference(setting):
    services.save_indicator(
        cooperation=setting["cooperation"],
        by=setting["coordinator"],
        indicator=setting["indicator"],
        target=Decimal(15),
    )
    services.set_indicator_value(
        indicator=setting["indicator"],
        territory=setting["first"],
        year=2024,
        value=Decimal(10),
        by=setting["coordinator"],
        may_write_any=True,
    )
    _, [block] = dashboard(setting["cooperation"])
    assert (block.reference, block.reference_label) == (15, "Cible de la coopération")


def test_the_dashboard_keeps_a_constant_query_count(client, setting):
    cooperation, coordinator = setting["cooperation"], setting["coordinator"]
    client.force_login(coordinator)
    url = f"/cooperations/{cooperation.slug}/indicateurs/"
    _, few = html_and_query_count(client, url)
    services.add_presets(cooperation=cooperation, by=coordinator)
    for _ in range(3):
        PartnershipFactory(cooperation=cooperation)
    for indicator in cooperation.indicators.filter(registry_figure=""):
        for territory in (setting["first"], setting["second"]):
            for year in (2022, 2023):
                services.set_indicator_value(
                    indicator=indicator,
                    territory=territory,
                    year=year,
                    value=Decimal(3),
                    by=coordinator,
                    may_write_any=True,
                )
    _, many = html_and_query_count(client, url)
    assert many == few + 1  # the commune counts of the registry figures, once for all partners


def test_the_code_is_unique_in_the_cooperation_with_a_french_message(client, setting):
    client.force_login(setting["coordinator"])
    url = f"/cooperations/{setting['cooperation'].slug}/indicateurs/catalogue/nouveau/"
    response = client.post(url, {"name": "Autre", "code": "epargne", "theme": "finances", "direction": "plus_haut"})
    assert response.status_code == 400
    assert "Un autre indicateur de la coopération porte déjà ce code." in response.content.decode()


def test_the_api_puts_a_members_own_value_and_refuses_a_non_partner(client, setting):
    client.force_login(setting["member"])
    url = f"/api/v1/cooperations/{setting['cooperation'].slug}/indicators/{setting['indicator'].pk}/values"
    ok = client.put(
        url,
        {"territory_code": setting["first"].code, "year": 2024, "value": "10 000,5"},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["value"] in ("10000.5000", "10000.5")
    stranger = TerritoryFactory(departement_trait=True)
    refused = client.put(
        url, {"territory_code": stranger.code, "year": 2024, "value": 1}, content_type="application/json"
    )
    assert refused.status_code == 422 and "n'est pas un territoire partenaire" in refused.json()["detail"]
    other = client.put(
        url, {"territory_code": setting["second"].code, "year": 2024, "value": 1}, content_type="application/json"
    )
    assert other.status_code == 403
    assert IndicatorValue.objects.count() == 1


def test_the_csv_export_carries_the_dashboards_numbers(client, setting):
    services.add_presets(cooperation=setting["cooperation"], by=setting["coordinator"])
    services.set_indicator_value(
        indicator=setting["indicator"],
        territory=setting["first"],
        year=2024,
        value=Decimal("12.5"),
        by=setting["coordinator"],
        may_write_any=True,
    )
    client.force_login(setting["member"])
    content = client.get(f"/cooperations/{setting['cooperation'].slug}/indicateurs/valeurs.csv").content
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Indicateur;Code;Unité;Partenaire")
    assert "Épargne;epargne;%;Aaa;" in "\n".join(lines) and ";2024;12,5;OFGL" in "\n".join(lines)
    assert any(
        line.startswith("Population municipale;population;habitants;Aaa;") and ";600\u00a0000;" in line
        for line in lines
    )


def test_an_indicator_for_one_kind_of_territory_refuses_and_hides_the_others(setting):
    cooperation, coordinator = setting["cooperation"], setting["coordinator"]
    epci = TerritoryFactory(epci_trait=True, name="Ccc")
    PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=epci))
    services.save_indicator(
        cooperation=cooperation, by=coordinator, indicator=setting["indicator"], territory_kind="departement"
    )
    with pytest.raises(ValidationError, match="vaut pour les territoires de type « Département »"):
        services.set_indicator_value(
            indicator=setting["indicator"],
            territory=epci,
            year=2024,
            value=Decimal(1),
            by=coordinator,
            may_write_any=True,
        )
    _, [block] = dashboard(cooperation)
    assert [row.label for row in block.rows] == ["Aaa", "Bbb"]


def test_a_population_reads_neither_higher_nor_lower(client, setting):
    """The registry presets describe the territory: no « plus haute est meilleure » under a population."""
    services.add_presets(cooperation=setting["cooperation"], by=setting["coordinator"])
    population = Indicator.objects.get(cooperation=setting["cooperation"], code="population")
    assert population.direction == Direction.NEUTRAL
    client.force_login(setting["member"])
    html = client.get(f"/cooperations/{setting['cooperation'].slug}/indicateurs/").content.decode()
    block = html[html.index('id="indicateur-population"') : html.index('id="indicateur-communes"')]
    assert "meilleure" not in block
    debt = html[html.index('id="indicateur-capacite-desendettement"') :]
    assert "une valeur plus basse est meilleure" in debt[: debt.index("</section>")]


def test_the_api_takes_and_gives_the_direction(client, setting):
    client.force_login(setting["coordinator"])
    url = f"/api/v1/cooperations/{setting['cooperation'].slug}/indicators"
    created = client.post(url, {"code": "pop", "name": "Population", "direction": "neutre"}, "application/json")
    assert created.status_code == 201 and created.json()["direction"] == "neutre"
    refused = client.post(url, {"code": "x", "name": "X", "direction": "meilleur"}, "application/json")
    assert refused.status_code == 422


def test_chart_labels_keep_their_size_on_a_phone(client, setting):
    """The bars are not a scaled drawing: a 640-unit viewBox wrote 13-unit labels at 7 px on a 375 px phone."""
    for territory, value in ((setting["first"], "10"), (setting["second"], "12")):
        services.set_indicator_value(
            indicator=setting["indicator"], territory=territory, year=2024, value=Decimal(value),
            by=setting["coordinator"], may_write_any=True,
        )  # fmt: skip
    client.force_login(setting["member"])
    html = client.get(f"/cooperations/{setting['cooperation'].slug}/indicateurs/").content.decode()
    svg = re.search(r"<svg[^>]*data-chart=\"bars\"[^>]*>", html).group(0)
    assert "viewBox" not in svg and 'width="100%"' in svg
    sizes = {int(size) for size in re.findall(r'<text[^>]*font-size="(\d+)"[^>]*data-label', html)}
    assert sizes and min(sizes) >= 12


def test_the_indicator_form_names_itself(client, setting):
    """Its heading was empty: the template read a page_title the context never had."""
    client.force_login(setting["coordinator"])
    base = f"/cooperations/{setting['cooperation'].slug}/indicateurs/catalogue/"
    assert "<h1>Nouvel indicateur</h1>" in client.get(base + "nouveau/").content.decode()
    edit = client.get(base + f"{setting['indicator'].pk}/").content.decode()
    assert "<h1>Modifier « Épargne »</h1>" in edit


def test_lines_over_time_use_the_height_between_their_lowest_and_highest_value(setting):
    """A population moving by a few percent was a flat line at the top: the scale started at zero."""
    for year, value in ((2022, "600000"), (2023, "606000"), (2024, "612000")):
        services.set_indicator_value(
            indicator=setting["indicator"], territory=setting["first"], year=year, value=Decimal(value),
            by=setting["coordinator"], may_write_any=True,
        )  # fmt: skip
    _partners, blocks = dashboard(setting["cooperation"])
    chart = next(block for block in blocks if block.indicator == setting["indicator"]).line_chart
    ys = [y for _x, y in chart["series"][0]["dots"]]
    assert max(ys) - min(ys) > 100  # of a 172 px plot, not 3 px
    assert [mark["label"] for mark in chart["scale"]] == ["612\u00a0000\u00a0%", "600\u00a0000\u00a0%"]


def test_a_dashboard_without_indicator_offers_only_the_catalogue(client, setting):
    """Downloading, entering or importing values needs an indicator first: those buttons wait for one."""
    empty = CooperationFactory()
    coordinator = UserFactory()
    MembershipFactory(cooperation=empty, user=coordinator, role="coordinateur")
    client.force_login(coordinator)
    html = client.get(f"/cooperations/{empty.slug}/indicateurs/").content.decode()
    assert "pas encore d'indicateur" in html and "Catalogue des indicateurs" in html
    for button in ("Saisir une valeur", "Importer un fichier", "Télécharger les valeurs"):
        assert button not in html
    client.force_login(setting["coordinator"])
    html = client.get(f"/cooperations/{setting['cooperation'].slug}/indicateurs/").content.decode()
    assert "Saisir une valeur" in html and "Télécharger les valeurs (CSV)" in html
