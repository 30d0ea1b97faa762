"""The charter editor starts from the seed's headings and moral-contract rules, and can take any of them back."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.agreements import charter_services, presets
from entente.agreements.charter_models import Charter, CharterKind, SectionKind
from entente.cooperations.factories import CooperationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

SEED_HEADINGS = [
    "Qui vient ?",
    "Quelle fréquence ?",
    "Quels lieux ?",
    "Compte rendu et relevé de décisions",
    "Structure et animation des réunions",
    "Circulation de l'information",
    "Règles de co-pilotage",
]
SEED_RULES = [
    "Parité de parole",
    "Droit au désaccord",
    "Droit de se mêler, avec bienveillance et réciprocité",
    "Pouvoir d'amendement",
    "Respect de la parole et de la personne",
]


@pytest.fixture
def cooperation(db):
    return CooperationFactory()


def test_a_charter_of_functioning_holds_the_seed_headings_and_the_moral_contract(cooperation):
    charter = charter_services.create_charter(
        cooperation=cooperation,
        user=None,
        kind=CharterKind.FUNCTIONING,
        title="Charte et contrat moral",
        with_moral_rules=True,
    )
    sections = list(charter.versions.get().sections.all())
    assert [s.title for s in sections if s.kind == SectionKind.HEADING] == SEED_HEADINGS
    assert [s.title for s in sections if s.kind == SectionKind.MORAL_RULE] == SEED_RULES
    assert [s.position for s in sections] == list(range(1, len(sections) + 1))


def test_a_moral_contract_holds_the_five_rules(cooperation):
    charter = charter_services.create_charter(
        cooperation=cooperation, user=None, kind=CharterKind.MORAL_CONTRACT, title="Contrat moral"
    )
    sections = list(charter.versions.get().sections.all())
    assert [s.title for s in sections] == SEED_RULES
    assert [s.code for s in sections] == [
        "parite_parole",
        "droit_desaccord",
        "droit_se_meler",
        "pouvoir_amendement",
        "respect",
    ]
    assert {s.kind for s in sections} == {SectionKind.MORAL_RULE}


def test_a_charter_of_functioning_alone_holds_only_the_seed_headings(cooperation):
    charter = charter_services.create_charter(
        cooperation=cooperation, user=None, kind=CharterKind.FUNCTIONING, title="Charte du collectif"
    )
    assert [s.title for s in charter.versions.get().sections.all()] == SEED_HEADINGS


def test_a_removed_heading_is_taken_back_from_the_presets(client, cooperation):
    coordinator = MembershipFactory(cooperation=cooperation, role="coordinateur").user
    client.force_login(coordinator)
    client.post(
        reverse("agreements:charter_create", args=[cooperation.slug]),
        {"kind": "charte_fonctionnement", "title": "Charte du CoDir", "with_presets": "on"},
    )
    charter = Charter.objects.get()
    version = charter.versions.get()
    assert not version.sections.filter(kind=SectionKind.MORAL_RULE).exists()  # box left unticked
    lieux = version.sections.get(code="lieux")
    charter_services.delete_charter_section(section=lieux)
    page = client.get(charter.get_absolute_url()).content.decode()
    assert "Reprendre une rubrique type" in page and "Quels lieux ?" in page
    url = reverse("agreements:section_preset_add", args=[cooperation.slug, charter.pk])
    assert client.post(url, {"code": "lieux"}).status_code == 302
    assert version.sections.get(code="lieux").kind == SectionKind.HEADING
    response = client.post(url, {"code": "lieux"})
    assert response.status_code == 400
    assert "figure déjà dans cette version" in response.content.decode()
    assert client.post(url, {"code": "inconnue"}).status_code == 400


def test_presets_are_not_added_to_a_charter_in_force(cooperation):
    charter = charter_services.create_charter(
        cooperation=cooperation, user=None, kind=CharterKind.MORAL_CONTRACT, title="Contrat moral"
    )
    version = charter_services.publish_charter_version(version=charter.versions.get())
    with pytest.raises(ValidationError, match="n'est plus un brouillon"):
        charter_services.add_preset_section(version=version, code="qui_vient")


def test_every_preset_code_is_known():
    for code, _title, _body in presets.CHARTER_HEADINGS + presets.MORAL_RULES:
        assert presets.charter_preset(code)[0] == code
    assert presets.charter_preset("inconnue") is None
