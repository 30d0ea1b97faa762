"""Partner names after "de" take their article ("Rang de la Loire"); population weights name their year."""

import pytest

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.governance import body_services
from entente.governance.body_forms import RotationForm, WeightsForm
from entente.territories.models import Territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    cooperation = CooperationFactory()
    for name, tncc in [("Loire", 3), ("Loiret", 2), ("Indre-et-Loire", 1)]:
        PartnershipFactory(
            cooperation=cooperation, organization__name=name, organization__territory__name=name,
            organization__territory__tncc=tncc, organization__territory__kind="departement",
        )
    return body_services.create_body(cooperation=cooperation, name="Conférence", kind="conference")


def test_rotation_ranks_name_each_partner_with_its_article(body):
    fields = RotationForm(body=body).fields
    labels = sorted(field.label for name, field in fields.items() if name.startswith("position"))
    assert labels == ["Rang d'Indre-et-Loire", "Rang de la Loire", "Rang du Loiret"]


def test_weights_name_each_partner_with_its_article(body):
    labels = sorted(field.label for field in WeightsForm(body=body).fields.values())
    assert labels == ["Poids d'Indre-et-Loire", "Poids de la Loire", "Poids du Loiret"]


def test_a_body_voting_by_population_names_the_year_of_the_populations(client, body):
    Territory.objects.update(population_year=2023)
    body_services.update_body(body, voting_mode="par_partenaire", weighting="population")
    user = UserFactory()
    MembershipFactory(cooperation=body.cooperation, user=user, role="coordinateur")
    client.force_login(user)
    content = client.get(f"/cooperations/{body.cooperation.slug}/gouvernance/instances/{body.pk}/").content.decode()
    assert "pondération par la population du partenaire (population municipale, populations légales 2023)" in content
