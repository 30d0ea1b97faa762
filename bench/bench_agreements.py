"""Generating the ten Touraine contracts of reciprocity as DOCX and PDF.

    .venv/bin/python bench/bench_agreements.py

Builds a throwaway SQLite database with a Touraine-like cooperation: a métropole, ten
communautés de communes (territories with populations) and the State; a portfolio of 21
actions in 7 domains, most shared by the eleven EPCI, three of them with a financing plan
split by population; an accord collectif (trunk of 7 articles) from which ten bilateral
contracts are derived, each with the annex of its community pulled from the portfolio and
three signatories. Times the production of the DOCX and PDF files of the ten contracts
(document specification, rendering, atomic write), against producing those of one contract.
Prints:

    bench: agreements-10-contracts: <ms> ms (<ratio>x agreements-1-contract)

Wall-clock figures are medians of several runs; each run renders anew (no cached file).
"""

import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import line, median_ms, setup_django  # noqa: E402

DOMAINS = ["Développement économique", "Stratégie d'attractivité", "Déchets", "Agriculture et alimentation",
           "Tourisme", "Mobilité", "Énergie"]


def build():
    from entente.accounts.factories import UserFactory
    from entente.agreements import agreement_services, demo, signature_services, trunk_services
    from entente.cooperations.factories import CooperationFactory, PartnershipFactory
    from entente.portfolio import services as portfolio
    from entente.portfolio.financing_services import FinancingData, save_financing
    from entente.portfolio.structure_services import create_workstream
    from entente.territories.factories import OrganizationFactory, TerritoryFactory

    user = UserFactory()
    cooperation = CooperationFactory(name="Touraine (banc d'essai)", kind="contrat_reciprocite")
    epcis = []
    for index in range(11):
        territory = TerritoryFactory(kind="epci", epci_kind="METRO" if index == 0 else "CC",
                                     code=f"bench{index:04d}", name=f"EPCI {index} de Touraine",
                                     population=300000 if index == 0 else 12000 + 4111 * index)
        epcis.append(PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(
            local_authority=True, territory=territory)))
    state = PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(
        name="Préfecture (banc d'essai)", kind="etat"))
    for domain_index, domain in enumerate(DOMAINS):
        stream = create_workstream(cooperation=cooperation, title=domain)
        for number in range(3):
            action = portfolio.create_action(cooperation=cooperation, user=user, data=portfolio.ActionData(
                title=f"{domain} — action {number + 1}", workstream=stream, participants=epcis,
                lead=epcis[(domain_index + number) % 11], description="Action partagée par les onze EPCI."))
            if number == 0 and domain_index < 3:
                save_financing(action, data=FinancingData(
                    total=Decimal("120000"), key="population"))
    trunk = agreement_services.create_agreement(cooperation=cooperation, user=user, title="Accord collectif",
                                      kind="contrat_reciprocite", with_trunk=False, duration_months=36)
    for heading, body in demo.TOURAINE_TRUNK:
        agreement_services.add_article(agreement=trunk, title=heading, body=body)
    contracts = []
    for community in epcis[1:]:
        contract = trunk_services.derive_contract(trunk=trunk, partnership=community, user=user)
        signature_services.add_signatory(agreement=contract, organization=epcis[0].organization)
        signature_services.add_signatory(agreement=contract, organization=state.organization)
        contracts.append(contract)
    return contracts


def produce(contracts, folder: Path):
    from entente.agreements.documents import agreement_spec, render_docx, render_pdf, write_atomically

    for contract in contracts:
        spec = agreement_spec(contract)
        write_atomically(folder / f"contrat-{contract.pk}.docx", render_docx(spec))
        write_atomically(folder / f"contrat-{contract.pk}.pdf", render_pdf(spec))


def main():
    setup_django("sqlite")
    contracts = build()
    folder = Path(tempfile.mkdtemp(prefix="entente-bench-documents-"))
    one = median_ms(lambda: produce(contracts[:1], folder), runs=5)
    ten = median_ms(lambda: produce(contracts, folder), runs=3)
    line("agreements-10-contracts", ten, "ms", ten / one, "agreements-1-contract")


if __name__ == "__main__":
    main()
