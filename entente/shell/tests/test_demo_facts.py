"""The demo tells what its seeds tell: facts read back from the API (and, where the API does not
show them, from the pages), after one `load_demo` on the real registry; loading again repairs a
demo that drifted, and never touches a cooperation where a real person takes part."""

import datetime
import json
import re
import zoneinfo

import pytest
from django.core.management import call_command

from entente.accounts.models import User
from entente.cooperations.demo import DEMO_DOMAIN, all_cooperations
from entente.cooperations.models import Cooperation
from entente.governance.schedule import is_working_day

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PILOTER, TOURAINE, LOIRE = "piloter-ensemble-37-41", "touraine-contrats-de-reciprocite", "entente-loire-haute-loire"
ANCENIS, ACHARDS, ERDRE = "codir-pays-d-ancenis", "codir-pays-des-achards", "codir-erdre-et-gesvres"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The registry and the demo, loaded once for the module and removed afterwards."""
    with django_db_blocker.unblock():
        call_command("import_territories", verbosity=0)
        call_command("load_demo", verbosity=0)
    yield
    with django_db_blocker.unblock():
        _remove_demo_and_registry()


def _remove_demo_and_registry():
    from entente.agreements import demo as agreements_demo
    from entente.governance import demo as governance_demo
    from entente.portfolio import demo as portfolio_demo
    from entente.territories.models import Organization, Territory, TerritoryToken
    from entente.workshops import demo as workshops_demo

    cooperations = list(Cooperation.objects.filter(slug__in=[spec["slug"] for spec in all_cooperations()]))
    for module in (agreements_demo, governance_demo, portfolio_demo, workshops_demo):
        module.reset(cooperations)
    Cooperation.objects.filter(pk__in=[c.pk for c in cooperations]).delete()
    User.objects.filter(email__endswith=DEMO_DOMAIN).delete()
    Organization.objects.all().delete()
    TerritoryToken.objects.all().delete()
    Territory.objects.all().delete()


@pytest.fixture
def api(demo, client):
    """GET on the API as the demo coordinator (a member of every demo cooperation), every page read."""
    client.force_login(User.objects.get(email="coordinateur@demo.entente.fr"))

    def get(path):
        response = client.get(f"/api/v1/cooperations/{path}")
        assert response.status_code == 200, (path, response.content[:300])
        data = response.json()
        if not (isinstance(data, dict) and "items" in data and "count" in data):
            return data
        items, offset = list(data["items"]), len(data["items"])
        while offset < data["count"]:
            page = client.get(f"/api/v1/cooperations/{path}", {"offset": offset}).json()
            items += page["items"]
            offset += len(page["items"])
        return items

    return get


def local_day(moment: str) -> datetime.date:
    return datetime.datetime.fromisoformat(moment).astimezone(PARIS).date()


def decision_number(decision) -> int:
    return int(decision["reference"].rsplit("-", 1)[1])


# ---------------------------------------------------------------- Piloter ensemble (seed 000)


def test_the_convention_technique_is_signed_by_both_dgs_on_its_timeline_date(api):
    (convention,) = api(f"{PILOTER}/agreements")
    detail = api(f"{PILOTER}/agreements/{convention['id']}")
    assert detail["status"] == "signe"
    assert [s["status"] for s in detail["signatories"]] == ["signe", "signe"]
    assert {s["signer_title"] for s in detail["signatories"]} == {"Le Directeur général des services"}
    step = next(s for s in api(f"{PILOTER}/timeline") if s["title"].startswith("Signature de la convention"))
    assert detail["signed_on"] == step["date"]


def test_every_step_of_piloter_ensemble_is_dated_and_says_when_the_seed_does_not(api):
    steps = api(f"{PILOTER}/timeline")
    assert len(steps) == 4 and all(step["date"] for step in steps)
    assert all("indicative" in step["description"] for step in steps)
    assert [s["date"] for s in steps] == sorted(s["date"] for s in steps)


def test_the_comite_de_pilotage_arbitrates_the_pistes_in_its_own_meeting(api):
    steering = next(b for b in api(f"{PILOTER}/bodies") if b["kind"] == "comite_pilotage")
    meetings = [m for m in api(f"{PILOTER}/meetings") if m["body_id"] == steering["id"]]
    assert len(meetings) >= 2 and all(m["status"] == "tenue" for m in meetings)
    (arbitration,) = [d for d in api(f"{PILOTER}/decisions") if d["kind"] == "arbitrage"]
    assert arbitration["body"] == "Comité de pilotage"
    assert arbitration["meeting_id"] in {m["id"] for m in meetings}
    assert "Pistes retenues (9)" in arbitration["text"] and "Cap'Demat" in arbitration["text"]
    workshop = next(w for w in api(f"{PILOTER}/workshops") if w["title"].startswith("Évaluation croisée"))
    retained = [i for i in api(f"{PILOTER}/workshops/{workshop['id']}/ideas") if i["arbitration_status"] == "retenue"]
    assert len(retained) == 9 and all(idea["title"] in arbitration["text"] for idea in retained)
    assert arbitration["decided_on"] == "2019-05-06"


def test_no_seat_is_held_by_an_account_of_another_function(demo):
    from entente.governance.body_models import BodyMember

    held = BodyMember.objects.filter(user__email__endswith=DEMO_DOMAIN).select_related("user")
    assert held.exists()
    assert not held.filter(user__email="observateur@demo.entente.fr").exists()
    for seat in held.filter(label__startswith="DGA"):
        assert seat.user.function == "dga", (seat.label, seat.user.email)


# ---------------------------------------------------------------- every demo cooperation


@pytest.mark.parametrize("slug", [spec["slug"] for spec in all_cooperations()])
def test_meetings_fall_on_working_days(api, slug):
    days = [local_day(m["starts_at"]) for m in api(f"{slug}/meetings")]
    assert all(is_working_day(day) for day in days), [d for d in days if not is_working_day(d)]


@pytest.mark.parametrize("slug", [spec["slug"] for spec in all_cooperations()])
def test_decision_numbers_follow_their_dates(api, slug):
    decisions = sorted(api(f"{slug}/decisions"), key=decision_number)
    dates = [d["decided_on"] for d in decisions]
    assert dates == sorted(dates)


def test_every_agenda_marked_sent_names_who_received_it(demo):
    from entente.governance.meeting_models import Meeting

    sent = Meeting.objects.filter(agenda_sent_at__isnull=False).prefetch_related("agenda_sendings")
    assert sent.exists()
    for meeting in sent:
        (sending,) = meeting.agenda_sendings.all()
        assert sending.recipients and sending.sent_at == meeting.agenda_sent_at, meeting.title


# ---------------------------------------------------------------- Touraine (seed 002)


def test_the_touraine_trunk_is_adopted_under_its_signed_contracts(api):
    agreements = api(f"{TOURAINE}/agreements")
    (trunk,) = [a for a in agreements if a["derived_from_id"] is None]
    contracts = [a for a in agreements if a["derived_from_id"] == trunk["id"]]
    assert trunk["status"] == "adopte"
    assert len(contracts) == 10 and {c["status"] for c in contracts} == {"signe"}
    adopted_on = api(f"{TOURAINE}/agreements/{trunk['id']}/versions")[0]["created_at"][:10]
    assert adopted_on <= min(c["signed_on"] for c in contracts)


def test_the_dechetteries_decision_belongs_to_the_conference_des_presidents(api):
    (decision,) = [d for d in api(f"{TOURAINE}/decisions") if "déchèteries" in d["text"]]
    assert decision["body"] == "Conférence des présidents"
    assert "proportionnelle au nombre de déchèteries" in decision["text"]


def test_dechetterie_is_spelled_one_way(api):
    texts = json.dumps(
        [api(f"{TOURAINE}/decisions"), api(f"{TOURAINE}/actions"), api(f"{TOURAINE}/meetings")], ensure_ascii=False
    )
    assert "déchèterie" in texts and "déchetterie" not in texts


# ---------------------------------------------------------------- Loire × Haute-Loire (seed 003)


def test_the_named_pistes_are_judged_with_the_four_questions(api):
    (workshop,) = api(f"{LOIRE}/workshops")
    assert len(workshop["criteria"]) == 4 and workshop["criteria"][0]["label"] == "Améliore l'efficacité du service ?"
    assert "8" in workshop["title"] and "30" in workshop["title"]
    ideas = api(f"{LOIRE}/workshops/{workshop['id']}/ideas")
    assert len(ideas) == 8
    assert {i["arbitration_status"] for i in ideas} == {"retenue", "reportee"}
    conference = [d for d in api(f"{LOIRE}/decisions") if d["kind"] == "arbitrage"]
    assert [d["body"] for d in conference] == ["Conférence de l'entente"]
    results = api(f"{LOIRE}/workshops/{workshop['id']}/results")
    assert results


def test_the_conference_de_l_entente_meets(api):
    meetings = [m for m in api(f"{LOIRE}/meetings") if m["body"] == "Conférence de l'entente"]
    assert len(meetings) >= 2 and any(m["starts_at"].startswith("2019-10-24") for m in meetings)


def test_loire_texts_give_the_departements_their_article(api):
    (agreement,) = api(f"{LOIRE}/agreements")
    texts = json.dumps(
        [api(LOIRE), api(f"{LOIRE}/decisions"), api(f"{LOIRE}/agreements/{agreement['id']}"), api(f"{LOIRE}/actions")],
        ensure_ascii=False,
    )
    assert "de la Loire" in texts and "de la Haute-Loire" in texts
    assert not re.search(r"\b(de|du|à) (Haute-)?Loire\b", texts)


def test_the_bilateral_convention_does_not_speak_of_a_tronc_commun(api, client):
    (agreement,) = api(f"{LOIRE}/agreements")
    detail = api(f"{LOIRE}/agreements/{agreement['id']}")
    assert detail["derived_from_id"] is None
    assert "tronc commun" not in json.dumps(detail, ensure_ascii=False).lower()
    page = client.get(detail["url"]).content.decode()
    assert "Dispositions communes" in page and "Tronc commun" not in page and "accord collectif" not in page


# ---------------------------------------------------------------- CoDir de territoire (seeds 001, 004)


@pytest.mark.parametrize("slug", [ANCENIS, ACHARDS])
def test_ancenis_and_achards_have_their_collective_charter_meetings_and_decisions(api, slug):
    assert len(api(f"{slug}/bodies")) == 1
    assert len([m for m in api(f"{slug}/meetings") if m["status"] == "tenue"]) >= 3
    assert len(api(f"{slug}/decisions")) >= 2
    (charter,) = api(f"{slug}/charters")
    kinds = {section["kind"] for section in charter["versions"][0]["sections"]}
    assert {"rubrique", "regle_morale"} <= kinds  # charter and moral contract


@pytest.mark.parametrize("slug", [ERDRE, ANCENIS, ACHARDS])
def test_a_codir_charter_is_adopted_not_merely_proposed(api, client, slug):
    (charter,) = api(f"{slug}/charters")
    version = charter["versions"][0]
    members = api(f"{slug}/members")
    assert version["status"] == "en_vigueur" and len(version["adoptions"]) == len(members)
    page = client.get(f"/cooperations/{slug}/chartes-et-conventions/chartes/{charter['id']}/").content.decode()
    assert "adoptée par tous les membres" in page and "proposée à l'adoption" not in page


def test_the_achards_charter_meets_before_the_bureau(api):
    (charter,) = api(f"{ACHARDS}/charters")
    sections = {section["title"]: section["body"] for section in charter["versions"][0]["sections"]}
    assert "bureau communautaire" in sections["Quelle fréquence ?"]
    assert "conseil communautaire" not in sections["Quelle fréquence ?"]


def test_achards_decide_what_their_sheet_says_and_mortagne_does_not(api):
    achards = " ".join(d["text"] for d in api(f"{ACHARDS}/decisions"))
    assert "Vis ma vie" in achards or "messagerie instantanée" in achards
    mortagne = " ".join(d["text"] for d in api("codir-pays-de-mortagne/decisions"))
    assert "Vis ma vie" not in mortagne and "48 h" in mortagne


# ---------------------------------------------------------------- loading again


def test_loading_again_repairs_a_demo_that_drifted(demo):
    from entente.agreements.models import Agreement
    from entente.governance.decision_models import Decision
    from entente.governance.meeting_models import Meeting

    def shape():
        return (
            Cooperation.objects.count(),
            Meeting.objects.count(),
            Decision.objects.count(),
            Agreement.objects.filter(status="signe").count(),
        )

    first = shape()
    Agreement.objects.filter(cooperation__slug=PILOTER).update(status="en_signature", signed_on=None)
    Decision.objects.filter(cooperation__slug=TOURAINE, kind="arbitrage").update(text="Texte périmé")
    Cooperation.objects.filter(slug=LOIRE).update(name="Nom périmé")
    call_command("load_demo", verbosity=0)
    assert shape() == first
    assert Agreement.objects.get(cooperation__slug=PILOTER).status == "signe"
    assert not Decision.objects.filter(text="Texte périmé").exists()
    assert Cooperation.objects.get(slug=LOIRE).name == "Entente interdépartementale Loire — Haute-Loire"


def test_loading_again_leaves_a_cooperation_where_a_real_person_takes_part(demo):
    from io import StringIO

    from entente.accounts.factories import UserFactory
    from entente.cooperations.factories import CooperationFactory, MembershipFactory

    real = CooperationFactory(name="Coopération réelle")
    touraine = Cooperation.objects.get(slug=TOURAINE)
    MembershipFactory(cooperation=touraine, user=UserFactory(email="dgs@tours-metropole.fr"), role="membre")
    touraine.name = "Renommée par ses membres"
    touraine.save()
    touraine.purposes.clear()
    touraine.actions.filter(title="Enquête ménages déplacements").delete()
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert Cooperation.objects.get(pk=touraine.pk).name == "Renommée par ses membres"
    assert not touraine.purposes.exists()  # nothing is put back either
    assert not touraine.actions.filter(title="Enquête ménages déplacements").exists()
    assert Cooperation.objects.filter(pk=real.pk).exists()
    assert "laissée telle quelle" in output.getvalue()
