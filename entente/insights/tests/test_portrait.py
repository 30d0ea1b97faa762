import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from entente.accounts.factories import UserFactory
from entente.cooperations.factories import CooperationFactory, MembershipFactory, PartnershipFactory
from entente.core.testing import html_and_query_count
from entente.insights import indicator_services, portrait_demo
from entente.insights import portrait_services as services
from entente.insights.portrait import cross_portrait
from entente.insights.portrait_models import PortraitChallenge, PortraitFoundation
from entente.portfolio.factories import ActionFactory, AxisFactory, WorkstreamFactory
from entente.territories.factories import OrganizationFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def _partner(cooperation, name, population, year=2023):
    territory = TerritoryFactory(departement_trait=True, name=name, population=population, population_year=year)
    return PartnershipFactory(
        cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
    )


@pytest.fixture
def setting():
    """Two départements side by side, a coordinator and a member, and a small portfolio."""
    cooperation = CooperationFactory(visibility="private")
    first = _partner(cooperation, "Aaa", 600_000)
    _partner(cooperation, "Bbb", 300_000)
    coordinator, member = UserFactory(), UserFactory()
    MembershipFactory(cooperation=cooperation, user=coordinator, role="coordinateur")
    MembershipFactory(cooperation=cooperation, user=member, role="membre", partner=first)
    action = ActionFactory(cooperation=cooperation, title="Coordonner les routes limitrophes")
    return {"cooperation": cooperation, "coordinator": coordinator, "member": member, "action": action}


def _url(cooperation, tail=""):
    return f"/cooperations/{cooperation.slug}/portrait-croise/{tail}"


def _challenges(setting):
    cooperation, coordinator, action = setting["cooperation"], setting["coordinator"], setting["action"]
    answered = services.save_challenge(
        cooperation=cooperation, user=coordinator, title="L'entretien des routes départementales", actions=[action]
    )
    unanswered = services.save_challenge(
        cooperation=cooperation, user=coordinator, title="L'accès aux services dématérialisés"
    )
    return answered, unanswered


def test_the_partners_stand_side_by_side_with_population_and_its_year(client, setting):
    client.force_login(setting["member"])
    html = client.get(_url(setting["cooperation"])).content.decode()
    figures = html[html.index('data-table="figures"') : html.index("</table>")]
    assert "Aaa" in figures and "Bbb" in figures
    assert "600\u00a0000\u00a0hab." in figures and "(2023)" in figures


def test_a_challenge_nothing_answers_is_flagged(client, setting):
    answered, unanswered = _challenges(setting)
    client.force_login(setting["member"])
    html = client.get(_url(setting["cooperation"])).content.decode()
    assert 'data-unanswered="1"' in html
    block = html[html.index(f'id="defi-{unanswered.pk}"') :]
    assert 'data-answered="non"' in block[:200] and "Sans réponse" in block
    answered_block = html[html.index(f'id="defi-{answered.pk}"') : html.index(f'id="defi-{unanswered.pk}"')]
    assert 'data-answered="oui"' in answered_block and "Coordonner les routes limitrophes" in answered_block


def test_when_every_challenge_is_answered_nothing_is_flagged(setting):
    answered, unanswered = _challenges(setting)
    services.save_challenge(
        cooperation=setting["cooperation"],
        user=setting["coordinator"],
        challenge=unanswered,
        title=unanswered.title,
        axes=[setting["action"].workstream.axis],
    )
    portrait = cross_portrait(setting["cooperation"], with_indicators=False)
    assert portrait.unanswered == [] and all(view.answered for view in portrait.challenges)


def test_an_answer_from_another_cooperation_is_refused(setting):
    foreign = ActionFactory()
    with pytest.raises(ValidationError):
        services.save_challenge(
            cooperation=setting["cooperation"], user=setting["coordinator"], title="Défi", actions=[foreign]
        )
    assert not PortraitChallenge.objects.exists()


def test_the_form_refuses_an_action_of_another_cooperation(client, setting):
    client.force_login(setting["coordinator"])
    foreign = ActionFactory()
    response = client.post(_url(setting["cooperation"], "defis/nouveau/"), {"title": "Défi", "actions": [foreign.pk]})
    assert response.status_code == 400
    assert "Ce choix n&#x27;appartient pas au portefeuille de la coopération." in response.content.decode()
    assert not PortraitChallenge.objects.exists()


def test_a_coordinator_writes_a_challenge_and_history_keeps_who(client, setting):
    client.force_login(setting["coordinator"])
    stream = setting["action"].workstream
    response = client.post(
        _url(setting["cooperation"], "defis/nouveau/"),
        {"title": "Le vieillissement de la population", "text": "Adapter l'accueil.", "workstreams": [stream.pk]},
    )
    assert response.status_code == 302
    challenge = PortraitChallenge.objects.get(cooperation=setting["cooperation"])
    assert list(challenge.workstreams.all()) == [stream]
    client.post(_url(setting["cooperation"], f"defis/{challenge.pk}/"), {"title": "L'adaptation au vieillissement"})
    challenge.refresh_from_db()
    assert challenge.title == "L'adaptation au vieillissement" and not challenge.workstreams.exists()
    assert challenge.history.count() == 2  # one row per save, its answers included
    assert {h.history_user for h in challenge.history.all()} == {setting["coordinator"]}
    first = challenge.history.earliest()
    assert first.history_type == "+" and [row.workstream_id for row in first.workstreams.all()] == [stream.pk]
    assert challenge.history.filter(title="Le vieillissement de la population").exists()


def test_an_empty_title_is_refused_in_french(client, setting):
    client.force_login(setting["coordinator"])
    response = client.post(_url(setting["cooperation"], "fondements/nouveau/"), {"title": ""})
    assert response.status_code == 400
    assert "Donnez un intitulé au fondement." in response.content.decode()


def test_foundations_keep_the_order_chosen(client, setting):
    cooperation, coordinator = setting["cooperation"], setting["coordinator"]
    first, second, third = (
        services.save_foundation(cooperation=cooperation, user=coordinator, title=title) for title in "ABC"
    )
    client.force_login(coordinator)
    response = client.post(_url(cooperation, f"fondements/{third.pk}/deplacer/"), {"sens": "monter"})
    assert response.status_code == 302
    assert [f.title for f in PortraitFoundation.objects.filter(cooperation=cooperation)] == ["A", "C", "B"]
    client.post(_url(cooperation, f"fondements/{first.pk}/deplacer/"), {"sens": "monter"})  # already first
    assert [f.title for f in PortraitFoundation.objects.filter(cooperation=cooperation)] == ["A", "C", "B"]
    client.post(_url(cooperation, f"fondements/{second.pk}/supprimer/"))
    assert [f.title for f in PortraitFoundation.objects.filter(cooperation=cooperation)] == ["A", "C"]


def test_an_item_of_another_cooperation_is_not_found(client, setting):
    other = CooperationFactory()
    foreign = services.save_foundation(cooperation=other, user=None, title="Ailleurs")
    client.force_login(setting["coordinator"])
    response = client.post(_url(setting["cooperation"], f"fondements/{foreign.pk}/supprimer/"))
    assert response.status_code == 404
    assert PortraitFoundation.objects.filter(pk=foreign.pk).exists()


def test_indicator_values_are_for_members_and_the_public_reads_the_rest(client, setting):
    cooperation, coordinator = setting["cooperation"], setting["coordinator"]
    cooperation.visibility = "public"
    cooperation.save()
    indicator = indicator_services.save_indicator(
        cooperation=cooperation, by=coordinator, code="epargne", name="Taux d'épargne brute", unit="%"
    )
    territory = setting["member"].memberships.get().partner.organization.territory
    for year, value in ((2023, "11"), (2024, "12.5")):
        indicator_services.set_indicator_value(
            indicator=indicator, territory=territory, year=year, value=Decimal(value), by=coordinator,
            may_write_any=True,
        )  # fmt: skip
    _challenges(setting)
    client.force_login(setting["member"])
    html = client.get(_url(cooperation)).content.decode()
    assert "Taux d&#x27;épargne brute" in html and "12,50\u00a0%" in html and "(2024)" in html
    client.logout()
    public = client.get(_url(cooperation)).content.decode()
    assert "épargne" not in public and "600\u00a0000" in public and "L&#x27;accès aux services" in public


def test_the_pdf_carries_the_challenges_and_flags_the_unanswered(client, setting):
    from pypdf import PdfReader

    _challenges(setting)
    client.force_login(setting["member"])
    response = client.get(_url(setting["cooperation"], "portrait-croise.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "L'entretien des routes départementales" in text and "Coordonner les routes limitrophes" in text
    assert "L'accès aux services dématérialisés" in text and "1 défi sur 2 sans réponse" in text


def test_the_docx_reads_back_with_its_challenges(client, setting):
    from docx import Document

    _challenges(setting)
    services.save_foundation(cooperation=setting["cooperation"], user=None, title="La cohésion sociale", text="…")
    client.force_login(setting["member"])
    response = client.get(_url(setting["cooperation"], "portrait-croise.docx"))
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert "La cohésion sociale" in paragraphs and "L'entretien des routes départementales" in paragraphs
    assert "Action : Coordonner les routes limitrophes" in paragraphs
    assert any(p.startswith("Sans réponse") for p in paragraphs)
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header[1:] == ["Aaa", "Bbb"]


def test_an_unknown_format_is_not_found(client, setting):
    client.force_login(setting["member"])
    assert client.get(_url(setting["cooperation"], "portrait-croise.odt")).status_code == 404


def test_the_page_keeps_a_constant_query_count(client, setting):
    cooperation, coordinator = setting["cooperation"], setting["coordinator"]
    _challenges(setting)
    client.force_login(coordinator)
    _, few = html_and_query_count(client, _url(cooperation))
    for index in range(6):
        _partner(cooperation, f"Ccc {index}", 1000 + index)
        services.save_foundation(cooperation=cooperation, user=coordinator, title=f"Fondement {index}")
        stream = WorkstreamFactory(cooperation=cooperation, axis=AxisFactory(cooperation=cooperation))
        services.save_challenge(
            cooperation=cooperation,
            user=coordinator,
            title=f"Défi {index}",
            axes=[stream.axis],
            workstreams=[stream],
            actions=[ActionFactory(cooperation=cooperation, workstream=stream)],
        )
    _, many = html_and_query_count(client, _url(cooperation))
    assert many == few


def test_the_api_gives_the_portrait_and_coordinators_write_it(client, setting):
    cooperation, action = setting["cooperation"], setting["action"]
    client.force_login(setting["coordinator"])
    base = f"/api/v1/cooperations/{cooperation.slug}/portrait"
    created = client.post(
        base + "/challenges",
        {"title": "Les routes", "action_ids": [action.pk], "axis_ids": [action.workstream.axis_id]},
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["answered"] is True
    foreign = client.post(
        base + "/challenges", {"title": "Autre", "action_ids": [ActionFactory().pk]}, content_type="application/json"
    )
    assert foreign.status_code == 422 and PortraitChallenge.objects.count() == 1
    client.post(base + "/foundations", {"title": "L'économie"}, content_type="application/json")
    body = client.get(base).json()
    assert [c["title"] for c in body["challenges"]] == ["Les routes"] and body["unanswered"] == 0
    assert body["foundations"][0]["title"] == "L'économie"
    assert [p["name"] for p in body["partners"]] == ["Aaa", "Bbb"]
    assert body["figures"][1]["values"][0] == {
        "shown": "600\u00a0000\u00a0hab.",
        "year": 2023,
        "illustrative": False,
    }
    challenge_id = created.json()["id"]
    changed = client.put(base + f"/challenges/{challenge_id}", {"title": "Les routes"}, content_type="application/json")
    assert changed.json()["answered"] is False
    assert client.delete(base + f"/challenges/{challenge_id}").status_code == 204
    assert not PortraitChallenge.objects.exists()


def test_the_demo_portrait_has_the_seed_foundations_and_nine_challenges(client):
    from entente.portfolio import demo as portfolio_demo

    cooperation = CooperationFactory(slug=portrait_demo.SLUG, visibility="public")
    for code, name in (("42", "Loire"), ("43", "Haute-Loire")):
        territory = TerritoryFactory(kind="departement", code=code, name=name, population=1000)
        PartnershipFactory(
            cooperation=cooperation, organization=OrganizationFactory(local_authority=True, territory=territory)
        )
    portfolio_demo.load_loire(cooperation)
    assert portrait_demo.load()["loaded"] == [portrait_demo.SLUG]
    assert portrait_demo.load()["loaded"] == []  # loaded once
    portrait = cross_portrait(cooperation, with_indicators=False)
    assert [f.title for f in portrait.foundations][0] == "La valorisation du territoire"
    assert len(portrait.foundations) == 4 and len(portrait.challenges) == 9
    assert [v.challenge.title for v in portrait.unanswered] == [
        "L'accompagnement des usages du numérique et la facilitation de l'accès aux services dématérialisés"
    ]
    roads = next(v for v in portrait.challenges if v.challenge.title.startswith("L'entretien des routes"))
    assert [w.title for w in roads.workstreams] == ["Routes"] and len(roads.actions) == 1
    html = client.get(_url(cooperation)).content.decode()
    assert 'data-unanswered="1"' in html


def test_the_history_keeps_every_change_with_who_made_it(client, setting):
    cooperation, coordinator = setting["cooperation"], setting["coordinator"]
    foundation = services.save_foundation(cooperation=cooperation, user=coordinator, title="L'économie")
    services.save_foundation(
        cooperation=cooperation, user=coordinator, foundation=foundation, title="L'économie locale"
    )
    answered, _unanswered = _challenges(setting)
    services.delete_portrait_item(item=answered, user=coordinator)
    client.force_login(setting["member"])
    html = client.get(_url(cooperation, "historique/")).content.decode()
    assert "L&#x27;économie locale" in html and "Suppression" in html and "Défi commun" in html
    assert coordinator.public_name in html
