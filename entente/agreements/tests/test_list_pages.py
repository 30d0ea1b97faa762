"""The list and the detail pages read a bounded number of queries, whatever the number of texts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entente.agreements import (
    agreement_services,
    annex_services,
    charter_services,
    comment_services,
    signature_services,
)

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_the_list_query_count_does_not_grow_with_agreements(client, two_partners, coordinator):
    cooperation = two_partners[0]
    client.force_login(coordinator)
    url = reverse("agreements:list", args=[cooperation.slug])
    agreement_services.create_agreement(cooperation=cooperation, user=coordinator, title="Première")
    charter_services.create_charter(cooperation=cooperation, user=coordinator, kind="contrat_moral", title="Contrat")
    few = count_queries(client, url)
    for number in range(6):
        agreement_services.create_agreement(cooperation=cooperation, user=coordinator, title=f"Convention {number}")
        charter_services.create_charter(
            cooperation=cooperation, user=coordinator, kind="contrat_moral", title=f"C {number}"
        )
    assert count_queries(client, url) == few


def test_the_detail_query_count_does_not_grow_with_annexes_and_comments(client, two_partners, coordinator):
    cooperation, first, second = two_partners
    agreement = agreement_services.create_agreement(cooperation=cooperation, user=coordinator, title="Convention")
    annex_services.generate_annexes(agreement=agreement, partnerships=[first])
    client.force_login(coordinator)
    url = agreement.get_absolute_url()
    few = count_queries(client, url)
    annex_services.generate_annexes(agreement=agreement, partnerships=[second])
    for article in agreement.articles.all():
        comment_services.add_comment(user=coordinator, body="Remarque.", article=article)
    signature_services.add_signatory(agreement=agreement, organization=first.organization)
    signature_services.add_signatory(agreement=agreement, organization=second.organization)
    assert count_queries(client, url) <= few + 2


def test_the_trunk_names_the_cooperation_bodies(two_partners, coordinator, settings, tmp_path):
    from docx import Document

    from entente.agreements.documents import agreement_document
    from entente.governance.body_models import Body

    settings.MEDIA_ROOT = tmp_path
    cooperation = two_partners[0]
    Body.objects.create(cooperation=cooperation, name="Conférence de l'entente", kind="conference_entente")
    agreement = agreement_services.create_agreement(cooperation=cooperation, user=coordinator, title="Convention")
    text = "\n".join(p.text for p in Document(str(agreement_document(agreement, "docx"))).paragraphs)
    assert "instances suivantes\u00a0: Conférence de l’entente." in text
