import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.insights import indicator_demo
from entente.insights.models import IndicatorValue, ValueOrigin
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def test_the_demo_dashboard_flags_every_value_that_is_not_from_the_registry(client):
    cooperation = CooperationFactory(slug=indicator_demo.SLUG)
    for code, name, population in (("37", "Indre-et-Loire", 619_362), ("41", "Loir-et-Cher", 328_543)):
        territory = TerritoryFactory(
            kind="departement", code=code, name=name, population=population, population_year=2023
        )
        PartnershipFactory(
            cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
        )
    viewer = UserFactory(email="coordinateur@demo.entente.fr")
    MembershipFactory(cooperation=cooperation, user=viewer, role="coordinateur")
    assert indicator_demo.load()["loaded"] == [indicator_demo.SLUG]
    assert indicator_demo.load()["loaded"] == []  # loaded once
    assert set(IndicatorValue.objects.values_list("origin", flat=True)) == {ValueOrigin.ILLUSTRATIVE}
    client.force_login(viewer)
    html = client.get(f"/cooperations/{cooperation.slug}/indicateurs/").content.decode()
    assert "Certaines valeurs sont illustratives" in html
    population = html[html.index('id="indicateur-population"') : html.index('id="indicateur-communes"')]
    assert "619\u00a0362" in population and "illustrative" not in population
    savings = html[html.index('id="indicateur-epargne-brute"') : html.index('id="indicateur-capacite-desendettement"')]
    assert savings.count(">illustrative<") == 2 and "valeurs illustratives" in savings
