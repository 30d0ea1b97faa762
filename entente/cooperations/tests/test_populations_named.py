"""Wherever a population is shown, the millésime of the legal populations is named."""

import pytest

from entente.cooperations.factories import CooperationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_the_cooperation_page_names_the_year_of_partner_populations(client):
    cooperation = CooperationFactory(public=True)
    PartnershipFactory(
        cooperation=cooperation, organization__territory__population=139259,
        organization__territory__population_year=2023,
    )
    content = client.get(cooperation.get_absolute_url()).content.decode()
    assert "Population municipale" in content
    assert '<span class="fr-hint-text">populations légales 2023</span>' in content
