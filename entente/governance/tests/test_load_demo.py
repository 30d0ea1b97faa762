"""The governance demo completes the seed cooperations once, and only once."""

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.governance import demo, schedule, selectors
from entente.governance.body_models import Body
from entente.governance.decision_models import FollowUp
from entente.governance.meeting_models import Meeting
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def partner(cooperation, kind):
    territory = TerritoryFactory(epci_trait=True) if kind == "epci" else TerritoryFactory(departement_trait=True)
    organization = OrganizationFactory(local_authority=True, territory=territory)
    return PartnershipFactory(cooperation=cooperation, organization=organization)


@pytest.fixture
def seed_cooperations():
    users = [UserFactory(email=f"{role}@demo.entente.fr") for role in ("coordinateur", "membre", "contributeur",
                                                                       "observateur")]
    shapes = {"piloter-ensemble-37-41": ("convention_technique", ["departement"] * 2),
              "touraine-contrats-de-reciprocite": ("contrat_reciprocite", ["epci"] * 11),
              "entente-loire-haute-loire": ("entente", ["departement"] * 2),
              "codir-pays-de-mortagne": ("codir_territoire", ["epci"] * 4)}
    for slug, (kind, partner_kinds) in shapes.items():
        cooperation = CooperationFactory(slug=slug, kind=kind)
        partners = [partner(cooperation, k) for k in partner_kinds]
        for user in users:
            MembershipFactory(cooperation=cooperation, user=user, role=user.email.split("@")[0], partner=partners[0])


def test_demo_loads_bodies_meetings_and_decisions_once(seed_cooperations):
    assert len(demo.load()["loaded"]) == 4
    counts = (Body.objects.count(), Meeting.objects.count(), FollowUp.objects.count())
    assert demo.load()["loaded"] == []
    assert (Body.objects.count(), Meeting.objects.count(), FollowUp.objects.count()) == counts


def test_codiri_secretariat_alternates_over_two_years(seed_cooperations):
    demo.load()
    codiri = Body.objects.get(kind="codiri")
    meetings = list(codiri.meetings.order_by("starts_at"))
    roles = selectors.roles_for_meetings(selectors.rotation_context(codiri), meetings)
    conveners = [roles[m.pk].convener.pk for m in meetings]
    assert len(meetings) == 5 and conveners[0] != conveners[1] and conveners[0] == conveners[2]


def test_mortagne_has_a_late_agenda_and_overdue_followups(seed_cooperations):
    demo.load()
    codir = Body.objects.get(kind="collectif_directeurs")
    statuses = [selectors.agenda_status_of(m) for m in codir.meetings.select_related("body")]
    assert statuses.count("en_retard") == 1
    today = schedule.paris_today()
    assert FollowUp.objects.filter(cooperation=codir.cooperation, status="a_faire", due_on__lt=today).exists()


def test_entente_decisions_ratified_by_both_departements(seed_cooperations):
    demo.load()
    loire = Body.objects.get(kind="conference_entente").cooperation
    states = [selectors.decision_state(d) for d in selectors.register(loire)]
    assert states.count("en_vigueur") == 2 and states.count("en_attente") == 1
