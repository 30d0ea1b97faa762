"""Contracts declined from one trunk (the Touraine pattern) remember it and take its later changes while drafts."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from entente.agreements import agreement_services, trunk_services

pytestmark = pytest.mark.django_db


def test_a_declined_contract_knows_its_trunk(trunk, contracts):
    assert [c.derived_from for c in contracts] == [trunk, trunk]
    assert not any(trunk_services.trunk_differs(c) for c in contracts)


def test_a_trunk_change_is_carried_over_to_drafts_only(trunk, contracts, coordinator, two_partners):
    # A contract sent to signature before trunks had to be adopted first (older data) keeps its text.
    signed = contracts[1]
    signed.__class__.objects.filter(pk=signed.pk).update(status="en_signature")
    article = trunk.articles.get(title="Gouvernance")
    agreement_services.update_article(article=article, title="Gouvernance", body="La Conférence des Présidents pilote.")
    assert trunk_services.trunk_differs(contracts[0])

    updated, skipped = trunk_services.propagate_trunk(trunk=trunk)

    assert updated == [contracts[0]] and skipped == [signed]
    assert contracts[0].articles.get(title="Gouvernance").body == "La Conférence des Présidents pilote."
    assert contracts[0].annexes.count() == 1  # its annex is kept
    assert signed.articles.get(title="Gouvernance").body != "La Conférence des Présidents pilote."


def test_a_trunk_without_contracts_has_nothing_to_carry_over(trunk):
    with pytest.raises(ValidationError, match="Aucun contrat n'a été décliné"):
        trunk_services.propagate_trunk(trunk=trunk)


def test_the_trunk_page_lists_its_contracts_and_carries_changes_over(client, trunk, contracts, coordinator):
    client.force_login(coordinator)
    page = client.get(trunk.get_absolute_url()).content.decode()
    assert "Contrats déclinés de ce tronc commun (2)" in page
    assert "Décliné du tronc commun" not in page
    assert "Décliner ce tronc commun" in page
    assert "Décliner ce tronc commun" not in client.get(contracts[0].get_absolute_url()).content.decode()
    article = trunk.articles.first()
    agreement_services.update_article(article=article, title=article.title, body="Nouvel objet.")
    contract_page = client.get(contracts[0].get_absolute_url()).content.decode()
    assert "ne correspondent plus au tronc commun actuel" in contract_page
    response = client.post(reverse("agreements:propagate", args=[trunk.cooperation.slug, trunk.pk]), follow=True)
    assert "Tronc commun reporté sur 2 contrat(s) en brouillon." in response.content.decode()
    assert "Ses articles sont ceux du tronc commun." in client.get(contracts[0].get_absolute_url()).content.decode()


def test_a_declined_contract_is_not_declined_again(trunk, contracts, coordinator, two_partners):
    with pytest.raises(ValidationError, match="est lui-même décliné d'un tronc commun : déclinez plutôt"):
        trunk_services.derive_contract(trunk=contracts[0], partnership=two_partners[2], user=coordinator)


def test_visitors_do_not_learn_of_a_draft_trunk(client, trunk, contracts, coordinator):
    contract = contracts[0]
    # Only older data has a submitted contract under a draft trunk: it must still not reveal the draft.
    contract.__class__.objects.filter(pk=contract.pk).update(status="en_signature")
    cooperation = contract.cooperation
    cooperation.visibility = "public"
    cooperation.save()
    page = client.get(contract.get_absolute_url()).content.decode()
    assert "Contrat décliné du tronc commun" not in page
    listing = client.get(reverse("agreements:list", args=[cooperation.slug])).content.decode()
    assert contract.title in listing and "Décliné de" not in listing


def test_all_declined_contracts_download_in_one_zip(
    client, trunk, contracts, coordinator, settings, tmp_path, django_capture_on_commit_callbacks
):
    import io
    import zipfile

    from docx import Document

    settings.MEDIA_ROOT = tmp_path
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):  # the job is queued once the request commits
        response = client.post(reverse("agreements:derived_documents", args=[trunk.cooperation.slug, trunk.pk, "docx"]))
    assert response.status_code == 302  # to the job's page: the worker prepares the file
    job_page = client.get(response["Location"]).content.decode()
    assert "C'est prêt" in job_page and "2 contrat(s) rassemblé(s)" in job_page
    download = client.get(response["Location"] + "fichier/")
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 2
    for name, contract in zip(sorted(archive.namelist()), sorted(contracts, key=lambda c: c.title), strict=True):
        text = "\n".join(p.text for p in Document(io.BytesIO(archive.read(name))).paragraphs)
        partner = contract.annexes.get().partnership.organization.name
        assert f"Partenaire concerné\u00a0: {partner}" in text
    assert (
        client.post(reverse("agreements:derived_documents", args=[trunk.cooperation.slug, trunk.pk, "odt"])).status_code
        == 404
    )
