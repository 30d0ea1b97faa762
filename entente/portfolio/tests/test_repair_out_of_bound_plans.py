"""A plan stored by the unbounded API before the fix (a weight of 10^30, a count of 10^30) made the
action's pages answer 500 for good; the migration that adds the bounds forgets those inputs, so the
pages answer again and the plan can be re-entered. SQLite only: it alone stored such values."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection

from entente.portfolio.factories import ActionFactory
from entente.portfolio.financing_services import FinancingData, save_financing
from entente.portfolio.models import FinancingShare

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="only SQLite stored out-of-bound values"),
]
migration = importlib.import_module("entente.portfolio.migrations.0006_bounded_amounts_weights_counts")


def test_the_migration_forgets_weights_and_counts_no_page_could_show(client, world):
    partners = world.partners[world.own.pk]
    action = ActionFactory(cooperation=world.own, partners=partners)
    save_financing(
        action,
        data=FinancingData(
            total=Decimal("1000"), key="poids", weights={partners[0].pk: Decimal("2"), partners[1].pk: Decimal("1")}
        ),
    )
    with connection.cursor() as cursor:
        # What the API could store before the bounds: the constraints did not exist then.
        cursor.execute("PRAGMA ignore_check_constraints = ON")
        cursor.execute(
            "UPDATE portfolio_financingshare SET weight = 1e30, count = 1e30 WHERE partnership_id = %s",
            [partners[0].pk],
        )
        cursor.execute("PRAGMA ignore_check_constraints = OFF")

    migration.forget_out_of_bound_inputs(apps, None)

    share = FinancingShare.objects.get(partnership=partners[0])
    assert share.weight is None and share.count is None
    assert FinancingShare.objects.get(partnership=partners[1]).weight == Decimal("1")
    client.force_login(world.users["coordinateur"])
    for url in (
        action.get_absolute_url(),
        f"{action.get_absolute_url()}financement/",
        f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}",
    ):
        assert client.get(url).status_code == 200, url
