import pytest

from entente.territories.factories import OrganizationFactory
from entente.workshops.arbitration_services import DecisionInput, arbitrate
from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
from entente.workshops.score_services import ScoreInput, submit_scores


class Session:
    """A scored workshop whose aggregates are computed by hand in the tests."""

    def __init__(self, world, anonymous=False):
        partners = world.partners[world.own.pk]
        self.org_a, self.org_b = partners[0].organization, partners[1].organization
        self.workshop = WorkshopFactory(cooperation=world.own, scoring=True, anonymous=anonymous)
        self.value, self.feasibility = list(self.workshop.grid.criteria.all())
        self.a1 = ParticipantFactory(workshop=self.workshop, organization=self.org_a)
        self.a2 = ParticipantFactory(workshop=self.workshop, organization=self.org_a)
        self.b1 = ParticipantFactory(workshop=self.workshop, organization=self.org_b)
        self.i1 = IdeaFactory(workshop=self.workshop, organization=self.org_a, title="Formation commune")
        self.i2 = IdeaFactory(workshop=self.workshop, organization=self.org_b, title="Observatoire partagé")
        self.i3 = IdeaFactory(workshop=self.workshop, organization=self.org_a, title="Piste sans note")
        self.give(self.a1, self.i1, 4, 4)
        self.give(self.a2, self.i1, 3, 4)
        self.give(self.b1, self.i1, 2, 1)
        self.give(self.a1, self.i2, 1, 4)
        self.give(self.b1, self.i2, 3, 4)

    def arbitrate_first(self, status="retenue", body="Comité"):
        """An arbitration of the first piste alone, undated, recorded outside a request."""
        return arbitrate(
            workshop=self.workshop, user=None, body=body, decided_on=None, decisions=[DecisionInput(self.i1.pk, status)]
        )

    def give(self, participant, idea, value, feasibility):
        submit_scores(
            self.workshop,
            participant,
            [
                ScoreInput(idea.pk, self.value.pk, value),
                ScoreInput(idea.pk, self.feasibility.pk, feasibility),
            ],
        )


@pytest.fixture
def session(world):
    return Session(world)


@pytest.fixture
def anonymous_session(world):
    return Session(world, anonymous=True)


@pytest.fixture
def stranger_organization(db):
    return OrganizationFactory()
