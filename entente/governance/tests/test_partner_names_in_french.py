"""Partner names after "de" take their article: "Rang de la Loire", "Poids du Loiret"."""

import pytest

from entente.cooperations.factories import CooperationFactory, PartnershipFactory
from entente.governance import services
from entente.governance.forms import RotationForm, WeightsForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    cooperation = CooperationFactory()
    for name, tncc in [("Loire", 3), ("Loiret", 2), ("Indre-et-Loire", 1)]:
        PartnershipFactory(
            cooperation=cooperation, organization__name=name, organization__territory__name=name,
            organization__territory__tncc=tncc, organization__territory__kind="departement",
        )
    return services.create_body(cooperation=cooperation, name="Conférence", kind="conference")


def test_rotation_ranks_name_each_partner_with_its_article(body):
    fields = RotationForm(body=body).fields
    labels = sorted(field.label for name, field in fields.items() if name.startswith("position"))
    assert labels == ["Rang d'Indre-et-Loire", "Rang de la Loire", "Rang du Loiret"]


def test_weights_name_each_partner_with_its_article(body):
    labels = sorted(field.label for field in WeightsForm(body=body).fields.values())
    assert labels == ["Poids d'Indre-et-Loire", "Poids de la Loire", "Poids du Loiret"]
