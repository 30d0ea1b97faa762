"""A contract derived from a common trunk goes to signature only once the trunk is adopted, and a
trunk never goes back to a draft while its contracts are in signature or signed."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from entente.agreements import agreement_services, signature_services, trunk_services
from entente.agreements.models import AgreementStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(trunk, two_partners, coordinator):
    return trunk_services.derive_contract(trunk=trunk, partnership=two_partners[1], user=coordinator)


def test_a_contract_under_a_draft_trunk_cannot_go_to_signature(trunk, contract, coordinator):
    with pytest.raises(ValidationError, match="tronc commun « Accord collectif » est encore un brouillon"):
        agreement_services.submit_for_signature(agreement=contract, user=coordinator)
    contract.refresh_from_db()
    assert contract.status == AgreementStatus.DRAFT and not contract.versions.exists()


def test_an_adopted_trunk_is_frozen_and_lets_its_contracts_be_signed(trunk, contract, coordinator, two_partners):
    version = trunk_services.adopt_trunk(trunk=trunk, user=coordinator)
    trunk.refresh_from_db()
    assert trunk.status == AgreementStatus.ADOPTED and version.note == "Tronc commun adopté"
    with pytest.raises(ValidationError, match="tronc commun est adopté"):
        agreement_services.add_article(agreement=trunk, title="Nouvel article")
    agreement_services.submit_for_signature(agreement=contract, user=coordinator)
    signature_services.record_signature(
        agreement=contract, organization=two_partners[1].organization, signed_on=datetime.date.today(), user=coordinator
    )
    contract.refresh_from_db()
    assert contract.status == AgreementStatus.SIGNED


def test_a_trunk_without_contracts_is_submitted_not_adopted(trunk, coordinator):
    with pytest.raises(ValidationError, match="Seul un tronc commun s'adopte"):
        trunk_services.adopt_trunk(trunk=trunk, user=coordinator)
    trunk.refresh_from_db()
    assert trunk.status == AgreementStatus.DRAFT


def test_a_signature_under_a_trunk_back_in_draft_is_refused(trunk, contract, coordinator, two_partners):
    """Data from before the rule: the contract is in signature while its trunk is a draft."""
    trunk_services.adopt_trunk(trunk=trunk, user=coordinator)
    agreement_services.submit_for_signature(agreement=contract, user=coordinator)
    trunk.__class__.objects.filter(pk=trunk.pk).update(status=AgreementStatus.DRAFT)
    with pytest.raises(ValidationError, match="encore un brouillon"):
        signature_services.record_signature(
            agreement=contract,
            organization=two_partners[1].organization,
            signed_on=datetime.date.today(),
            user=coordinator,
        )
    assert not contract.signatories.filter(status="signe").exists()


def test_a_trunk_in_signature_cannot_reopen_under_submitted_contracts(trunk, contract, coordinator, two_partners):
    signature_services.add_signatory(agreement=trunk, organization=two_partners[1].organization)
    agreement_services.submit_for_signature(agreement=trunk, user=coordinator)
    agreement_services.submit_for_signature(agreement=contract, user=coordinator)
    with pytest.raises(ValidationError, match="ne peut plus redevenir un brouillon"):
        agreement_services.reopen_draft(agreement=trunk)
    trunk.refresh_from_db()
    assert trunk.status == AgreementStatus.IN_SIGNATURE


def test_the_trunk_page_offers_adoption_and_the_button_adopts(client, trunk, contract, coordinator):
    client.force_login(coordinator)
    page = client.get(trunk.get_absolute_url()).content.decode()
    assert "Adopter le tronc commun" in page and "Soumettre à signature" not in page
    assert "adoptez-le d'abord" in client.get(contract.get_absolute_url()).content.decode()
    response = client.post(f"{trunk.get_absolute_url()}adopter/")
    assert response.status_code == 302
    trunk.refresh_from_db()
    assert trunk.status == AgreementStatus.ADOPTED


def test_an_outsider_cannot_adopt_a_trunk(client, trunk, contract):
    from entente.accounts.factories import UserFactory

    client.force_login(UserFactory())
    response = client.post(f"{trunk.get_absolute_url()}adopter/")
    assert response.status_code in (403, 404)
    trunk.refresh_from_db()
    assert trunk.status == AgreementStatus.DRAFT


def test_the_api_adopts_a_trunk(client, trunk, contract, coordinator):
    client.force_login(coordinator)
    url = f"/api/v1/cooperations/{trunk.cooperation.slug}/agreements/{trunk.pk}/adopt"
    response = client.post(url)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "adopte"


def test_an_adopted_trunk_page_names_its_articles_and_says_it_is_not_signed(client, trunk, contract, coordinator):
    trunk_services.adopt_trunk(trunk=trunk, user=coordinator)
    client.force_login(coordinator)
    page = client.get(trunk.get_absolute_url()).content.decode()
    assert "Accord collectif — tronc commun</h2>" in page
    assert "Un tronc commun adopté ne se signe pas" in page and "Aucun signataire déclaré" not in page
    assert "Reporter le tronc commun" not in page  # its text is frozen
