"""The portfolio demo: the seeds' chantiers, domains and axes, both Touraine cost-sharing cases,
loaded twice without duplicates."""

from decimal import Decimal

import pytest

from entente.cooperations import demo as foundation_demo
from entente.portfolio import demo
from entente.portfolio.models import Action, ActionLink, Axis, FinancingShare, Workstream
from entente.portfolio.tests.test_save_financing import METROPOLE, TOURAINE_CC
from entente.territories.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    for code, name, population in [("37", "Indre-et-Loire", 619362), ("41", "Loir-et-Cher", 328543),
                                   ("42", "Loire", 774133), ("43", "Haute-Loire", 228654)]:
        TerritoryFactory(kind="departement", code=code, name=name, population=population)
    for code, name, population, total in [METROPOLE, *TOURAINE_CC]:
        TerritoryFactory(kind="epci", code=code, name=name, population=population, population_total=total,
                         epci_kind="METRO" if code == METROPOLE[0] else "CC")
    TerritoryFactory(kind="region", code="24", name="Centre-Val de Loire", population=2573180)
    for code in foundation_demo.CODIR_CC:
        TerritoryFactory(kind="epci", code=code, name=f"CC {code}", epci_kind="CC")
    foundation_demo.load()


def test_the_demo_loads_the_seeds_portfolios_once(registry):
    demo.load()
    demo.load()
    assert Workstream.objects.filter(cooperation__slug="piloter-ensemble-37-41").count() == 9
    assert Workstream.objects.filter(cooperation__slug="touraine-contrats-de-reciprocite").count() == 7
    assert list(Axis.objects.filter(cooperation__slug="entente-loire-haute-loire").values_list("title", flat=True)) \
        == ["Liés par nature, culture et esprit d'innovation", "Fiers de nos produits et de nos entreprises",
            "Engagés pour le développement des infrastructures",
            "Mobilisés pour la cohésion sociale et l'efficacité des services au public"]
    assert Action.objects.filter(cooperation__slug="entente-loire-haute-loire").count() == 8
    assert ActionLink.objects.filter(source__title="Camions-bennes à hydrogène", kind="depend_de").exists()


def test_the_attractiveness_budget_is_mostly_paid_by_the_metropole_and_the_rest_by_inhabitants(registry):
    demo.load()
    shares = FinancingShare.objects.filter(plan__action__title="Budget commun de la stratégie d'attractivité") \
        .select_related("partnership__organization__territory")
    by_code = {s.partnership.organization.territory.code: s for s in shares}
    assert by_code[METROPOLE[0]].amount == Decimal("120000.00")
    assert sum(s.amount for s in shares) == Decimal("200000.00")
    assert "hab. / 317\u00a0307 hab." in by_code["200043065"].explanation


def test_the_waste_centres_contribution_follows_the_number_of_centres(registry):
    demo.load()
    shares = FinancingShare.objects.filter(plan__action__title="Accès mutualisé aux déchèteries du département") \
        .select_related("partnership__organization__territory")
    assert shares.count() == 11
    assert sum(s.amount for s in shares) == Decimal("120000.00")
    assert all("déchèteries" in s.explanation for s in shares)
    metropole = next(s for s in shares if s.partnership.organization.territory.code == METROPOLE[0])
    assert (metropole.count, metropole.amount) == (7, Decimal("23333.33"))
    assert metropole.explanation.startswith("7 déchèteries / 36 déchèteries × 120\u00a0000,00\u00a0€")


def test_touraine_actions_follow_the_seed_s_variable_geometry(registry):
    demo.load()
    touraine = Action.objects.filter(cooperation__slug="touraine-contrats-de-reciprocite")
    land = touraine.get(title="Offre foncière commune à destination des entreprises")
    assert sorted(land.participants.values_list("organization__territory__code", flat=True)) \
        == ["200073237", METROPOLE[0]]
    food = touraine.get(title="Réflexion mutualisée sur un plan alimentaire territorial")
    assert food.participants.count() == 10
    assert not food.participants.filter(organization__territory__code=METROPOLE[0]).exists()
    corridors = touraine.get(title__startswith="Corridors de mobilité")
    assert list(corridors.external_partners.values_list("territory__code", flat=True)) == ["24"]
    assert touraine.get(title="Développement de la filière hydrogène").lead.organization.territory.code \
        == "200072650"
    chairs = dict(Workstream.objects.filter(cooperation__slug="touraine-contrats-de-reciprocite", lead__isnull=False)
                  .values_list("title", "lead__organization__territory__code"))
    assert chairs == {"Déchets": METROPOLE[0], "Énergie": "200072650"}


def test_piloter_ensemble_actions_come_from_the_retained_pistes(registry):
    from entente.workshops import demo as workshops_demo

    workshops_demo.load()
    demo.load()
    training = Action.objects.get(title="Formation commune à la gestion de projet")
    assert list(training.source_ideas.values_list("title", flat=True)) \
        == ["Ressources humaines : mobilité et formation communes"]
    assert training.milestones.count() == 0 and training.indicators.count() == 2
    committed = Action.objects.filter(cooperation__slug="piloter-ensemble-37-41", status="engagee")
    assert all(not m.is_late for a in committed for m in a.milestones.all())
