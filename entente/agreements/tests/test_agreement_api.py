"""The API reads agreements and charters, coordinators write, refusals answer in French."""

import datetime

import pytest
from django.utils import timezone

from entente.agreements import agreement_services, charter_services
from entente.cooperations.factories import MembershipFactory
from entente.territories.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def base(agreement):
    return f"/api/v1/cooperations/{agreement.cooperation.slug}/agreements"


def test_a_coordinator_creates_an_agreement_with_the_standard_trunk(client, two_partners, coordinator):
    cooperation = two_partners[0]
    client.force_login(coordinator)
    response = client.post(
        f"/api/v1/cooperations/{cooperation.slug}/agreements",
        {"title": "Convention créée", "duration_months": 36},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert [a["title"] for a in response.json()["articles"]][:3] == ["Objet", "Engagements des parties", "Gouvernance"]


def test_an_amendment_cannot_be_created_directly(client, two_partners, coordinator):
    client.force_login(coordinator)
    response = client.post(
        f"/api/v1/cooperations/{two_partners[0].slug}/agreements",
        {"title": "Avenant", "kind": "avenant"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "un avenant se crée depuis la convention signée" in response.json()["detail"]


def test_a_signature_by_a_stranger_is_refused_in_french(client, agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    stranger = OrganizationFactory(name="Cabinet d'études")
    client.force_login(coordinator)
    response = client.post(
        f"{base(agreement)}/{agreement.pk}/signatures",
        {"organization_id": stranger.pk, "signed_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("« Cabinet d'études » n'est ni partenaire de la coopération")


def test_a_signature_before_the_version_is_refused_in_french(client, agreement, coordinator):
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    client.force_login(coordinator)
    response = client.post(
        f"{base(agreement)}/{agreement.pk}/signatures",
        {
            "organization_id": agreement.signatories.first().organization_id,
            "signed_on": "2019-10-24",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "précède la version 1 qu'elle signe" in response.json()["detail"]


def test_the_diff_lists_changed_articles(client, agreement, coordinator):
    agreement_services.save_version(agreement=agreement, user=coordinator)
    agreement_services.update_article(article=agreement.articles.get(title="Durée"), title="Durée", body="Trois ans.")
    agreement_services.save_version(agreement=agreement, user=coordinator)
    client.force_login(coordinator)
    response = client.get(f"{base(agreement)}/{agreement.pk}/diff", {"from_version": 1, "to_version": 2})
    assert response.status_code == 200
    assert [(d["label"], d["status"]) for d in response.json()] == [("Article 4 — Durée", "modifié")]
    missing = client.get(f"{base(agreement)}/{agreement.pk}/diff", {"from_version": 1, "to_version": 9})
    assert missing.status_code == 404 and missing.json()["detail"]


def test_anonymous_visitors_of_a_public_cooperation_do_not_list_drafts(client, agreement):
    agreement.cooperation.visibility = "public"
    agreement.cooperation.save()
    assert client.get(base(agreement)).json() == {"items": [], "count": 0}
    assert client.get(f"{base(agreement)}/{agreement.pk}").status_code == 404


def test_members_adopt_a_charter_through_the_api(client, agreement):
    cooperation = agreement.cooperation
    member = MembershipFactory(cooperation=cooperation, role="membre").user
    charter = charter_services.create_charter(cooperation=cooperation, user=None, kind="contrat_moral", title="Contrat")
    charter_services.publish_charter_version(version=charter.versions.get())
    client.force_login(member)
    url = f"/api/v1/cooperations/{cooperation.slug}/charters/{charter.pk}/adoptions"
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 201 and response.json()["adopted_on"] == timezone.localdate().isoformat()
    again = client.post(url, {}, content_type="application/json")
    assert again.status_code == 400 and "déjà adopté" in again.json()["detail"]


def test_the_list_costs_a_constant_number_of_queries(client, agreement, coordinator, django_assert_max_num_queries):
    for number in range(5):
        agreement_services.create_agreement(
            cooperation=agreement.cooperation,
            user=coordinator,
            title=f"Autre {number}",
            starts_on=datetime.date(2020, 1, 1),
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(base(agreement))
    assert response.json()["count"] == 6
