"""Helpers of reflexivity tests: members of a cooperation, a full answer, a mirror meeting."""

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import MembershipFactory, PartnershipFactory
from entente.governance.factories import BodyFactory, MeetingFactory
from entente.reflexivity.maturity_thresholds import THRESHOLD_CODES, MaturityLevel


def members(cooperation, count, *, role="membre", partner=None, prefix="Membre"):
    partner = partner or PartnershipFactory(cooperation=cooperation)
    users = []
    for index in range(count):
        user = UserFactory(display_name=f"{prefix} {index}")
        MembershipFactory(cooperation=cooperation, user=user, role=role, partner=partner)
        users.append(user)
    return users


def ratings(level=MaturityLevel.CROSSED, **overrides):
    values = dict.fromkeys(THRESHOLD_CODES, level)
    values.update(overrides)
    return values


def mirror_meeting(cooperation):
    return MeetingFactory(body=BodyFactory(cooperation=cooperation), format="temps_miroir")
