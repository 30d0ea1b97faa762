"""Rendering the portfolio page of a cooperation with 500 actions, links and financing plans.

    .venv/bin/python bench/bench_portfolio.py

Builds a throwaway SQLite database, a cooperation with 11 partners (territories with
populations), 500 actions spread over 7 axes × 3 chantiers, each with a financing plan split
by population and a link to the previous action; then times the full page (middleware,
permissions, template) through Django's test client, signed in as a member. The reference is
the same page for a cooperation with 10 actions built the same way. Prints:

    bench: portfolio-500-actions: <ms> ms (<ratio>x portfolio-10-actions)
    bench: portfolio-500-actions-queries: <n> requêtes (<ratio>x portfolio-10-actions)
    bench: portfolio-500-actions-postgres: <ms> ms (<ratio>x portfolio-10-actions-postgres)

The PostgreSQL figure needs BENCH_POSTGRES_URL (set by `make bench`); without it the line says so.
It runs with persistent database connections (DB_CONN_MAX_AGE=60), as in production.

Wall-clock figures are medians of several runs, warm.
"""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, median_ms, not_measured, setup_django  # noqa: E402

RUNS = 9


def build(name: str, size: int):
    from entente.accounts.factories import UserFactory
    from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
    from entente.portfolio.financing_services import FinancingData, save_financing
    from entente.portfolio.models import Action, ActionLink, Axis, LinkKind, Workstream
    from entente.territories.factories import OrganizationFactory, TerritoryFactory

    cooperation = CooperationFactory(name=name)
    partners = []
    for index in range(11):
        territory = TerritoryFactory(kind="epci", epci_kind="CC", code=f"{name[:3]}{index:06d}",
                                     name=f"{name} EPCI {index}", population=15000 + 3917 * index)
        partners.append(PartnershipFactory(cooperation=cooperation, organization=OrganizationFactory(
            local_authority=True, territory=territory)))
    user = UserFactory()
    MembershipFactory(cooperation=cooperation, user=user, role="membre")
    streams = []
    for a in range(7):
        axis = Axis.objects.create(cooperation=cooperation, title=f"Axe {a}", position=a)
        streams += [Workstream.objects.create(cooperation=cooperation, axis=axis, title=f"Chantier {a}.{w}",
                                              position=w) for w in range(3)]
    actions = Action.objects.bulk_create(
        Action(cooperation=cooperation, workstream=streams[i % len(streams)], title=f"Action {i}",
               lead=partners[i % 11], status=["idee", "a_l_etude", "engagee", "realisee"][i % 4],
               progress=(i * 7) % 101, position=i)
        for i in range(size)
    )
    through = Action.participants.through
    through.objects.bulk_create(
        through(action_id=action.pk, partnership_id=partners[(i + k) % 11].pk)
        for i, action in enumerate(actions) for k in range(3)
    )
    ActionLink.objects.bulk_create(
        ActionLink(source=actions[i], target=actions[i - 1], kind=LinkKind.FEEDS) for i in range(1, size)
    )
    for action in actions:
        save_financing(action, data=FinancingData(
            total=Decimal("90000.00"), key="population", fundings=[("region", "", Decimal("10000.00"))]))
    return cooperation, user


def measure(cooperation, user):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    url = f"/cooperations/{cooperation.slug}/portefeuille/"

    def render():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    with CaptureQueriesContext(connection) as queries:
        render()
    count = len(queries.captured_queries)
    return median_ms(render, runs=RUNS), count


def run(database: str, suffix: str = "") -> None:
    setup_django(database)
    small = measure(*build("Petite", 10))
    large = measure(*build("Grande", 500))
    line(f"portfolio-500-actions{suffix}", large[0], "ms", large[0] / small[0], f"portfolio-10-actions{suffix}")
    if not suffix:
        line("portfolio-500-actions-queries", large[1], "requêtes", large[1] / small[1], "portfolio-10-actions")


def main():
    if "--postgres" in sys.argv:
        # Persistent connections, as a production deployment runs them: otherwise every request
        # pays for a new PostgreSQL connection, which is not what this figure is about.
        os.environ.setdefault("DB_CONN_MAX_AGE", "60")
        try:
            run("postgres", "-postgres")
        except NotMeasurable as reason:
            not_measured("portfolio-500-actions-postgres", str(reason))
        return
    run("sqlite")
    # Django is configured once per process: PostgreSQL runs in a child process.
    subprocess.run([sys.executable, __file__, "--postgres"], check=False)


if __name__ == "__main__":
    main()
