"""The one history builder (core.history) over (kind, queryset) sources, with its diff hook."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import format_html

from entente.accounts.factories import UserFactory
from entente.accounts.models import User
from entente.cooperations import services
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.cooperations.history import entries_for_cooperation
from entente.cooperations.models import Membership, TimelineStep
from entente.core.history import Ref, Source, history_entries

pytestmark = pytest.mark.django_db


def test_changes_are_shown_as_people_read_them_newest_first():
    cooperation = CooperationFactory(name="Entente Loire")
    services.update_cooperation(cooperation, name="Entente Loire Haute-Loire", visibility="public")
    partnership = PartnershipFactory(cooperation=cooperation, organization__name="Loire")
    services.remove_partner(partnership, left_on=datetime.date(2026, 6, 30))

    entries = entries_for_cooperation(cooperation)

    assert [(e.kind, e.operation) for e in entries[:2]] == [("Partenaire", "Modification"), ("Partenaire", "Création")]
    left = entries[0]
    assert left.label == "Loire"
    assert ("date de sortie", "", "30/06/2026") in left.changes
    renamed = next(e for e in entries if e.kind == "Coopération" and e.operation == "Modification")
    assert renamed.label == "Entente Loire Haute-Loire"
    assert ("nom", "Entente Loire", "Entente Loire Haute-Loire") in renamed.changes
    assert ("visibilité", "Privée (réservée aux membres)", "Publique (visible de tous)") in renamed.changes
    assert all(change.diff == "" for change in renamed.changes)


def test_the_diff_hook_gets_raw_values_and_its_html_is_kept():
    cooperation = CooperationFactory()
    step = services.add_timeline_step(cooperation=cooperation, date=None, title="Lancement", description="a " * 120)
    step.description = "a " * 119 + "b"
    step.save()
    seen = []

    def hook(field, old, new):
        seen.append((field.name, old, new))
        return format_html("<del>{}</del><ins>{}</ins>", "a", "b") if field.name == "description" else None

    entries = history_entries([Source("Étape", TimelineStep.history.all(), lambda r: r.title)], diff=hook)

    change = entries[0].changes[0]
    assert change.field == "description"
    assert change.diff == "<del>a</del><ins>b</ins>"
    assert change.new.endswith("…")  # the plain value is cut, the hook saw it whole
    assert seen == [("description", "a " * 120, "a " * 119 + "b")]


def test_references_are_named_with_one_query_per_model(django_assert_max_num_queries):
    cooperation = CooperationFactory()
    for _ in range(5):
        membership = MembershipFactory(cooperation=cooperation, user=UserFactory())
        membership.role = "coordinateur"
        membership.save()
    source = Source("Membre", Membership.history.filter(cooperation_id=cooperation.pk), lambda r: Ref(User, r.user_id))
    with CaptureQueriesContext(connection) as queries:
        entries = history_entries([source])
    assert len(queries) == 2  # the records with their authors, then the users named
    assert len(entries) == 10
    assert {e.label for e in entries} == {
        m.user.public_name for m in Membership.objects.filter(cooperation=cooperation)
    }


def test_the_limit_keeps_the_latest_entries():
    cooperation = CooperationFactory()
    for index in range(4):
        services.update_cooperation(cooperation, name=f"Nom {index}")
    entries = history_entries([Source("Coopération", cooperation.history.all(), lambda r: r.name)], limit=2)
    assert [e.label for e in entries] == ["Nom 3", "Nom 2"]
