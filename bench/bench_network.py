"""Building the actor network of a cooperation with 500 people, 200 meetings and 300 actions, centralities included.

    .venv/bin/python bench/bench_network.py

Builds a throwaway SQLite database: a cooperation with 25 partners and 500 members (20 per partner), 25
bodies of 20 seats drawn across the partners, 200 held meetings (8 per body) where 12 of the 20 seats were
present, 300 actions each led by a partner with two participating partners and three referents. Then times
`build_network` at the people level (the queries, the graph, degree and betweenness) against networkx's own
centrality computation (`centralities`) on the same graph already built: the ratio says what the records and
the graph add on top of networkx. Prints:

    bench: network-500-people: <ms> ms (<ratio>x networkx-centralities)

Medians of several warm runs. Goal: under 1 s in all, the ratio under 2.
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import line, median_ms, setup_django  # noqa: E402

PEOPLE, PARTNERS, BODIES, MEETINGS, ACTIONS = 500, 25, 25, 200, 300
RUNS = 5


def build():
    import datetime

    from django.utils import timezone

    from entente.accounts.models import User
    from entente.cooperations.factories import CooperationFactory, PartnershipFactory
    from entente.cooperations.models import Membership
    from entente.governance.body_models import Body, BodyMember
    from entente.governance.meeting_models import Attendance, Meeting
    from entente.portfolio.models import Action, Axis, Workstream

    rng = random.Random(2026)
    cooperation = CooperationFactory(name="Réseau")
    partners = [PartnershipFactory(cooperation=cooperation) for _ in range(PARTNERS)]
    users = User.objects.bulk_create(User(email=f"p{i}@bench.fr", display_name=f"Personne {i}") for i in range(PEOPLE))
    Membership.objects.bulk_create(
        Membership(cooperation=cooperation, user=user, partner=partners[i % PARTNERS], role="membre")
        for i, user in enumerate(users)
    )
    bodies = Body.objects.bulk_create(
        Body(cooperation=cooperation, name=f"Instance {b}", kind="comite_pilotage") for b in range(BODIES)
    )
    seats = {}
    for b, body in enumerate(bodies):
        members = users[b * 20 : (b + 1) * 20]
        seats[body.pk] = BodyMember.objects.bulk_create(
            BodyMember(body=body, user=user, partner=partners[(b + k) % PARTNERS], role="membre")
            for k, user in enumerate(members)
        )
    start = timezone.now() - datetime.timedelta(days=3 * 365)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            body=bodies[m % BODIES],
            starts_at=start + datetime.timedelta(days=5 * m),
            ends_at=start + datetime.timedelta(days=5 * m, hours=2),
            status="tenue",
        )
        for m in range(MEETINGS)
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, seat=seat, holder_id=seat.user_id, status="present")
        for meeting in meetings
        for seat in rng.sample(seats[meeting.body_id], 12)
    )
    axis = Axis.objects.create(cooperation=cooperation, title="Axe")
    stream = Workstream.objects.create(cooperation=cooperation, axis=axis, title="Chantier")
    actions = Action.objects.bulk_create(
        Action(
            cooperation=cooperation,
            workstream=stream,
            title=f"Action {a}",
            lead=partners[a % PARTNERS],
            start_on=datetime.date(2023 + a % 3, 1 + a % 12, 1),
        )
        for a in range(ACTIONS)
    )
    Action.participants.through.objects.bulk_create(
        Action.participants.through(action_id=action.pk, partnership_id=partner.pk)
        for action in actions
        for partner in rng.sample(partners, 2)
    )
    Action.referents.through.objects.bulk_create(
        Action.referents.through(action_id=action.pk, user_id=user.pk)
        for action in actions
        for user in rng.sample(users, 3)
    )
    return cooperation


def main():
    setup_django("sqlite")
    from entente.reflexivity.network_logic import PEOPLE as LEVEL
    from entente.reflexivity.network_logic import build_network, centralities

    cooperation = build()
    network = build_network(cooperation, LEVEL)
    assert len(network.graph) == PEOPLE, len(network.graph)
    whole = median_ms(lambda: build_network(cooperation, LEVEL), runs=RUNS)
    reference = median_ms(lambda: centralities(network.graph), runs=RUNS)
    line("network-500-people", whole, "ms", whole / reference, "networkx-centralities")


if __name__ == "__main__":
    main()
