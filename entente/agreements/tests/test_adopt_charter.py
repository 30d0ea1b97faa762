"""Charters: presets from the seeds, frozen versions, adoption by members, one per version."""

import pytest
from django.core.exceptions import ValidationError

from entente.accounts.factories import UserFactory
from entente.agreements import charter_services
from entente.agreements.charter_models import CharterAdoption, CharterKind, CharterVersionStatus, SectionKind
from entente.cooperations.factories import CooperationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cooperation(db):
    return CooperationFactory()


@pytest.fixture
def member(cooperation):
    return MembershipFactory(cooperation=cooperation, role="membre").user


@pytest.fixture
def charter(cooperation, member):
    return charter_services.create_charter(
        cooperation=cooperation, user=member, kind=CharterKind.FUNCTIONING, title="Charte du collectif"
    )


def test_free_additions_join_the_draft(charter):
    section = charter_services.add_charter_section(version=charter.versions.get(), title="Vis ma vie")
    assert section.kind == SectionKind.FREE and section.position == 8


def test_a_published_version_is_frozen(charter):
    version = charter_services.publish_charter_version(version=charter.versions.get())
    with pytest.raises(ValidationError, match="n'est plus un brouillon"):
        charter_services.add_charter_section(version=version, title="Ajout")
    with pytest.raises(ValidationError, match="n'est plus un brouillon"):
        charter_services.update_charter_section(section=version.sections.first(), title="Autre", body="")


def test_a_new_version_supersedes_the_previous_one(charter, member):
    first = charter_services.publish_charter_version(version=charter.versions.get())
    draft = charter_services.open_charter_draft(charter=charter, user=member)
    assert draft.number == 2 and draft.sections.count() == first.sections.count()
    charter_services.publish_charter_version(version=draft)
    first.refresh_from_db()
    assert first.status == CharterVersionStatus.SUPERSEDED


def test_members_adopt_the_version_in_force_once(charter, member):
    version = charter_services.publish_charter_version(version=charter.versions.get())
    adoption = charter_services.adopt_charter(version=version, user=member)
    assert adoption.adopted_on is not None
    with pytest.raises(ValidationError, match="déjà adopté la version 1"):
        charter_services.adopt_charter(version=version, user=member)
    assert CharterAdoption.objects.count() == 1


def test_adoption_records_who_adopted_which_version(charter, member, cooperation):
    other = MembershipFactory(cooperation=cooperation, role="coordinateur").user
    first = charter_services.publish_charter_version(version=charter.versions.get())
    charter_services.adopt_charter(version=first, user=member)
    second = charter_services.publish_charter_version(
        version=charter_services.open_charter_draft(charter=charter, user=other)
    )
    charter_services.adopt_charter(version=second, user=other)
    assert list(first.adoptions.values_list("user", flat=True)) == [member.pk]
    assert list(second.adoptions.values_list("user", flat=True)) == [other.pk]


def test_a_draft_cannot_be_adopted(charter, member):
    with pytest.raises(ValidationError, match="Seule la version en vigueur"):
        charter_services.adopt_charter(version=charter.versions.get(), user=member)


def test_an_outsider_cannot_adopt(charter):
    version = charter_services.publish_charter_version(version=charter.versions.get())
    with pytest.raises(ValidationError, match="Seuls les membres"):
        charter_services.adopt_charter(version=version, user=UserFactory())


def test_a_charter_governs_bodies_of_its_own_cooperation_only(charter, cooperation):
    from entente.governance.body_models import Body

    own = Body.objects.create(cooperation=cooperation, name="CoDir", kind="collectif_directeurs")
    foreign = Body.objects.create(cooperation=CooperationFactory(), name="CODIRI", kind="codiri")
    charter_services.set_charter_bodies(charter=charter, bodies=[own])
    assert list(charter.bodies.all()) == [own]
    with pytest.raises(ValidationError, match="sa propre coopération"):
        charter_services.set_charter_bodies(charter=charter, bodies=[foreign])


def test_charter_documents_reopen_with_sections_and_adoptions(charter, member, settings, tmp_path):
    from docx import Document
    from pypdf import PdfReader

    from entente.agreements.documents import charter_document

    settings.MEDIA_ROOT = tmp_path
    version = charter_services.publish_charter_version(version=charter.versions.get())
    charter_services.adopt_charter(version=version, user=member)
    docx = Document(str(charter_document(version, "docx")))
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "1. Qui vient\u202f?" in text
    assert member.public_name in " ".join(cell.text for row in docx.tables[0].rows for cell in row.cells)
    pdf = " ".join(page.extract_text() for page in PdfReader(str(charter_document(version, "pdf"))).pages)
    assert "Règles de co-pilotage" in pdf and "Adoptions" in pdf


def test_an_adoption_cannot_be_dated_in_the_future(charter, member):
    import datetime

    from django.utils import timezone

    version = charter_services.publish_charter_version(version=charter.versions.get())
    with pytest.raises(ValidationError, match="dans le futur"):
        charter_services.adopt_charter(
            version=version, user=member, adopted_on=timezone.localdate() + datetime.timedelta(days=1)
        )
