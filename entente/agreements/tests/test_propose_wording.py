"""Co-drafting: a member proposes a wording, the coordinator retains it, the history names who proposed it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.agreements import agreement_services, annex_services, comment_services, signature_services
from entente.agreements.models import Article, Comment
from entente.cooperations.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(two_partners, coordinator):
    cooperation, first, _second = two_partners
    agreement = agreement_services.create_agreement(
        cooperation=cooperation, user=coordinator, title="Convention de l'entente"
    )
    signature_services.add_signatory(agreement=agreement, organization=first.organization)
    return agreement


@pytest.fixture
def member(agreement):
    return MembershipFactory(
        cooperation=agreement.cooperation, role="membre", user__display_name="DGA Ressources, Département Aval"
    ).user


def url(name, agreement, *args):
    return reverse(f"agreements:{name}", args=[agreement.cooperation.slug, agreement.pk, *args])


def test_a_member_proposes_a_wording_and_the_coordinator_retains_it(client, agreement, member, coordinator):
    article = agreement.articles.get(title="Gouvernance")
    client.force_login(member)
    response = client.post(
        url("comment_add", agreement),
        {
            "target": f"article:{article.pk}",
            "body": "Nommer la conférence.",
            "proposed_body": "La conférence de l'entente pilote la coopération : {{ instances }}.",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.proposed_body.startswith("La conférence de l'entente")
    assert client.post(url("comment_apply", agreement, comment.pk)).status_code == 403

    client.force_login(coordinator)
    page = client.get(url("detail", agreement)).content.decode()
    assert "Retenir cette rédaction" in page and "<ins>" in page
    assert client.post(url("comment_apply", agreement, comment.pk)).status_code == 302

    article.refresh_from_db()
    comment.refresh_from_db()
    assert article.body == "La conférence de l'entente pilote la coopération : {{ instances }}."
    assert comment.applied_at is not None and comment.resolved_by == coordinator
    record = article.history.first()
    assert record.history_user == coordinator
    assert record.history_change_reason.startswith("Proposition de DGA Ressources, Département Aval retenue")
    history = client.get(url("history", agreement)).content.decode()
    assert "Proposition de DGA Ressources, Département Aval retenue" in history
    assert "Proposition de rédaction" in history  # the member's proposal itself, with its author


def test_a_proposal_on_an_annex_article_is_retained(agreement, member, coordinator, two_partners):
    annex = annex_services.add_annex(agreement=agreement, partnership=two_partners[1])
    annex_article = annex_services.add_annex_article(annex=annex, title="Engagement", body="Texte initial.")
    comment = comment_services.add_comment(
        user=member, body="", proposed_body="Engagement de {{ partenaire }}.", annex_article=annex_article
    )
    comment_services.apply_proposal(comment=comment, user=coordinator)
    annex_article.refresh_from_db()
    assert annex_article.body == "Engagement de {{ partenaire }}."
    assert comment.body == "Proposition de nouvelle rédaction."


def test_the_current_text_left_untouched_proposes_nothing(agreement, member):
    article = agreement.articles.first()
    comment = comment_services.add_comment(
        user=member, body="Une remarque.", proposed_body=article.body, article=article
    )
    assert comment.proposed_body == ""
    with pytest.raises(ValidationError, match="identique au texte actuel"):
        comment_services.add_comment(user=member, body="", proposed_body=article.body, article=article)


def test_a_proposal_with_an_unknown_placeholder_is_refused(agreement, member):
    with pytest.raises(ValidationError, match="Variable inconnue"):
        comment_services.add_comment(
            user=member, body="", proposed_body="Le {{ budget }}.", article=agreement.articles.first()
        )


def test_a_resolved_comment_cannot_be_retained(agreement, member, coordinator):
    comment = comment_services.add_comment(
        user=member, body="Autre texte.", proposed_body="Nouveau.", article=agreement.articles.first()
    )
    comment_services.resolve_comment(comment=comment, user=coordinator)
    with pytest.raises(ValidationError, match="déjà résolu"):
        comment_services.apply_proposal(comment=comment, user=coordinator)


def test_a_proposal_is_not_retained_once_the_text_is_in_signature(agreement, member, coordinator):
    article = agreement.articles.first()
    comment = comment_services.add_comment(user=member, body="", proposed_body="Nouveau.", article=article)
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    with pytest.raises(ValidationError, match="rédigez un avenant"):
        comment_services.apply_proposal(comment=comment, user=coordinator)
    assert Article.objects.get(pk=article.pk).body == article.body


def test_a_comment_without_text_nor_proposal_is_refused_in_french(client, agreement, member):
    client.force_login(member)
    response = client.post(
        url("comment_add", agreement),
        {"target": f"article:{agreement.articles.first().pk}", "body": "", "proposed_body": ""},
    )
    assert response.status_code == 400
    assert "Écrivez un commentaire ou proposez une nouvelle rédaction." in response.content.decode()


def test_the_api_retains_a_proposal(client, agreement, member, coordinator):
    article = agreement.articles.first()
    client.force_login(member)
    response = client.post(
        f"/api/v1/cooperations/{agreement.cooperation.slug}/agreements/{agreement.pk}/comments",
        {"article_id": article.pk, "proposed_body": "Rédaction par l'API."},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    comment_id = response.json()["id"]
    client.force_login(coordinator)
    response = client.post(
        f"/api/v1/cooperations/{agreement.cooperation.slug}/agreements/{agreement.pk}/comments/{comment_id}/apply"
    )
    assert response.status_code == 200
    assert response.json()["applied_at"]
    assert Article.objects.get(pk=article.pk).body == "Rédaction par l'API."


def test_the_history_names_who_resolved_a_comment(client, agreement, member, coordinator):
    comment = comment_services.add_comment(user=member, body="Une remarque.", article=agreement.articles.first())
    client.force_login(coordinator)
    client.post(url("comment_resolve", agreement, comment.pk))
    history = client.get(url("history", agreement)).content.decode()
    assert "Résolu par" in history and coordinator.public_name in history
