"""Per-object abilities of the objects cooperations owns (partners, members, timeline steps), their bulk
form, and the access helpers that answer 404 for what a person may not see and 403 for what they may not do."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entente.cooperations import services
from entente.cooperations.factories import PartnershipFactory
from entente.cooperations.models import Membership
from entente.cooperations.rules import (
    abilities,
    abilities_for_many,
    get_membership_for_user,
    get_partnership_for_user,
    get_timeline_step_for_user,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinateur", {"view": True, "edit": True, "leave": True}),
        ("membre", {"view": True, "edit": False, "leave": False}),
        ("outsider", {"view": False, "edit": False, "leave": False}),
        ("operator", {"view": True, "edit": True, "leave": True}),
    ],
)
def test_who_may_change_or_close_a_partnership(world, role, expected):
    partnership = world.partners[world.own.pk][0]
    assert abilities(world.users[role], partnership) == expected


def test_a_partner_who_left_is_history_no_one_changes_it(world):
    partnership = world.partners[world.own.pk][1]
    services.remove_partner(partnership, left_on=datetime.date(2026, 6, 30))
    assert abilities(world.users["coordinateur"], partnership) == {"view": True, "edit": False, "leave": False}


def test_a_role_change_posted_for_a_partner_who_left_is_refused(client, world):
    partnership = world.partners[world.own.pk][1]
    services.remove_partner(partnership, left_on=datetime.date(2026, 6, 30))
    client.force_login(world.users["coordinateur"])
    url = reverse("cooperations:partner_edit", args=[world.own.slug, partnership.pk])
    assert client.post(url, {"role": "associe"}).status_code == 403
    partnership.refresh_from_db()
    assert partnership.role == "signataire"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("coordinateur", {"view": True, "edit": True, "remove": True}),
        ("contributeur", {"view": True, "edit": False, "remove": False}),
        ("outsider", {"view": False, "edit": False, "remove": False}),
    ],
)
def test_who_may_change_or_remove_a_member(world, role, expected):
    membership = Membership.objects.get(cooperation=world.own, user=world.users["membre"])
    assert abilities(world.users[role], membership) == expected


def test_the_bulk_form_reads_the_role_once_whatever_the_number_of_rows(world):
    for _ in range(5):
        PartnershipFactory(cooperation=world.own)
    user = world.users["membre"]
    rows = list(world.own.partnerships.all())
    with CaptureQueriesContext(connection) as queries:
        allowed = abilities_for_many(user, rows, cooperation=world.own)
    assert len(queries) == 1  # the user's role in the cooperation
    assert set(allowed) == {p.pk for p in rows}
    assert all(a == {"view": True, "edit": False, "leave": False} for a in allowed.values())


def test_access_helpers_answer_404_when_unseen_and_403_when_not_allowed(world):
    partnership = world.partners[world.own.pk][0]
    other = world.partners[world.other.pk][0]
    coordinator, member = world.users["coordinateur"], world.users["membre"]
    found = get_partnership_for_user(coordinator, world.own.slug, partnership.pk, "edit")
    assert found == partnership and found.cooperation == world.own
    with pytest.raises(Http404):
        get_partnership_for_user(coordinator, world.own.slug, other.pk, "view")  # another cooperation's
    with pytest.raises(Http404):
        get_partnership_for_user(world.users["outsider"], world.own.slug, partnership.pk, "view")
    with pytest.raises(PermissionDenied):
        get_partnership_for_user(member, world.own.slug, partnership.pk, "edit")
    membership = Membership.objects.get(cooperation=world.own, user=member)
    with pytest.raises(PermissionDenied):
        get_membership_for_user(member, world.own.slug, membership.pk, "remove")
    step = services.add_timeline_step(cooperation=world.own, date=None, title="Lancement")
    assert get_timeline_step_for_user(coordinator, world.own.slug, step.pk, "delete") == step
    with pytest.raises(PermissionDenied):
        get_timeline_step_for_user(member, world.own.slug, step.pk, "delete")


def test_pages_offer_only_what_the_row_allows(client, world):
    left = world.partners[world.own.pk][1]
    services.remove_partner(left, left_on=datetime.date(2026, 6, 30))
    client.force_login(world.users["coordinateur"])
    page = client.get(reverse("cooperations:partners", args=[world.own.slug])).content.decode()
    assert f'id="role-{world.partners[world.own.pk][0].pk}"' in page
    assert f'id="role-{left.pk}"' not in page and f'id="left-{left.pk}"' not in page
