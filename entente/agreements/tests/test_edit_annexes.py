"""Annexes pulled from the portfolio stay editable: rewritten clauses survive a refresh, clauses can be removed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.agreements import agreement_services, annex_services, signature_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def annex(two_partners, coordinator):
    cooperation, first, _second = two_partners
    agreement = agreement_services.create_agreement(cooperation=cooperation, user=coordinator, title="Convention")
    return annex_services.generate_annexes(agreement=agreement, partnerships=[first])[0]


def test_a_rewritten_portfolio_clause_survives_a_refresh(annex):
    navette = annex.articles.get(source_action="Navette des collèges de l'amont")
    annex_services.update_annex_article(annex_article=navette, title=navette.title, body="Rédaction négociée.")
    navette.refresh_from_db()
    assert navette.edited
    annex_services.fill_annex_from_portfolio(annex=annex)
    titles = list(annex.articles.values_list("title", flat=True))
    assert titles.count("Navette des collèges de l'amont") == 1
    assert annex.articles.get(pk=navette.pk).body == "Rédaction négociée."
    assert "Schéma commun des pistes cyclables" in titles


def test_an_untouched_portfolio_clause_is_refreshed(annex):
    pistes = annex.articles.get(source_action="Schéma commun des pistes cyclables")
    annex_services.update_annex_article(annex_article=pistes, title=pistes.title, body=pistes.body)
    annex_services.fill_annex_from_portfolio(annex=annex)
    assert not annex.articles.filter(pk=pistes.pk).exists()  # replaced by a fresh copy
    assert annex.articles.filter(source_action="Schéma commun des pistes cyclables").count() == 1


def test_a_clause_is_removed_from_the_annex_page(client, annex, coordinator):
    article = annex.articles.first()
    agreement = annex.agreement
    client.force_login(coordinator)
    response = client.post(
        reverse(
            "agreements:annex_article_delete", args=[agreement.cooperation.slug, agreement.pk, annex.pk, article.pk]
        )
    )
    assert response.status_code == 302
    assert not annex.articles.filter(pk=article.pk).exists()


def test_no_clause_is_removed_once_the_text_is_submitted(annex, coordinator, two_partners):
    agreement = annex.agreement
    signature_services.add_signatory(agreement=agreement, organization=two_partners[1].organization)
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    with pytest.raises(ValidationError, match="rédigez un avenant"):
        annex_services.delete_annex_article(annex_article=annex.articles.first())


def test_the_annex_closes_with_the_partner_financial_summary(annex):
    recap = annex.articles.get(title="Récapitulatif des participations financières")
    assert "Navette des collèges de l'amont : 10\u00a0000,00\u00a0€ ;" in recap.body
    assert "Soit une participation totale de 12\u00a0500,00\u00a0€." in recap.body
    assert "covoiturage" not in recap.body
    assert recap.position == annex.articles.order_by("-position").first().position
    annex_services.fill_annex_from_portfolio(annex=annex)
    assert annex.articles.filter(title="Récapitulatif des participations financières").count() == 1
