"""Test helpers that gather several apps (the core's, `entente.core.testing`, need none).

`World` sets up the cooperations the permission matrix and most page tests run against.
"""

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.core.testing import MEMBER_ROLES


class World:
    """Two private cooperations and one public one, with one user per role in `own`."""

    def __init__(self):
        self.own = CooperationFactory(name="Coopération A")
        self.other = CooperationFactory(name="Coopération B")
        self.partners = {}
        for cooperation in (self.own, self.other):
            self.partners[cooperation.pk] = [
                PartnershipFactory(cooperation=cooperation),
                PartnershipFactory(cooperation=cooperation),
            ]
        self.users = {"anonymous": None, "outsider": UserFactory(), "operator": UserFactory(operator=True)}
        for role in MEMBER_ROLES:
            user = UserFactory()
            MembershipFactory(cooperation=self.own, user=user, role=role, partner=self.partners[self.own.pk][0])
            self.users[role] = user
        other_coordinator = UserFactory()
        MembershipFactory(cooperation=self.other, user=other_coordinator, role="coordinateur")
        self.users["other_coordinator"] = other_coordinator
