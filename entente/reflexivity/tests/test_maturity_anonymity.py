"""An anonymous campaign: no page, export, API answer or admin page ties an answer to its author, and a
figure drawn from fewer than three answers never shows."""

import pytest
from django.contrib.auth import get_user_model

from entente.cooperations.factories import PartnershipFactory
from entente.reflexivity import maturity_services as services
from entente.reflexivity.maturity_models import MaturityResponse
from entente.reflexivity.maturity_results import POOLED_LABEL, campaign_results
from entente.reflexivity.maturity_thresholds import MaturityLevel

from .factories import members, ratings

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(world):
    return services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="Anonyme 2026")


def answer(campaign, users, level=MaturityLevel.CROSSED, comment=None):
    for user in users:
        comments = {"parite": comment or f"Commentaire de {user.display_name}"}
        services.submit_answer(campaign, user=user, ratings=ratings(level), comments=comments)


def close(campaign, world):
    services.close_campaign(campaign, user=world.users["coordinateur"])


def pages(client, world, campaign):
    base = f"/cooperations/{world.own.slug}/reflexivite/"
    api = f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns/{campaign.pk}"
    urls = [
        base,
        f"{base}maturite/{campaign.pk}/",
        f"{base}maturite/{campaign.pk}/resultats.csv",
        *([f"{base}maturite/{campaign.pk}/repondre/"] if campaign.is_open else []),
        api,
        f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns",
    ]
    contents = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        contents[url] = response.content.decode("utf-8", "replace")
    xlsx = client.get(f"{base}maturite/{campaign.pk}/resultats.xlsx")
    assert xlsx.status_code == 200
    contents["xlsx"] = _xlsx_text(xlsx.content)
    return contents


def _xlsx_text(data):
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


def test_an_anonymous_answer_stores_no_author(campaign, world):
    answer(campaign, [world.users["membre"]])
    response = MaturityResponse.objects.get()
    assert response.user is None
    # The key needs the site's secret: a plain hash of the campaign's salt and the person gives nothing.
    import hashlib

    plain = hashlib.sha256(f"{campaign.salt}:user:{world.users['membre'].pk}".encode()).hexdigest()
    assert response.respondent_key != plain


def test_one_persons_keys_differ_from_one_campaign_to_the_next(campaign, world):
    other = services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="Autre")
    answer(campaign, [world.users["membre"]])
    answer(other, [world.users["membre"]])
    keys = set(MaturityResponse.objects.values_list("respondent_key", flat=True))
    assert len(keys) == 2


def test_no_page_export_or_api_names_who_answered_what(client, campaign, world):
    people = members(world.own, 3, prefix="Anonyme-Témoin")
    answer(campaign, people)
    close(campaign, world)
    client.force_login(world.users["coordinateur"])
    for url, content in pages(client, world, campaign).items():
        for person in people:
            assert person.display_name not in content.replace(f"Commentaire de {person.display_name}", ""), url
            assert person.email not in content, url
    # Comments are shown (three answers), their text only.
    detail = client.get(f"/cooperations/{world.own.slug}/reflexivite/maturite/{campaign.pk}/").content.decode()
    assert "Commentaire de Anonyme-Témoin 0" in detail


def test_the_api_refuses_the_answers_one_by_one(client, campaign, world):
    answer(campaign, members(world.own, 3))
    client.force_login(world.users["coordinateur"])
    response = client.get(f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns/{campaign.pk}/answers")
    assert response.status_code == 403
    assert "agrégés" in response.json()["detail"]


def test_a_named_campaign_gives_its_answers_one_by_one(client, world):
    campaign = services.open_campaign(
        cooperation=world.own, user=world.users["coordinateur"], title="N", anonymous=False
    )
    answer(campaign, [world.users["membre"]])
    client.force_login(world.users["coordinateur"])
    response = client.get(f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns/{campaign.pk}/answers")
    assert response.status_code == 200
    assert response.json()["items"][0]["person"] == world.users["membre"].display_name


def test_under_three_answers_no_figure_shows_anywhere(client, campaign, world):
    answer(campaign, members(world.own, 2, prefix="Duo"), comment="Un avis très reconnaissable")
    client.force_login(world.users["coordinateur"])
    for url, content in pages(client, world, campaign).items():
        assert "Un avis très reconnaissable" not in content, url
        assert "100.0" not in content and "100,0" not in content, url
    api = client.get(f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns/{campaign.pk}").json()
    assert api["shown"] is False and api["overall"] is None
    assert all(t["score"] is None and t["franchi"] is None for t in api["thresholds"])
    assert api["partners"] == [] and api["comments"] == []


def test_the_third_answer_shows_the_figures_once_the_campaign_is_closed(client, campaign, world):
    answer(campaign, members(world.own, 3))
    close(campaign, world)
    results = campaign_results(campaign)
    assert results.shown and results.overall == 100.0
    assert [t.counts["franchi"] for t in results.thresholds] == [3] * 12


def test_a_partner_with_fewer_than_three_answers_is_pooled(campaign, world):
    big = PartnershipFactory(cooperation=world.own)
    answer(campaign, members(world.own, 3, partner=big), MaturityLevel.CROSSED)
    answer(campaign, members(world.own, 2), MaturityLevel.NOT_YET)
    answer(campaign, members(world.own, 1), MaturityLevel.NOT_YET)
    close(campaign, world)
    partners = campaign_results(campaign).partners
    assert [(p.label, p.answers, p.score) for p in partners] == [
        (big.organization.name, 3, 100.0),
        (POOLED_LABEL, 3, 0.0),
    ]


def test_a_pool_too_small_takes_in_the_smallest_partner_so_nothing_can_be_subtracted(campaign, world):
    big, middle = PartnershipFactory(cooperation=world.own), PartnershipFactory(cooperation=world.own)
    answer(campaign, members(world.own, 4, partner=big))
    answer(campaign, members(world.own, 3, partner=middle))
    answer(campaign, members(world.own, 1), MaturityLevel.NOT_YET)
    close(campaign, world)
    partners = campaign_results(campaign).partners
    assert [(p.label, p.answers) for p in partners] == [(big.organization.name, 4), (POOLED_LABEL, 4)]


def test_a_named_campaign_shows_every_partner_and_author(world):
    campaign = services.open_campaign(
        cooperation=world.own, user=world.users["coordinateur"], title="N", anonymous=False
    )
    answer(campaign, [world.users["membre"]], comment="Mon avis")
    results = campaign_results(campaign)
    assert results.shown and len(results.partners) == 1
    assert results.comments[0].author == world.users["membre"].display_name


def test_the_admin_registers_no_answer(client, world):
    from django.contrib import admin

    from entente.reflexivity.maturity_models import MaturityParticipation
    from entente.reflexivity.mirror_models import MirrorResponse

    for model in (MaturityResponse, MaturityParticipation, MirrorResponse):
        assert model not in admin.site._registry


def test_the_change_since_the_previous_campaign(world):
    first = services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="2025")
    people = members(world.own, 3)
    answer(first, people, MaturityLevel.NOT_YET)
    services.close_campaign(first, user=world.users["coordinateur"])
    second = services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="2026")
    answer(second, people, MaturityLevel.IN_PROGRESS)
    close(second, world)
    results = campaign_results(second)
    assert results.previous == first
    assert [(t.previous, t.score, t.change) for t in results.thresholds][0] == (0.0, 50.0, 50.0)


def test_results_cost_the_same_queries_whatever_the_number_of_answers(world, django_assert_max_num_queries):
    campaign = services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="Q")
    answer(campaign, members(world.own, 3))
    close(campaign, world)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        campaign_results(campaign)
    services.reopen_campaign(campaign, user=world.users["coordinateur"])
    answer(campaign, members(world.own, 20))
    close(campaign, world)
    with CaptureQueriesContext(connection) as many:
        campaign_results(campaign)
    assert len(few) == len(many)
    assert get_user_model().objects.count() > 20


def test_an_open_anonymous_campaign_gives_only_its_number_of_answers(client, campaign, world):
    """Looking before and after a colleague answers must not tell that colleague's answer."""
    answer(campaign, members(world.own, 3), comment="Un avis très reconnaissable")
    answer(campaign, members(world.own, 1, prefix="Retardataire"), MaturityLevel.NOT_YET)
    client.force_login(world.users["coordinateur"])
    contents = pages(client, world, campaign)
    for url, content in contents.items():
        assert "Un avis très reconnaissable" not in content, url
        for figure in ("75.0", "75,0", "100.0", "100,0"):
            assert figure not in content, url
    base = f"/cooperations/{world.own.slug}/reflexivite/maturite/{campaign.pk}/"
    page = contents[base]
    assert "<span data-answers>4</span> réponses" in page and "afficheront à sa clôture" in page
    assert 'data-table="thresholds"' not in page
    for export in (contents[f"{base}resultats.csv"], contents["xlsx"]):
        assert "masqué jusqu'à la clôture" in export and "s'afficheront à sa clôture" in export
    api = client.get(f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns/{campaign.pk}").json()
    assert api["answers"] == 4 and api["shown"] is False and api["until_close"] is True
    assert "clôture" in api["detail"] and api["overall"] is None
    assert all(t["franchi"] is None and t["score"] is None for t in api["thresholds"])
    assert api["partners"] == [] and api["comments"] == []

    close(campaign, world)
    api = client.get(f"/api/v1/cooperations/{world.own.slug}/maturity-campaigns/{campaign.pk}").json()
    assert api["shown"] is True and api["until_close"] is False and api["detail"] == ""
    assert api["overall"] == 75.0
    assert 'data-table="thresholds"' in client.get(base).content.decode()


def test_a_named_campaign_keeps_live_results_while_open(world):
    campaign = services.open_campaign(
        cooperation=world.own, user=world.users["coordinateur"], title="N", anonymous=False
    )
    answer(campaign, [world.users["membre"]])
    results = campaign_results(campaign)
    assert results.shown and not results.until_close and results.overall == 100.0


def test_an_open_anonymous_previous_campaign_gives_no_comparison(world):
    first = services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="2025")
    answer(first, members(world.own, 3), MaturityLevel.NOT_YET)
    second = services.open_campaign(cooperation=world.own, user=world.users["coordinateur"], title="2026")
    answer(second, members(world.own, 3), MaturityLevel.IN_PROGRESS)
    close(second, world)
    results = campaign_results(second)
    assert results.previous is None and results.previous_overall is None


def test_the_thresholds_caption_speaks_of_an_evolution_only_when_there_is_a_previous_campaign(client, campaign, world):
    """A first campaign has no column of change: its caption must not announce one."""
    answer(campaign, members(world.own, 3))
    close(campaign, world)
    client.force_login(world.users["coordinateur"])
    page = client.get(f"/cooperations/{world.own.slug}/reflexivite/maturite/{campaign.pk}/").content.decode()
    assert 'data-table="thresholds"' in page
    assert "évolution en points" not in page and '<th scope="col">Évolution</th>' not in page
