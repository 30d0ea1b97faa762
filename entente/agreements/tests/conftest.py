from decimal import Decimal

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory


@pytest.fixture
def coordinator(db):
    return UserFactory()


@pytest.fixture
def two_partners(db, coordinator):
    """A cooperation of two partners with a portfolio: one action each, one shared, amounts known."""
    from entente.portfolio import services as portfolio
    from entente.portfolio.financing_services import FinancingData, save_financing
    from entente.portfolio.structure_services import create_axis, create_workstream

    cooperation = CooperationFactory(name="Entente des deux rives")
    first = PartnershipFactory(cooperation=cooperation, organization__name="Département Amont")
    second = PartnershipFactory(cooperation=cooperation, organization__name="Département Aval")
    MembershipFactory(cooperation=cooperation, user=coordinator, role="coordinateur", partner=first)
    axis = create_axis(cooperation=cooperation, title="Liés")
    workstream = create_workstream(cooperation=cooperation, title="Mobilités", axis=axis)

    def action(title, participants, lead, total):
        created = portfolio.create_action(
            cooperation=cooperation,
            user=coordinator,
            data=portfolio.ActionData(title=title, workstream=workstream, participants=participants, lead=lead),
        )
        save_financing(created, data=FinancingData(total=Decimal(total)))
        return created

    action("Navette des collèges de l'amont", [first], first, "10000")
    action("Plateforme de covoiturage de l'aval", [second], second, "7300")
    action("Schéma commun des pistes cyclables", [first, second], first, "5000")
    return cooperation, first, second


@pytest.fixture
def agreement(two_partners, coordinator):
    """A draft agreement of the two partners, the first one's organization down as signatory."""
    from entente.agreements import agreement_services, signature_services

    cooperation, first, _second = two_partners
    agreement = agreement_services.create_agreement(cooperation=cooperation, user=coordinator, title="Convention")
    signature_services.add_signatory(agreement=agreement, organization=first.organization)
    return agreement


@pytest.fixture
def trunk(two_partners, coordinator):
    """A common trunk (the Touraine pattern), still a draft, without contracts yet."""
    from entente.agreements import agreement_services

    return agreement_services.create_agreement(
        cooperation=two_partners[0], user=coordinator, title="Accord collectif", kind="contrat_reciprocite"
    )


@pytest.fixture
def contracts(trunk, two_partners, coordinator):
    """The trunk declined into one contract per partner."""
    from entente.agreements import trunk_services

    _cooperation, first, second = two_partners
    return [
        trunk_services.derive_contract(trunk=trunk, partnership=partner, user=coordinator)
        for partner in (first, second)
    ]
