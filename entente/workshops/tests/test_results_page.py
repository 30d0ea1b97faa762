"""The results page's per-piste tables (rendered in Python for speed) read as a French page."""

import re

from django.urls import reverse

from entente.workshops.models import Idea


def _row(html: str, title: str) -> str:
    """The ranking table's row of a piste, its tags stripped to cells separated by |."""
    table = html.split('id="table-classement"', 1)[1].split("</table>", 1)[0]
    for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S):
        if title in row:
            return "|".join(re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S))
    raise AssertionError(f"pas de ligne pour {title}")


def _results_page(client, world, workshop) -> str:
    client.force_login(world.users["coordinateur"])
    return client.get(reverse("workshops:results", args=[world.own.slug, workshop.pk])).content.decode()


def test_ranking_row_gives_rank_partner_score_and_statistics_with_a_decimal_comma(client, world, session):
    html = _results_page(client, world, session.workshop)
    assert _row(html, "Formation commune") == (
        f"1|Formation commune|{session.org_a.name}|66,7|3 · 3,00 · 3,0 · 0,82|3 · 3,00 · 4,0 · 1,41"
        "|À engager tout de suite|Non arbitrée"
    )


def test_an_unscored_piste_has_dashes_and_no_rank(client, world, session):
    html = _results_page(client, world, session.workshop)
    assert _row(html, "Piste sans note") == f"—|Piste sans note|{session.org_a.name}|—|0 · —|0 · —|—|Non arbitrée"


def test_titles_are_escaped_in_the_tables_and_the_drawing(client, world, session):
    Idea.objects.filter(pk=session.i1.pk).update(title='<script>alert("x")</script>')
    html = _results_page(client, world, session.workshop)
    assert "<script>alert" not in html
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    assert html.count(escaped) == 5  # ranking, matrix data, drawing, quadrant list, pistes that divide


def test_a_merged_piste_names_the_pistes_it_brings_together(client, world, session):
    Idea.objects.filter(pk=session.i3.pk).update(merged_into=session.i1)
    html = _results_page(client, world, session.workshop)
    assert f"réunit : « Piste sans note » ({session.org_a.name})" in _row(html, "Formation commune")


def test_the_matrix_table_gives_value_and_feasibility_from_0_to_100(client, world, session):
    html = _results_page(client, world, session.workshop)
    matrix = html.split("Matrice de priorité — données", 1)[1].split("</table>", 1)[0]
    assert "<tr><td>Observatoire partagé</td><td>33</td><td>100</td><td>Gains rapides à confirmer</td></tr>" in matrix


def _refreshed_body(client, user, workshop) -> str:
    """The partial the results page re-fetches every 5 s during the evaluation (an HTMX request)."""
    client.force_login(user)
    response = client.get(
        reverse("workshops:results", args=[workshop.cooperation.slug, workshop.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="matrice"' in html
    return html


def test_the_refreshed_results_keep_the_threshold_link_for_who_runs_the_workshop(client, world, session):
    html = _refreshed_body(client, world.users["coordinateur"], session.workshop)
    grid = reverse("workshops:grid", args=[world.own.slug, session.workshop.pk])
    assert f'href="{grid}#seuils">Régler les seuils</a>' in html


def test_the_refreshed_results_have_no_threshold_link_for_a_reader(client, world, session):
    html = _refreshed_body(client, world.users["membre"], session.workshop)
    assert "Régler les seuils" not in html
