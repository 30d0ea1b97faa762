"""Observation API: a cooperation's health figures, for one period, with their sources."""

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import Slug, text
from entente.governance.schedule import paris_today

from . import health, national, periods

router = Router()
TAG = "Observation"


class HealthLinkOut(Schema):
    label: str
    url: str


class HealthFigureOut(Schema):
    key: str
    title: str
    value: str
    sentence: str
    alert: bool
    threshold: str
    links: list[HealthLinkOut]


class HealthSectionOut(Schema):
    key: str
    title: str
    explanation: str
    figures: list[HealthFigureOut]


class HealthOut(Schema):
    period: str
    period_label: str
    alerts: list[str]
    sections: list[HealthSectionOut]


class HealthQuery(Schema):
    period: text(20) = ""


@router.get(
    "/cooperations/{slug}/health",
    # Named as when this module was api.py: clients generated from the schema keep their method names.
    operation_id="entente_insights_api_get_health",
    response={200: HealthOut, **errors(403)},
    summary="Santé d'une coopération",
    description="Les chiffres de la santé d'une coopération pour une période (« 2026 », « 2026-S1 », "
    "ou vide pour toute sa vie), chacun avec sa phrase, son seuil et ses sources.",
)
def get_health(request, slug: Slug, query: Query[HealthQuery]):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_health")
    today = paris_today()
    period = periods.parse_period(query.period[:10], today, health.first_year(cooperation, today))
    report = health.cooperation_health(cooperation, period, today=today)
    return {
        "period": period.key,
        "period_label": period.label,
        "alerts": report.alert_sentences,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "explanation": s.explanation,
                "figures": [vars(f) | {"links": [vars(link) for link in f.links]} for f in s.figures],
            }
            for s in report.sections
        ],
    }


class StatisticsRowOut(Schema):
    dimension: str
    code: str
    libelle: str
    cooperations: int
    cooperations_actives: int
    reunions_tenues: int
    suites_echues: int
    suites_realisees: int
    part_suites_realisees: int | None


@router.get(
    "/directory/statistics",
    operation_id="entente_insights_api_directory_statistics",
    response=list[StatisticsRowOut],
    summary="Vue nationale de l'annuaire",
    description="Les coopérations publiques comptées par type, région, département, finalité et forme, "
    "avec leur activité des douze derniers mois ; les mêmes lignes que le fichier ouvert "
    "« statistiques » et son schéma.",
)
@paginate(Pagination)
def directory_statistics(request):
    return national.table_rows(national.national_view())
