"""The demo: two internal workshops, a cross-evaluation of 130 pistes, 9 chantiers retained."""

import pytest

from entente.workshops.models import Idea, Score, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_cooperation(db):
    from entente.cooperations.factories import CooperationFactory, PartnershipFactory
    from entente.territories.factories import OrganizationFactory, TerritoryFactory

    cooperation = CooperationFactory(slug="piloter-ensemble-37-41")
    for code, name in (("37", "Indre-et-Loire"), ("41", "Loir-et-Cher")):
        territory = TerritoryFactory(kind="departement", code=code, name=name)
        PartnershipFactory(
            cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
        )
    return cooperation


def test_demo_yields_130_pistes_and_the_9_chantiers(demo_cooperation):
    from entente.workshops import demo

    demo.load()
    cross = Workshop.objects.get(title=demo.CROSS_TITLE)
    assert Workshop.objects.filter(cooperation=demo_cooperation).count() == 3
    assert Idea.objects.filter(workshop=cross).count() == 130
    assert Idea.objects.filter(workshop=cross, arbitration_status="retenue").count() == 9
    assert Score.objects.filter(workshop=cross).count() == 130 * 24 * 2
    demo.load()
    assert Workshop.objects.filter(cooperation=demo_cooperation).count() == 3
