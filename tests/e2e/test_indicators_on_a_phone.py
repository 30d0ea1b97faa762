"""The indicator dashboard on a 375 px phone: chart labels stay legible and the tables by partner,
their reference row included, fit the screen — in real Chromium."""

from decimal import Decimal

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const block = document.querySelector('#indicateur-epargne');
  const label = block.querySelector('svg[data-chart=bars] text[data-label]').getBoundingClientRect();
  const cells = [...block.querySelectorAll('table[data-table=partners] tr > *')];
  const cut = cells.filter(c => c.getBoundingClientRect().right > width + 1).map(c => c.innerText.trim());
  return {width, labelHeight: label.height, cut};
}"""


def test_the_dashboard_reads_on_a_phone(_browser, live_server, login):
    from entente.insights import indicator_services as services
    from entente.insights.models import ValueOrigin

    cooperation = CooperationFactory(slug="piloter-ensemble")
    coordinator = UserFactory()
    MembershipFactory(cooperation=cooperation, user=coordinator, role="coordinateur")
    indicator = services.save_indicator(
        cooperation=cooperation, by=coordinator, code="epargne", name="Taux d'épargne brute", unit="%"
    )
    for code, name, value in (
        ("37", "Département d'Indre-et-Loire", "15.2"),
        ("41", "Département de Loir-et-Cher", "8.9"),
    ):
        territory = TerritoryFactory(kind="departement", code=code, name=name, population=1000, population_year=2023)
        PartnershipFactory(
            cooperation=cooperation,
            organization=OrganizationFactory(local_authority=True, territory=territory, name=name),
        )
        services.set_indicator_value(
            indicator=indicator, territory=territory, year=2024, value=Decimal(value), by=coordinator,
            may_write_any=True, origin=ValueOrigin.ILLUSTRATIVE,
        )  # fmt: skip
    context = _browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 812})
    page = context.new_page()
    login(page, coordinator)
    page.goto(f"{live_server.url}/cooperations/piloter-ensemble/indicateurs/")
    measured = page.evaluate(MEASURE)
    context.close()
    assert measured["labelHeight"] >= 12, measured  # was about 7 px: a 640-unit drawing shrunk to the phone
    assert measured["cut"] == [], measured  # the « illustrative » badges and the average ran past the edge


PORTRAIT_MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll('table[data-table=figures] tr > *')];
  return cells.filter(c => c.getBoundingClientRect().right > width + 1).map(c => c.innerText.trim());
}"""


def test_the_cross_portrait_sets_two_partners_side_by_side_on_a_phone(_browser, live_server):
    cooperation = CooperationFactory(slug="loire-haute-loire", visibility="public")
    for code, name, population in (("42", "Loire", 774_133), ("43", "Haute-Loire", 228_654)):
        territory = TerritoryFactory(kind="departement", code=code, name=name, population=population)
        PartnershipFactory(
            cooperation=cooperation,
            organization=OrganizationFactory(local_authority=True, territory=territory, name=name),
        )
    context = _browser.new_context(locale="fr-FR", viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(f"{live_server.url}/cooperations/loire-haute-loire/portrait-croise/")
    cut = page.evaluate(PORTRAIT_MEASURE)
    context.close()
    assert cut == []  # the second partner's column ran past the screen's edge
