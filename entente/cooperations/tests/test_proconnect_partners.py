"""ProConnect's SIRET names the person's organisation when it is a partner of a cooperation."""

import pytest

from entente.accounts.proconnect import organization_for_siret
from entente.cooperations.factories import PartnershipFactory
from entente.territories.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_a_siret_finds_the_partner_whose_siren_starts_it():
    partner = PartnershipFactory(organization=OrganizationFactory(siren="224200017")).organization
    OrganizationFactory(siren="224300015")  # not a partner of any cooperation
    assert organization_for_siret("224 200 017 00014") == partner
    assert organization_for_siret("22430001500019") is None
    assert organization_for_siret("123") is None
