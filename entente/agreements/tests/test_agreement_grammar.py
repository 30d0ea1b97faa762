"""Generated agreement text agrees with its nouns: "convention signée", "Engagements de la Loire"."""

import pytest

from entente.agreements.models import Agreement, AgreementKind, AgreementStatus
from entente.agreements.text import fill_placeholders


@pytest.mark.parametrize(
    ("kind", "status", "expected"),
    [
        (AgreementKind.CONVENTION, AgreementStatus.SIGNED, "Signée"),
        (AgreementKind.RECIPROCITY_CONTRACT, AgreementStatus.SIGNED, "Signé"),
        (AgreementKind.AMENDMENT, AgreementStatus.SIGNED, "Signé"),
        (AgreementKind.CONVENTION, AgreementStatus.DRAFT, "Brouillon"),
        (AgreementKind.CONVENTION, AgreementStatus.IN_SIGNATURE, "En signature"),
        (AgreementKind.CONVENTION, AgreementStatus.ADOPTED, "Adoptée"),
    ],
)
def test_the_status_agrees_with_the_kind_of_agreement(kind, status, expected):
    assert Agreement(kind=kind, status=status).status_label == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'intérêt de {{ partenaire }} dans la démarche", "l'intérêt de la Loire dans la démarche"),
        ("De {{ partenaire }}, les engagements", "De la Loire, les engagements"),
        ("{{ partenaire }} s'engage", "Loire s'engage"),
    ],
)
def test_a_partner_after_de_takes_its_article(text, expected):
    values = {"partenaire": "Loire", "partenaire_de": "de la Loire"}
    assert fill_placeholders(text, values) == expected


def test_without_a_de_form_the_text_is_filled_as_written():
    assert fill_placeholders("part de {{ partenaire }}", {"partenaire": "Tours"}) == "part de Tours"
