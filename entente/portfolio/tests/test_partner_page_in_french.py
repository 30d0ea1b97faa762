"""A partner's actions page names it with its article: "Actions de la Loire"."""

import pytest

from entente.cooperations.factories import CooperationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_the_partner_page_names_the_partner_with_its_article(client):
    partnership = PartnershipFactory(
        cooperation=CooperationFactory(public=True), organization__name="Loire", organization__territory__name="Loire",
        organization__territory__tncc=3, organization__territory__kind="departement",
    )
    response = client.get(f"/organisations/{partnership.organization_id}/actions/")
    content = response.content.decode()
    assert response.context["title"] == "Actions de la Loire"
    assert "<h1>Actions de la Loire</h1>" in content
    assert "<caption>Engagements de la Loire</caption>" in content
