"""What one person may do with one agreement, signatory, comment or charter version (rules.py)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from entente.accounts.factories import UserFactory
from entente.agreements import (
    agreement_services,
    charter_services,
    comment_services,
    signature_services,
)
from entente.agreements.charter_models import CharterKind
from entente.agreements.models import Comment, Signatory
from entente.agreements.rules import abilities, abilities_for_many
from entente.cooperations.factories import MembershipFactory
from entente.cooperations.rules import get_abilities

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(two_partners, coordinator):
    cooperation = two_partners[0]
    return {
        "coordinator": coordinator,
        "member": MembershipFactory(cooperation=cooperation, role="membre").user,
        "observer": MembershipFactory(cooperation=cooperation, role="observateur").user,
        "operator": UserFactory(is_staff=True),
        "outsider": UserFactory(),
    }


@pytest.fixture
def agreement(two_partners, coordinator):
    cooperation, first, second = two_partners
    agreement = agreement_services.create_agreement(cooperation=cooperation, user=coordinator, title="Convention")
    for partner in (first, second):
        signature_services.add_signatory(agreement=agreement, organization=partner.organization)
    return agreement


def test_a_draft_is_edited_by_the_coordination_and_commented_by_members(agreement, people):
    coordinator, member, observer = (
        abilities(people[name], agreement) for name in ("coordinator", "member", "observer")
    )
    assert coordinator["edit"] and coordinator["submit"] and not coordinator["sign"] and not coordinator["amend"]
    assert member["comment"] and member["view_comments"] and not member["edit"]
    assert observer["view_comments"] and not observer["comment"] and not observer["edit"]
    assert abilities(people["operator"], agreement)["edit"]


def test_a_draft_of_a_public_cooperation_is_hidden_from_outsiders(agreement, people):
    agreement.cooperation.visibility = "public"
    agreement.cooperation.save()
    for reader in (people["outsider"], AnonymousUser()):
        assert not abilities(reader, agreement)["view"]
    agreement_services.submit_for_signature(agreement=agreement, user=people["coordinator"])
    agreement.refresh_from_db()
    for reader in (people["outsider"], AnonymousUser()):
        verbs = abilities(reader, agreement)
        assert verbs["view"] and not verbs["view_comments"] and not verbs["view_scans"]


def test_in_signature_the_coordination_records_signatures_and_may_reopen(agreement, people):
    agreement_services.submit_for_signature(agreement=agreement, user=people["coordinator"])
    agreement.refresh_from_db()
    verbs = abilities(people["coordinator"], agreement)
    assert verbs["sign"] and verbs["reopen"] and not verbs["edit"] and not verbs["comment"]
    assert not abilities(people["member"], agreement)["sign"]
    first, second = agreement.signatories.order_by("position")
    signature_services.record_signature(
        agreement=agreement, organization=first.organization, signed_on=datetime.date.today(), user=None
    )
    first.refresh_from_db()
    assert abilities(people["coordinator"], first) == {"remove": False, "sign": False, "refuse": False}
    assert abilities(people["coordinator"], second) == {"remove": False, "sign": True, "refuse": True}


def test_a_signed_agreement_is_amended_not_edited(agreement, people):
    agreement_services.submit_for_signature(agreement=agreement, user=people["coordinator"])
    for signatory in agreement.signatories.all():
        signature_services.record_signature(
            agreement=agreement, organization=signatory.organization, signed_on=datetime.date.today(), user=None
        )
    agreement.refresh_from_db()
    verbs = abilities(people["coordinator"], agreement)
    assert verbs["amend"] and not verbs["edit"] and not verbs["sign"] and not verbs["reopen"]


def test_the_coordination_settles_comments_of_a_draft_only(agreement, people):
    article = agreement.articles.first()
    remark = comment_services.add_comment(user=people["member"], body="Une remarque.", article=article)
    proposal = comment_services.add_comment(
        user=people["member"], body="", proposed_body="Un autre texte.", article=article
    )
    assert abilities(people["coordinator"], remark) == {"resolve": True, "apply": False}
    assert abilities(people["coordinator"], proposal) == {"resolve": True, "apply": True}
    assert abilities(people["member"], proposal) == {"resolve": False, "apply": False}
    comment_services.resolve_comment(comment=remark, user=people["coordinator"])
    assert abilities(people["coordinator"], remark) == {"resolve": False, "apply": False}


def test_rows_get_their_verbs_without_a_query(agreement, people, django_assert_num_queries):
    comment_services.add_comment(user=people["member"], body="Une remarque.", article=agreement.articles.first())
    granted = get_abilities(people["coordinator"], agreement.cooperation)
    signatories = list(Signatory.objects.filter(agreement=agreement))
    comments = list(Comment.objects.filter(article__agreement=agreement))
    with django_assert_num_queries(0):
        by_signatory = abilities_for_many(signatories, granted, agreement=agreement)
        by_comment = abilities_for_many(comments, granted, agreement=agreement)
        by_agreement = abilities_for_many([agreement], granted)
    assert all(verbs["remove"] for verbs in by_signatory.values())
    assert all(verbs["resolve"] for verbs in by_comment.values())
    assert by_agreement[agreement.pk] == abilities(people["coordinator"], agreement)


def test_each_member_adopts_the_charter_in_force_once(two_partners, people):
    charter = charter_services.create_charter(
        cooperation=two_partners[0], user=people["coordinator"], kind=CharterKind.MORAL_CONTRACT, title="Contrat"
    )
    draft = charter.versions.get()
    assert abilities(people["coordinator"], draft)["edit"]
    assert not abilities(people["member"], draft)["adopt"]
    version = charter_services.publish_charter_version(version=draft)
    assert not abilities(people["coordinator"], version)["edit"]
    assert abilities(people["member"], version)["adopt"]
    assert not abilities(people["operator"], version)["adopt"]  # operators support, they do not adopt
    assert not abilities(people["outsider"], version)["adopt"]
    charter_services.adopt_charter(version=version, user=people["member"])
    assert not abilities(people["member"], version)["adopt"]


def test_a_part_of_another_agreement_is_not_found_through_this_one(agreement, people, two_partners):
    from django.http import Http404

    from entente.agreements.rules import get_article_for_user, get_comment_for_user, get_signatory_for_user

    other = agreement_services.create_agreement(cooperation=two_partners[0], user=people["coordinator"], title="Autre")
    comment = comment_services.add_comment(user=people["member"], body="Ailleurs.", article=other.articles.first())
    slug, coordinator = agreement.cooperation.slug, people["coordinator"]
    with pytest.raises(Http404):
        get_comment_for_user(coordinator, slug, agreement.pk, comment.pk)
    with pytest.raises(Http404):
        get_article_for_user(coordinator, slug, agreement.pk, other.articles.first().pk)
    found = get_comment_for_user(coordinator, slug, other.pk, comment.pk)
    assert found == comment and found.agreement == other
    signatory = agreement.signatories.first()
    assert get_signatory_for_user(coordinator, slug, agreement.pk, signatory.pk).agreement == agreement
    with pytest.raises(Http404):
        get_signatory_for_user(coordinator, slug, other.pk, signatory.pk)


def test_the_api_answers_each_text_with_what_the_reader_may_do(client, agreement, people):
    url = f"/api/v1/cooperations/{agreement.cooperation.slug}/agreements"
    client.force_login(people["member"])
    listed = client.get(url).json()["items"][0]["abilities"]
    assert listed == client.get(f"{url}/{agreement.pk}").json()["abilities"]
    assert listed["comment"] and not listed["edit"] and not listed["sign"]
    client.force_login(people["coordinator"])
    submitted = client.post(f"{url}/{agreement.pk}/submit", content_type="application/json").json()
    assert submitted["abilities"]["sign"] and not submitted["abilities"]["edit"]


def test_the_api_says_who_may_still_adopt_a_charter_version(client, two_partners, people):
    charter = charter_services.create_charter(
        cooperation=two_partners[0], user=people["coordinator"], kind=CharterKind.MORAL_CONTRACT, title="Contrat"
    )
    charter_services.publish_charter_version(version=charter.versions.get())
    url = f"/api/v1/cooperations/{charter.cooperation.slug}/charters/{charter.pk}"
    client.force_login(people["member"])
    assert client.get(url).json()["versions"][0]["abilities"]["adopt"]
    assert client.post(f"{url}/adoptions", {}, content_type="application/json").status_code == 201
    assert not client.get(url).json()["versions"][0]["abilities"]["adopt"]
