"""Versions freeze the whole text; the diff reads article by article, words struck and inserted."""

import pytest

from entente.agreements import agreement_services, annex_services, signature_services
from entente.agreements.diff import ADDED, CHANGED, REMOVED, UNCHANGED, diff_contents, word_diff

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(two_partners, coordinator):
    cooperation, _first, _second = two_partners
    return agreement_services.create_agreement(cooperation=cooperation, user=coordinator, title="Convention")


def test_versions_are_numbered_and_frozen(agreement, coordinator):
    first = agreement_services.save_version(agreement=agreement, user=coordinator, note="Premier jet")
    article = agreement.articles.get(title="Objet")
    agreement_services.update_article(article=article, title="Objet", body="Un autre objet.")
    second = agreement_services.save_version(agreement=agreement, user=coordinator)
    first.refresh_from_db()
    assert (first.number, second.number) == (1, 2)
    assert first.content["articles"][0]["body"].startswith("La présente convention organise")
    assert second.content["articles"][0]["body"] == "Un autre objet."
    assert first.created_by == coordinator


def test_a_version_freezes_annexes_and_placeholder_values(agreement, coordinator):
    annex_services.generate_annexes(agreement=agreement)
    version = agreement_services.save_version(agreement=agreement, user=coordinator)
    partners = {annex["partner"] for annex in version.content["annexes"]}
    assert partners == {"Département Amont", "Département Aval"}
    assert version.content["values"]["partenaires"] == "Département Amont et Département Aval"


def test_the_diff_shows_changed_added_and_removed_articles(agreement, coordinator):
    old = agreement_services.save_version(agreement=agreement, user=coordinator).content
    agreement_services.update_article(
        article=agreement.articles.get(title="Gouvernance"),
        title="Gouvernance",
        body="La conférence de l'entente pilote la coopération.",
    )
    agreement_services.delete_article(article=agreement.articles.get(title="Modification"))
    agreement_services.add_article(
        agreement=agreement, title="Communication", body="Les parties communiquent ensemble."
    )
    new = agreement_services.save_version(agreement=agreement, user=coordinator).content
    blocks = {block.label.split(" — ")[-1]: block for block in diff_contents(old, new)}
    assert blocks["Gouvernance"].status == CHANGED
    assert "<ins>" in blocks["Gouvernance"].html and "<del>" in blocks["Gouvernance"].html
    assert blocks["Modification"].status == REMOVED
    assert blocks["Communication"].status == ADDED
    assert blocks["Objet"].status == UNCHANGED


def test_word_diff_marks_words_and_escapes_html():
    html = word_diff("Le comité se réunit deux fois par an.", "Le <b>comité</b> se réunit trois fois par an.")
    assert "<del>deux</del>" in html and "<ins>trois</ins>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html


def test_the_diff_follows_each_annex_by_partner(agreement, coordinator):
    annex_services.generate_annexes(agreement=agreement)
    old = agreement_services.save_version(agreement=agreement, user=coordinator).content
    annex = agreement.annexes.get(partnership__organization__name="Département Aval")
    annex_services.add_annex_article(annex=annex, title="Référent", body="Un référent est désigné.")
    new = agreement_services.save_version(agreement=agreement, user=coordinator).content
    changed = [block for block in diff_contents(old, new) if block.changed]
    assert [(block.part, block.status) for block in changed] == [("Annexe — Département Aval", ADDED)]


def test_the_text_in_draft_is_compared_with_the_last_version(client, agreement, coordinator):
    from django.urls import reverse

    agreement_services.save_version(agreement=agreement, user=coordinator)
    article = agreement.articles.get(title="Objet")
    agreement_services.update_article(article=article, title="Objet", body="Un objet tout neuf.")
    client.force_login(coordinator)
    url = reverse("agreements:versions", args=[agreement.cooperation.slug, agreement.pk])
    page = client.get(url).content.decode()
    assert "Voir ce qui a changé dans le texte en cours depuis la version 1" in page
    response = client.get(url, {"de": 1, "a": 0})
    assert response.status_code == 200
    content = response.content.decode()
    assert "1 modifié(s)" in content and "<ins>neuf</ins>" in content


def test_visitors_cannot_compare_with_a_draft(client, agreement, coordinator):
    from django.urls import reverse

    signature_services.add_signatory(
        agreement=agreement, organization=agreement.cooperation.partnerships.first().organization
    )
    agreement_services.submit_for_signature(agreement=agreement, user=coordinator)
    client.force_login(coordinator)
    url = reverse("agreements:versions", args=[agreement.cooperation.slug, agreement.pk])
    assert client.get(url, {"de": 1, "a": 0}).status_code == 400  # no draft once submitted
