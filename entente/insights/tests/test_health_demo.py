"""Every seed cooperation's health page has something its records make worth a look (issue 12, demo)."""

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.governance import demo as governance_demo
from entente.governance.schedule import paris_today
from entente.insights import health, periods
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

MISSED, LATE_AGENDA, OVERDUE = "ne s'est pas réuni", "Ordre du jour envoyé en retard", "à donner en retard"
# What each seed cooperation's records show: (kind of cooperation, partners' kind and number, alerts expected).
SEEDS = {
    "piloter-ensemble-37-41": ("convention_technique", "departement", 2, {LATE_AGENDA, OVERDUE}),
    "touraine-contrats-de-reciprocite": ("contrat_reciprocite", "epci", 11, {MISSED, LATE_AGENDA, OVERDUE}),
    "entente-loire-haute-loire": ("entente", "departement", 2, {MISSED, OVERDUE}),
    "codir-pays-d-ancenis": ("codir_territoire", "epci", 3, {LATE_AGENDA, OVERDUE}),
    "codir-erdre-et-gesvres": ("codir_territoire", "epci", 3, {MISSED, LATE_AGENDA, OVERDUE}),
}


@pytest.fixture
def seed_cooperations():
    users = [UserFactory(email=f"{role}@demo.entente.fr") for role in ("coordinateur", "membre", "contributeur")]
    cooperations = {}
    for slug, (kind, partner_kind, count, _alerts) in SEEDS.items():
        cooperation = CooperationFactory(slug=slug, kind=kind)
        trait = {"epci_trait": True} if partner_kind == "epci" else {"departement_trait": True}
        partners = [
            PartnershipFactory(
                cooperation=cooperation,
                organization=OrganizationFactory(local_authority=True, territory=TerritoryFactory(**trait)),
            )
            for _ in range(count)
        ]
        for user in users:
            MembershipFactory(cooperation=cooperation, user=user, role=user.email.split("@")[0], partner=partners[0])
        cooperations[slug] = cooperation
    return cooperations


@pytest.mark.parametrize("slug", SEEDS)
def test_the_demo_health_page_shows_what_the_seed_records_hold(seed_cooperations, slug):
    governance_demo.load()
    cooperation, today = seed_cooperations[slug], paris_today()
    period = periods.parse_period("", today, health.first_year(cooperation, today))
    sentences = health.cooperation_health(cooperation, period, today=today).alert_sentences
    shown = {kind for kind in (MISSED, LATE_AGENDA, OVERDUE) if any(kind in sentence for sentence in sentences)}
    assert shown == SEEDS[slug][3], sentences


def test_the_entente_conference_missed_one_year_only(seed_cooperations):
    governance_demo.load()
    cooperation, today = seed_cooperations["entente-loire-haute-loire"], paris_today()
    period = periods.parse_period("", today, health.first_year(cooperation, today))
    missed = [s for s in health.cooperation_health(cooperation, period, today=today).alert_sentences if MISSED in s]
    assert len(missed) == 1, missed
