"""A French amount typed in a fr-FR Chromium reaches the server as typed: `10 000,01` in « Coût total »
is stored and shown as 10 000,01 €, never multiplied (the `type=number` box used to turn it into
1 000 001,00 €), and an ambiguous amount is refused in French with nothing saved."""

from decimal import Decimal

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.portfolio.factories import ActionFactory
from entente.portfolio.models import FinancingPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture
def action():
    cooperation = CooperationFactory(name="Piloter ensemble", slug="piloter-ensemble")
    partners = [PartnershipFactory(cooperation=cooperation), PartnershipFactory(cooperation=cooperation)]
    return ActionFactory(cooperation=cooperation, partners=partners, title="Formation commune")


@pytest.fixture
def coordinator(action):
    user = UserFactory()
    MembershipFactory(cooperation=action.cooperation, user=user, role="coordinateur")
    return user


def test_typing_a_french_amount_stores_and_shows_it_as_typed(page, live_url, login, action, coordinator):
    login(page, coordinator)
    page.goto(f"{live_url}{action.get_absolute_url()}financement/")
    total = page.get_by_label("Coût total de l'action (€)")
    assert total.get_attribute("type") == "text" and total.get_attribute("inputmode") == "decimal"
    total.press_sequentially("10 000,01")
    page.get_by_label("Clé de répartition du reste à charge").select_option("parts_egales")
    page.locator("#apercu").get_by_text("Reste à charge").wait_for()
    assert "10 000,01 €" in plain(page.locator("#apercu").inner_text())
    page.get_by_role("button", name="Enregistrer le plan").click()
    page.wait_for_url("**/portefeuille/actions/*/")
    assert "10 000,01 €" in plain(page.locator("main").inner_text())
    assert FinancingPlan.objects.get(action=action).total == Decimal("10000.01")

    page.goto(f"{live_url}{action.get_absolute_url()}financement/")
    assert plain(page.get_by_label("Coût total de l'action (€)").input_value()) == "10 000,01"


def test_an_ambiguous_amount_is_refused_in_french(page, live_url, login, action, coordinator):
    login(page, coordinator)
    page.goto(f"{live_url}{action.get_absolute_url()}financement/")
    page.get_by_label("Coût total de l'action (€)").fill("1.000,5")
    page.get_by_role("button", name="Enregistrer le plan").click()
    page.get_by_text("est ambigu").first.wait_for()
    assert not FinancingPlan.objects.exists()
