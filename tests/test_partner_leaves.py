"""What follows, in every app, when a partner leaves a cooperation (see cooperations.services.remove_partner)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from entente.agreements import agreement_services, annex_services
from entente.agreements.factories import AgreementFactory
from entente.agreements.selectors import placeholder_values
from entente.cooperations import services as cooperations
from entente.cooperations.factories import CooperationFactory, PartnershipFactory
from entente.cooperations.models import Partnership
from entente.cooperations.selectors import directory
from entente.governance.body_services import signatory_partners
from entente.workshops.factories import WorkshopFactory
from entente.workshops.participation_selectors import partner_organizations

pytestmark = pytest.mark.django_db


@pytest.fixture
def cooperation():
    return CooperationFactory(public=True)


@pytest.fixture
def staying(cooperation):
    return PartnershipFactory(cooperation=cooperation, organization__name="Loire")


@pytest.fixture
def leaving(cooperation):
    return PartnershipFactory(cooperation=cooperation, organization__name="Haute-Loire")


def test_a_partner_who_leaves_is_kept_with_its_date_and_left_out_of_active_partners(cooperation, staying, leaving):
    cooperations.remove_partner(leaving, left_on=datetime.date(2026, 6, 30))

    assert list(Partnership.objects.active().filter(cooperation=cooperation)) == [staying]
    assert list(cooperation.partnerships.active()) == [staying]
    assert list(cooperation.partnerships.departed()) == [leaving]
    leaving.refresh_from_db()
    assert leaving.left_on == datetime.date(2026, 6, 30)
    assert leaving.history.first().left_on == datetime.date(2026, 6, 30)
    card = directory({}).get(pk=cooperation.pk)
    assert card.partner_count == 1
    assert card.active_partnerships == [staying]


def test_the_other_apps_stop_counting_a_partner_who_left(cooperation, staying, leaving):
    workshop = WorkshopFactory(cooperation=cooperation)
    agreement = AgreementFactory(cooperation=cooperation)
    assert set(partner_organizations(workshop)) == {staying.organization, leaving.organization}

    cooperations.remove_partner(leaving, left_on=datetime.date(2026, 6, 30))

    assert list(partner_organizations(workshop)) == [staying.organization]
    assert signatory_partners(cooperation) == [staying]
    assert placeholder_values(agreement)["partenaires"] == "Loire"
    assert not agreement_services.is_partner(agreement, leaving.organization)
    with pytest.raises(ValidationError, match="a quitté la coopération"):
        annex_services.add_annex(agreement=agreement, partnership=leaving)


def test_a_partner_taken_back_is_active_again(cooperation, leaving):
    cooperations.remove_partner(leaving, left_on=datetime.date(2026, 6, 30))
    cooperations.add_partner(cooperation=cooperation, organization=leaving.organization)
    assert list(cooperation.partnerships.active()) == [leaving]
