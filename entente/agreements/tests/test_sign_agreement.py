"""Signatories and signatures: who may sign, when, and what signing changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from entente.agreements import agreement_services, annex_services, signature_services
from entente.agreements.models import AgreementStatus, SignatoryStatus
from entente.cooperations.factories import PartnershipFactory
from entente.territories.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(agreement, two_partners):
    """The agreement of the conftest, with the second partner as a signatory too."""
    signature_services.add_signatory(agreement=agreement, organization=two_partners[2].organization)
    return agreement


def test_an_organization_that_is_not_a_partner_cannot_be_a_plain_signatory(agreement):
    state = OrganizationFactory(name="Préfecture d'Indre-et-Loire", kind="etat")
    with pytest.raises(ValidationError, match="n'est pas partenaire de la coopération"):
        signature_services.add_signatory(agreement=agreement, organization=state)


def test_the_state_signs_as_an_explicit_outside_cosigner(agreement):
    state = OrganizationFactory(name="Préfecture d'Indre-et-Loire", kind="etat")
    signatory = signature_services.add_signatory(
        agreement=agreement, organization=state, outside=True, signer_title="Le Préfet"
    )
    assert signatory.is_outside_cosigner


def test_a_signature_by_an_organization_that_is_not_a_partner_is_refused(agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    stranger = OrganizationFactory(name="Société de conseil")
    with pytest.raises(ValidationError) as error:
        signature_services.record_signature(
            agreement=agreement, organization=stranger, signed_on=timezone.localdate(), user=coordinator
        )
    assert error.value.messages == [
        "« Société de conseil » n'est ni partenaire de la coopération ni cosignataire déclaré de cette "
        "convention : elle ne peut pas la signer."
    ]


def test_a_signature_dated_before_the_version_it_signs_is_refused(agreement, coordinator):
    agreement_services.submit_for_signature(
        agreement=agreement, user=coordinator, at=timezone.make_aware(datetime.datetime(2019, 10, 1, 9))
    )
    organization = agreement.signatories.first().organization
    with pytest.raises(ValidationError, match="La date de signature \\(30 septembre 2019\\) précède la version 1"):
        signature_services.record_signature(
            agreement=agreement, organization=organization, signed_on=datetime.date(2019, 9, 30), user=coordinator
        )


def test_a_signature_in_the_future_is_refused(agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    organization = agreement.signatories.first().organization
    with pytest.raises(ValidationError, match="dans le futur"):
        signature_services.record_signature(
            agreement=agreement,
            organization=organization,
            user=coordinator,
            signed_on=timezone.localdate() + datetime.timedelta(days=2),
        )


def test_a_draft_cannot_be_signed(agreement, coordinator):
    organization = agreement.signatories.first().organization
    with pytest.raises(ValidationError, match="n'est pas en signature"):
        signature_services.record_signature(
            agreement=agreement, organization=organization, signed_on=timezone.localdate(), user=coordinator
        )


def test_the_last_signature_closes_the_agreement_with_the_latest_date(agreement, coordinator):
    agreement_services.submit_for_signature(
        agreement=agreement, user=coordinator, at=timezone.make_aware(datetime.datetime(2019, 10, 1, 9))
    )
    first, second = agreement.signatories.all()
    signature_services.record_signature(
        agreement=agreement, organization=first.organization, signed_on=datetime.date(2019, 10, 20), user=coordinator
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_SIGNATURE
    signature_services.record_signature(
        agreement=agreement, organization=second.organization, signed_on=datetime.date(2019, 10, 24), user=coordinator
    )
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_on == datetime.date(2019, 10, 24)


def test_signing_twice_the_same_version_is_refused(agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    organization = agreement.signatories.first().organization
    signature_services.record_signature(
        agreement=agreement, organization=organization, signed_on=timezone.localdate(), user=coordinator
    )
    with pytest.raises(ValidationError, match="déjà enregistrée"):
        signature_services.record_signature(
            agreement=agreement, organization=organization, signed_on=timezone.localdate(), user=coordinator
        )


def test_a_partner_who_left_can_no_longer_sign(agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    signatory = agreement.signatories.first()
    agreement.cooperation.partnerships.filter(organization=signatory.organization).update(left_on=timezone.localdate())
    with pytest.raises(ValidationError, match="a quitté la coopération"):
        signature_services.record_signature(
            agreement=agreement, organization=signatory.organization, signed_on=timezone.localdate(), user=coordinator
        )


def test_submitting_freezes_the_text(agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    with pytest.raises(ValidationError, match="ne peut plus être modifié"):
        agreement_services.add_article(agreement=agreement, title="Ajout tardif")


def test_a_refusal_keeps_the_agreement_open_and_allows_redrafting(agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    signature_services.record_refusal(signatory=agreement.signatories.first())
    agreement_services.reopen_draft(agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.is_draft
    assert set(agreement.signatories.values_list("status", flat=True)) == {SignatoryStatus.PENDING}


def test_an_annex_for_a_partner_who_left_is_refused(agreement):
    left = PartnershipFactory(
        cooperation=agreement.cooperation, left_on=datetime.date(2024, 3, 12), joined_on=datetime.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        annex_services.add_annex(agreement=agreement, partnership=left)
    assert error.value.messages == [
        f"« {left.organization} » a quitté la coopération le 12 mars 2024 : on ne peut plus lui consacrer d'annexe."
    ]


def test_a_text_with_the_annex_of_a_partner_who_left_is_not_submitted(agreement, coordinator):
    partnership = agreement.cooperation.partnerships.first()
    annex_services.add_annex(agreement=agreement, partnership=partnership)
    agreement.cooperation.partnerships.filter(pk=partnership.pk).update(left_on=datetime.date(2024, 3, 12))
    with pytest.raises(ValidationError) as error:
        agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    message = error.value.messages[0]
    assert message.startswith("La convention ne peut pas être soumise à signature : l'annexe « Engagements du Départ")
    assert "qui a quitté la coopération le 12 mars 2024 : retirez-la" in message
    assert "figure parmi les signataires" in message
    agreement.refresh_from_db()
    assert agreement.is_draft and not agreement.versions.exists()
