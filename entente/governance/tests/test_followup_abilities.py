"""Who may update a follow-up is answered once, in rules.py: the page of one follow-up, the bulk form
of a list and the access helper give the same answer, and the bulk form costs one query."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from entente.governance import decision_services, rules
from entente.governance.decision_models import FollowUp

ROLES = ["coordinateur", "membre", "contributeur", "observateur", "outsider", "operator", "anonymous"]
# (update own partner's, update another partner's, edit): contributors report only on what they answer for.
EXPECTED = {
    "coordinateur": (True, True, True),
    "membre": (True, True, True),
    "contributeur": (True, False, False),
    "observateur": (False, False, False),
    "outsider": (False, False, False),
    "operator": (True, True, True),
    "anonymous": (False, False, False),
}


@pytest.fixture
def followups(world, decision):
    partners = world.partners[world.own.pk]
    due = datetime.date(2030, 6, 1)
    own = decision_services.add_followup(decision=decision, title="Ours", due_on=due, owner_partner=partners[0])
    other = decision_services.add_followup(decision=decision, title="Theirs", due_on=due, owner_partner=partners[1])
    return [FollowUp.objects.select_related("cooperation").get(pk=f.pk) for f in (own, other)]


def user_of(world, role):
    return world.users[role] or AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_one_followup_and_a_list_get_the_same_answer(world, followups, role):
    user = user_of(world, role)
    own, other = followups
    many = rules.abilities_for_many(user, followups)
    expected_own, expected_other, expected_edit = EXPECTED[role]
    assert rules.abilities(user, own)["update"] is expected_own
    assert rules.abilities(user, other)["update"] is expected_other
    assert rules.abilities(user, own)["edit"] is expected_edit
    assert many == {own.pk: rules.abilities(user, own), other.pk: rules.abilities(user, other)}


def test_a_person_who_owns_the_followup_may_update_it_whatever_their_partner(world, decision):
    contributor = world.users["contributeur"]
    followup = decision_services.add_followup(decision=decision, title="Mine", due_on=datetime.date(2030, 6, 1),
                                              owner=contributor)
    followup = FollowUp.objects.select_related("cooperation").get(pk=followup.pk)
    assert rules.abilities(contributor, followup)["update"]
    assert rules.abilities_for_many(contributor, [followup])[followup.pk]["update"]


def test_the_bulk_form_costs_one_query_however_many_followups(world, followups, django_assert_num_queries):
    user = world.users["contributeur"]
    with django_assert_num_queries(1):
        rules.abilities_for_many(user, followups * 20)


def test_the_access_helper_refuses_a_contributor_on_another_partners_followup(world, followups):
    own, other = followups
    contributor = world.users["contributeur"]
    slug = world.own.slug
    assert rules.get_followup_for_user(contributor, slug, own.pk, rules.UPDATE_FOLLOWUP) == own
    with pytest.raises(PermissionDenied):
        rules.get_followup_for_user(contributor, slug, other.pk, rules.UPDATE_FOLLOWUP)


def test_the_access_helper_hides_a_followup_of_another_cooperation(world, followups):
    own, _other = followups
    with pytest.raises(Http404):
        rules.get_followup_for_user(world.users["coordinateur"], world.other.slug, own.pk)
