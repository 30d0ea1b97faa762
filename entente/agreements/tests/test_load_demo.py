"""The demo: ten Touraine contracts from one trunk, the CODIRI convention, the Loire × Haute-Loire
convention of 24 October 2019 and the Erdre et Gesvres charter — loaded once, even when run twice."""

import datetime

import pytest

from entente.agreements import demo
from entente.agreements.charter_models import Charter, CharterVersionStatus
from entente.agreements.models import Agreement, AgreementStatus
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.cooperations.models import TimelineStep
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

TOURAINE_CC = [
    "200043065",
    "200043081",
    "200071587",
    "200072650",
    "200072668",
    "200072981",
    "200073161",
    "200073237",
    "243700499",
    "243700820",
]


def collectivity(cooperation, kind, code, name):
    territory = TerritoryFactory(kind=kind, code=code, name=name, epci_kind="CC" if kind == "epci" else "")
    return PartnershipFactory(
        cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
    )


@pytest.fixture
def demo_spaces(db):
    from entente.accounts.factories import UserFactory

    touraine = CooperationFactory(slug="touraine-contrats-de-reciprocite")
    collectivity(touraine, "epci", demo.METROPOLE, "Tours Métropole Val de Loire")
    for index, code in enumerate(TOURAINE_CC):
        collectivity(touraine, "epci", code, f"Communauté de communes {index + 1}")
    PartnershipFactory(cooperation=touraine, organization=OrganizationFactory(name="Préfecture", kind="etat"))
    TimelineStep.objects.create(
        cooperation=touraine,
        date=datetime.date(2019, 2, 1),
        title="Signature des neuf premiers contrats de réciprocité",
    )
    TimelineStep.objects.create(
        cooperation=touraine,
        date=datetime.date(2019, 6, 3),
        title="Signature du dixième contrat, quelques mois plus tard",
    )
    codiri = CooperationFactory(slug="piloter-ensemble-37-41")
    collectivity(codiri, "departement", "37", "Indre-et-Loire")
    collectivity(codiri, "departement", "41", "Loir-et-Cher")
    TimelineStep.objects.create(
        cooperation=codiri,
        date=datetime.date(2020, 6, 1),
        title="Signature de la convention technique et installation du CODIRI",
    )
    loire = CooperationFactory(slug="entente-loire-haute-loire")
    collectivity(loire, "departement", "42", "Loire")
    collectivity(loire, "departement", "43", "Haute-Loire")
    codir = CooperationFactory(slug="codir-erdre-et-gesvres")
    collectivity(codir, "epci", "244400503", "CC d'Erdre et Gesvres")
    for role in ("coordinateur", "membre", "contributeur"):
        MembershipFactory(cooperation=codir, role=role, user=UserFactory(email=f"{role}@demo.entente.fr"))
    return touraine, codiri, loire, codir


def test_ten_touraine_contracts_share_one_trunk(demo_spaces):
    touraine = demo_spaces[0]
    demo.load()
    contracts = Agreement.objects.filter(cooperation=touraine, title__startswith="Contrat de réciprocité")
    assert contracts.count() == 10
    assert contracts.filter(status=AgreementStatus.SIGNED, signed_on=datetime.date(2019, 2, 1)).count() == 9
    assert contracts.filter(status=AgreementStatus.SIGNED, signed_on=datetime.date(2019, 6, 3)).count() == 1
    assert Agreement.objects.get(title__startswith="Accord collectif").status == AgreementStatus.ADOPTED
    trunk_titles = [a.title for a in Agreement.objects.get(title__startswith="Accord collectif").articles.all()]
    for contract in contracts:
        assert [a.title for a in contract.articles.all()] == trunk_titles
        annex = contract.annexes.get()
        assert annex.partnership.organization.name in contract.title
        assert contract.signatories.count() == 3
        assert contract.signatories.filter(organization__kind="etat").exists()


def test_conventions_of_37_41_and_loire_haute_loire(demo_spaces):
    _touraine, codiri, loire, _codir = demo_spaces
    demo.load()
    convention = Agreement.objects.get(cooperation=codiri)
    assert "CODIRI" in " ".join(a.title for a in convention.articles.all())
    assert convention.status == AgreementStatus.SIGNED
    entente = Agreement.objects.get(cooperation=loire)
    assert entente.signed_on == datetime.date(2019, 10, 24)
    assert entente.annexes.count() == 2


def test_erdre_et_gesvres_charter_is_in_force_and_adopted(demo_spaces):
    codir = demo_spaces[3]
    demo.load()
    charter = Charter.objects.get(cooperation=codir)
    version = charter.versions.get(status=CharterVersionStatus.PUBLISHED)
    titles = [s.title for s in version.sections.all()]
    assert "Qui vient ?" in titles and "Parité de parole" in titles and "Règles de co-pilotage" in titles
    assert version.adoptions.count() == 3
    assert list(charter.bodies.values_list("name", flat=True)) == ["CoDir de territoire"]


def test_the_loire_convention_prints_its_signature_of_24_october_2019(demo_spaces, settings, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    from entente.agreements.documents import agreement_document

    settings.MEDIA_ROOT = tmp_path
    demo.load()
    entente = Agreement.objects.get(cooperation=demo_spaces[2])
    docx = Document(str(agreement_document(entente, "docx")))
    signatures = " ".join(cell.text for row in docx.tables[0].rows for cell in row.cells)
    assert "24 octobre 2019" in signatures and "Le Président du Département de la Haute-Loire" in signatures
    pdf = " ".join(page.extract_text() for page in PdfReader(str(agreement_document(entente, "pdf"))).pages)
    assert "24 octobre 2019" in pdf and "Conférence de l’entente" in pdf
    assert "5411-1" in pdf and "ententes interdépartementales" in " ".join(pdf.split())


def test_loading_twice_adds_nothing(demo_spaces):
    demo.load()
    counts = (Agreement.objects.count(), Charter.objects.count())
    demo.load()
    assert (Agreement.objects.count(), Charter.objects.count()) == counts
