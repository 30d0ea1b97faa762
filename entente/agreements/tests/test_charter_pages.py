"""The charter pages: editor by headings, publication, adoption by members, comparison."""

import pytest
from django.urls import reverse

from entente.agreements.charter_models import Charter, CharterAdoption, CharterVersionStatus
from entente.cooperations.factories import CooperationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cooperation(db):
    return CooperationFactory()


@pytest.fixture
def coordinator(cooperation):
    return MembershipFactory(cooperation=cooperation, role="coordinateur").user


def charter_url(charter, name="charter_detail", *args):
    return reverse(f"agreements:{name}", args=[charter.cooperation.slug, charter.pk, *args])


def test_a_coordinator_drafts_publishes_and_members_adopt(client, cooperation, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("agreements:charter_create", args=[cooperation.slug]),
        {"kind": "charte_fonctionnement", "title": "Charte du CoDir", "with_presets": "on"},
    )
    charter = Charter.objects.get()
    assert response.status_code == 302
    section = charter.versions.get().sections.get(code="frequence")
    client.post(
        charter_url(charter, "section_edit", section.pk),
        {"title": "Quelle fréquence ?", "body": "Avant chaque conseil communautaire.", "position": 2},
    )
    client.post(charter_url(charter, "section_add"), {"title": "Vis ma vie", "body": "Échanges de postes."})
    assert client.post(charter_url(charter, "charter_publish")).status_code == 302
    version = charter.versions.get()
    assert version.status == CharterVersionStatus.PUBLISHED
    member = MembershipFactory(cooperation=cooperation, role="membre").user
    client.force_login(member)
    page = client.get(charter_url(charter)).content.decode()
    assert "adopte la version 1" in page
    assert "Avant chaque conseil communautaire." in page and "Vis ma vie" in page
    assert client.post(charter_url(charter, "charter_adopt")).status_code == 302
    assert CharterAdoption.objects.get().user == member
    page = client.get(charter_url(charter)).content.decode()
    assert "adopte la version 1<" not in page and member.public_name in page


def test_the_charter_page_keeps_the_space_navigation(client, cooperation, coordinator):
    from entente.agreements import charter_services

    charter = charter_services.create_charter(cooperation=cooperation, user=None, kind="contrat_moral", title="Contrat")
    client.force_login(coordinator)
    page = client.get(charter_url(charter)).content.decode()
    assert "Rubriques de la coopération" in page and "Chartes et conventions" in page
    assert "<h2>Contrat moral</h2>" in page


def test_a_published_section_cannot_be_edited(client, cooperation, coordinator):
    from entente.agreements import charter_services

    charter = charter_services.create_charter(cooperation=cooperation, user=None, kind="contrat_moral", title="Contrat")
    version = charter_services.publish_charter_version(version=charter.versions.get())
    client.force_login(coordinator)
    response = client.get(charter_url(charter, "section_edit", version.sections.first().pk))
    assert response.status_code == 400
    assert "Ouvrez une nouvelle version" in response.content.decode()


def test_versions_are_compared_section_by_section(client, cooperation, coordinator):
    from entente.agreements import charter_services

    charter = charter_services.create_charter(cooperation=cooperation, user=None, kind="contrat_moral", title="Contrat")
    charter_services.publish_charter_version(version=charter.versions.get())
    draft = charter_services.open_charter_draft(charter=charter, user=coordinator)
    rule = draft.sections.get(code="respect")
    charter_services.update_charter_section(section=rule, title=rule.title, body="Chacun respecte la parole de tous.")
    charter_services.publish_charter_version(version=draft)
    client.force_login(coordinator)
    page = client.get(charter_url(charter, "charter_diff"), {"de": 1, "a": 2}).content.decode()
    assert "<ins>" in page and "Respect de la parole et de la personne" in page
