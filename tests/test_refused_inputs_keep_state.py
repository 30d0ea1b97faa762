"""Hardening, property-based: whatever a person or a client sends to the services that take amounts,
counts, weights, dates and texts (financing, milestones and indicators, scores, meeting dates,
decision texts), an input that is refused leaves the database exactly as it was, no answer is a
server error, and every page that shows the object still answers 200 afterwards.

Hypothesis generates the inputs (numbers of every size and sign, French and not-quite-French
strings, dates from year 1 to 9999, texts with any character); the runs are derandomized and
bounded so that the file takes well under a minute.
"""

import datetime
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from entente.governance import agenda_services, body_services, meeting_services
from entente.governance.body_models import BodyMember
from entente.portfolio.factories import ActionFactory
from entente.workshops.factories import IdeaFactory, ParticipantFactory, WorkshopFactory
from entente.workshops.score_services import ScoreInput, submit_scores

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The domain's tables (and their history); a refused request may still touch the session.
DOMAIN_APPS = {"accounts", "cooperations", "workshops", "portfolio", "governance", "agreements"}
SUCCESS = {200, 201, 204, 302}

NBSP, NNBSP = "\u00a0", "\u202f"

# Numbers as a client or a person may send them: any size, any sign, floats, and strings that are
# French, almost French, English, or not numbers at all.
french_like = st.from_regex(r"\A[+\-]?[0-9]{0,7}([ .,\u00a0\u202f][0-9]{1,4}){0,3}( ?[€%])?\Z")
numbers = st.one_of(
    st.integers(min_value=-(10**31), max_value=10**31),
    st.sampled_from([0, 1, 12345678901234, 10**30, 2**63, -1, 999_999_999_999]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=-(10**15), max_value=10**15).map(str),
    french_like,
    st.text(max_size=12),
)
typed = st.one_of(french_like, st.text(max_size=12), numbers.map(str))
dates = st.one_of(st.dates(), st.text(max_size=12), st.just("9999-12-31"), st.just("0001-01-01"))
texts = st.text(max_size=300)


def snapshot() -> dict:
    """Every row of every table the application owns, in a comparable form."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        state[model._meta.label] = list(model.objects.order_by("pk").values_list())
    return state


def assert_pages_answer(client, urls):
    for url in urls:
        status = client.get(url).status_code
        assert status == 200, f"{url} : {status}"


def check(client, send, urls):
    """Send one input; a refusal must change nothing, and the pages must still answer."""
    before = snapshot()
    status = send()
    assert status < 500, f"erreur serveur {status}"
    if status not in SUCCESS:
        assert snapshot() == before, f"refusé ({status}) mais la base a changé"
    assert_pages_answer(client, urls)


# --- portfolio: financing, milestones, indicators ---------------------------------------------


@pytest.fixture
def action(world, client):
    client.force_login(world.users["coordinateur"])
    return ActionFactory(cooperation=world.own, partners=world.partners[world.own.pk])


def portfolio_pages(world, action):
    base = f"/cooperations/{world.own.slug}/portefeuille/"
    return [
        action.get_absolute_url(),
        f"{action.get_absolute_url()}financement/",
        f"{base}export.xlsx",
        f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}",
    ]


financing_payloads = st.fixed_dictionaries(
    {"total": numbers, "key": st.sampled_from(["parts_egales", "population", "nombre", "poids", "part_fixe", "?"])},
    optional={
        "weights": st.lists(numbers, min_size=2, max_size=2),
        "counts": st.lists(numbers, min_size=2, max_size=2),
        "fundings": st.lists(
            st.fixed_dictionaries({"source": st.sampled_from(["etat", "region", "autre"]), "amount": numbers}),
            max_size=2,
        ),
        "fixed_mode": st.sampled_from(["pourcentage", "montant"]),
        "fixed_value": numbers,
        "rest_key": st.sampled_from(["parts_egales", "population"]),
        "note": texts,
    },
)


@BOUNDED
@given(payload=financing_payloads)
# The inputs of issue 10, finding 1: they used to answer 500 and keep a plan no page could show.
@example(payload={"total": "1000", "key": "poids", "weights": ["12345678901234", "1"]})
@example(payload={"total": "1000", "key": "nombre", "counts": [10**30, 1]})
def test_a_refused_financing_plan_from_the_api_changes_nothing(client, world, action, payload):
    partners = world.partners[world.own.pk]
    for name in ("weights", "counts"):
        if name in payload:
            payload[name] = {str(p.pk): value for p, value in zip(partners, payload[name], strict=True)}
    if payload.get("fixed_mode"):
        payload["fixed_partner_id"] = partners[0].pk
    url = f"/api/v1/cooperations/{world.own.slug}/actions/{action.pk}/financing"

    def send():
        return client.put(url, data=json.dumps(payload), content_type="application/json").status_code

    check(client, send, portfolio_pages(world, action))


financing_forms = st.fixed_dictionaries(
    {"total": typed, "key": st.sampled_from(["parts_egales", "nombre", "poids", "part_fixe"])},
    optional={
        "funding_etat": typed,
        "funding_autre": typed,
        "fixed_mode": st.sampled_from(["pourcentage", "montant"]),
        "fixed_value": typed,
        "rest_key": st.just("parts_egales"),
        "count_first": typed,
        "weight_first": typed,
        "note": texts,
    },
)


@BOUNDED
@given(data=financing_forms)
@example(data={"total": "10 000,01", "key": "parts_egales"})
@example(data={"total": "1.000,5", "key": "parts_egales"})
def test_a_refused_financing_form_changes_nothing(client, world, action, data):
    first = world.partners[world.own.pk][0]
    renamed = {key.replace("_first", f"_{first.pk}"): value for key, value in data.items()}
    if renamed.get("fixed_mode"):
        renamed["fixed_partner"] = first.pk

    def send():
        return client.post(f"{action.get_absolute_url()}financement/", renamed).status_code

    check(client, send, portfolio_pages(world, action))


@BOUNDED
@given(title=texts, due_on=dates, label=texts, target=typed, current=typed)
def test_refused_milestones_and_indicators_change_nothing(client, world, action, title, due_on, label, target, current):
    url = action.get_absolute_url()
    check(
        client,
        lambda: client.post(f"{url}jalons/", {"title": title, "due_on": str(due_on)}).status_code,
        portfolio_pages(world, action),
    )
    check(
        client,
        lambda: client.post(f"{url}indicateurs/", {"label": label, "target": target, "current": current}).status_code,
        portfolio_pages(world, action),
    )


# --- workshops: scores ---------------------------------------------------------------------------


@pytest.fixture
def scored(world, client):
    client.force_login(world.users["coordinateur"])
    workshop = WorkshopFactory(cooperation=world.own, scoring=True)
    organization = world.partners[world.own.pk][0].organization
    participant = ParticipantFactory(workshop=workshop, organization=organization)
    idea = IdeaFactory(workshop=workshop, organization=organization, title="Observatoire partagé")
    return workshop, participant, idea


@BOUNDED
@given(values=st.lists(st.integers(min_value=-(2**70), max_value=2**70), min_size=1, max_size=3))
def test_refused_scores_change_nothing(client, world, scored, values):
    workshop, participant, idea = scored
    criteria = list(workshop.grid.criteria.all())
    scores = [ScoreInput(idea.pk, criteria[i % len(criteria)].pk, value) for i, value in enumerate(values)]

    def send():
        try:
            submit_scores(workshop, participant, scores)
        except (ValidationError, ValueError, OverflowError):
            return 400
        return 200

    base = f"/cooperations/{world.own.slug}/ateliers/{workshop.pk}/"
    check(client, send, [base, f"{base}resultats/", f"/api/v1/cooperations/{world.own.slug}/workshops/{workshop.pk}"])


# --- governance: meeting dates, decision texts -------------------------------------------------------


@pytest.fixture
def meeting(world, client):
    client.force_login(world.users["coordinateur"])
    partners = world.partners[world.own.pk]
    body = body_services.create_body(
        cooperation=world.own,
        name="Conférence",
        kind="conference_entente",
        voting_mode="par_membre",
        quorum_basis="membres",
        quorum_percent=50,
    )
    BodyMember.objects.create(body=body, user=world.users["coordinateur"], partner=partners[0], role="president")
    start = datetime.datetime(2030, 3, 11, 14, tzinfo=datetime.UTC)
    meeting = meeting_services.schedule_meeting(
        body=body,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        user=world.users["coordinateur"],
        place="Salle du conseil",
    )
    item = agenda_services.add_agenda_item(meeting=meeting, title="Adoption du programme", kind="decision")
    return meeting, item


def governance_pages(world, meeting):
    g = f"/cooperations/{world.own.slug}/gouvernance/"
    return [
        f"{g}instances/{meeting.body_id}/",
        f"{g}reunions/{meeting.pk}/",
        f"{g}reunions/{meeting.pk}/reunion.ics",
        f"/api/v1/cooperations/{world.own.slug}/meetings/{meeting.pk}",
    ]


moments = st.one_of(
    st.datetimes(min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30)).map(
        lambda moment: moment.isoformat()
    ),
    st.sampled_from(["9999-12-31T23:30:00", "0001-01-01T00:00:00", "2030-02-30T10:00:00", "demain"]),
)


@BOUNDED
@given(starts_at=moments, hours=st.integers(min_value=-5, max_value=10**6), title=texts)
@example(starts_at="9999-12-31T22:00:00", hours=1, title="")
def test_refused_meeting_dates_change_nothing(client, world, meeting, starts_at, hours, title):
    meeting, _item = meeting
    try:
        ends_at = (datetime.datetime.fromisoformat(starts_at) + datetime.timedelta(hours=hours)).isoformat()
    except (ValueError, OverflowError):
        ends_at = starts_at
    url = f"/api/v1/cooperations/{world.own.slug}/bodies/{meeting.body_id}/meetings"
    payload = {"starts_at": starts_at, "ends_at": ends_at, "title": title}

    def send():
        return client.post(url, data=json.dumps(payload), content_type="application/json").status_code

    check(client, send, governance_pages(world, meeting))


@BOUNDED
@given(text=st.one_of(texts, st.text(min_size=9_000, max_size=12_000)), kind=st.sampled_from(["validation", "?"]))
def test_refused_decision_texts_change_nothing(client, world, meeting, text, kind):
    meeting, item = meeting
    url = f"/api/v1/cooperations/{world.own.slug}/meetings/{meeting.pk}/decisions"
    payload = {"item_id": item.pk, "text": text, "kind": kind}

    def send():
        return client.post(url, data=json.dumps(payload), content_type="application/json").status_code

    check(client, send, governance_pages(world, meeting))


def test_the_snapshot_sees_a_changed_amount(world, action):
    """The property above is only as good as its snapshot: a changed amount must show in it."""
    from entente.portfolio.financing_services import FinancingData, save_financing

    before = snapshot()
    save_financing(action, data=FinancingData(total=Decimal("10"), key="parts_egales"))
    assert snapshot() != before
    assert reverse("portfolio:financing_edit", args=[world.own.slug, action.pk]) in portfolio_pages(world, action)[1]
