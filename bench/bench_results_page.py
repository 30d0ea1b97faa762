"""Workshop results page benchmark (PostgreSQL).

- workshop-results-900: the facilitator's results page of a workshop with 900 pistes, 50
  evaluators and 2 criteria (90,000 scores), a full GET through Django (middleware, session,
  permission checks, aggregates, template), median of several requests;
- bare-results-list: a bare Django view on the same stack that lists the same 900 pistes with
  one GROUP BY over their scores (count and mean per piste) in a plain HTML table: the floor
  any results page pays;
- workshop-results-900-queries: the number of SQL queries of the results page (constant).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _django import NotMeasurable, line, median_ms, not_measured, setup_django  # noqa: E402
from bench_workshops import analyze, fill_scores, make_workshop  # noqa: E402

PISTES, EVALUATORS, RUNS = 900, 50, 9

BARE_TEMPLATE = """<!doctype html><html lang="fr"><body><table><thead><tr><th>Piste</th><th>Partenaire</th>
<th>Notes</th><th>Moyenne</th></tr></thead><tbody>{% for row in rows %}<tr><td>{{ row.0 }}</td><td>{{ row.1 }}</td>
<td>{{ row.2 }}</td><td>{{ row.3|floatformat:2 }}</td></tr>{% endfor %}</tbody></table></body></html>"""


def bare_results_list(request, workshop_pk):
    """One GROUP BY over the scores of the workshop's pistes, rendered as a table."""
    from django.db import connection
    from django.http import HttpResponse
    from django.template import engines

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.title, o.name, COUNT(s.id), AVG(s.value) FROM workshops_idea i "
            "LEFT JOIN territories_organization o ON o.id = i.organization_id "
            "LEFT JOIN workshops_score s ON s.idea_id = i.id "
            "WHERE i.workshop_id = %s GROUP BY i.id, i.title, o.name ORDER BY i.id",
            [workshop_pk],
        )
        rows = cursor.fetchall()
    template = engines["django"].from_string(BARE_TEMPLATE)
    return HttpResponse(template.render({"rows": rows}, request))


def main():
    names = ["workshop-results-900", "bare-results-list", "workshop-results-900-queries"]
    try:
        setup_django("postgres")
    except NotMeasurable as error:
        for name in names:
            not_measured(name, str(error))
        return
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.urls import include, path, reverse

    from entente.accounts.models import User
    from entente.cooperations.models import MemberRole, Membership

    workshop = make_workshop(PISTES, EVALUATORS, suffix="-900")
    fill_scores(workshop)
    analyze()
    facilitator = User.objects.create_user(email="animatrice@bench.entente.fr", password="banc-d-essai-900")
    Membership.objects.create(cooperation=workshop.cooperation, user=facilitator, role=MemberRole.COORDINATOR)

    module = type(sys)("bench_results_urls")
    module.urlpatterns = [
        path("bench/bare-results/<int:workshop_pk>/", bare_results_list),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules["bench_results_urls"] = module
    with override_settings(ROOT_URLCONF="bench_results_urls", DEBUG=False, ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(facilitator)
        page = reverse("workshops:results", args=[workshop.cooperation.slug, workshop.pk])
        bare = f"/bench/bare-results/{workshop.pk}/"

        def get(url):
            def request():
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                return response

            return request

        ours = median_ms(get(page), runs=RUNS)
        reference = median_ms(get(bare), runs=RUNS)
        with CaptureQueriesContext(connection) as queries:
            get(page)()
    line("workshop-results-900", ours, "ms", ours / reference, "bare-results-list")
    line("bare-results-list", reference, "ms")
    line("workshop-results-900-queries", len(queries), "requêtes")


if __name__ == "__main__":
    main()
