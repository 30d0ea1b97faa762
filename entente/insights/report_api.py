"""API of the annual activity report: its data for a year, its foreword and conclusion, its documents."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.http import Http404
from django.urls import reverse
from ninja import Field, Schema
from ninja.errors import HttpError

from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import errors
from entente.core.bounds import Slug, text
from entente.core.job_api import job_api_url
from entente.core.numbers import api_integer
from entente.governance.schedule import paris_today

from . import report_services
from .annual_report import Report, annual_report, by_key, report_years
from .health_api import HealthSectionOut, router
from .report_documents import ReportDocument
from .report_models import REPORT_TEXT_LENGTH

TAG = "Rapport d'activité"
Year = api_integer(minimum=1900, maximum=2100)


class ReportTableOut(Schema):
    key: str
    caption: str
    headers: list[str]
    rows: list[list[str]]


class ReportIndicatorOut(Schema):
    code: str
    name: str
    unit: str
    source: str
    illustrative: bool
    values: list[list[str]]  # [partner, value as written]


class ReportKeyFigureOut(Schema):
    label: str
    value: str


class AnnualReportOut(Schema):
    year: int
    title: str
    foreword: str
    conclusion: str
    updated_at: datetime.datetime | None
    key_figures: list[ReportKeyFigureOut]
    tables: list[ReportTableOut]
    indicators: list[ReportIndicatorOut]
    health: list[HealthSectionOut]


class ReportTextsIn(Schema):
    foreword: text(REPORT_TEXT_LENGTH) = ""
    conclusion: text(REPORT_TEXT_LENGTH) = ""


class ReportFormat(TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX"


class ReportDocumentIn(Schema):
    format: ReportFormat = ReportFormat.PDF


class JobOut(Schema):
    id: uuid.UUID
    status: str
    label: str
    page: str
    download: str = Field(description="téléchargement depuis le site (session du navigateur)")
    api_url: str = Field(
        description="la tâche dans l'API (GET) : son état, puis l'adresse de son fichier pour le jeton"
    )


def _report_for(user, slug, year, ability) -> tuple[object, Report]:
    cooperation = get_cooperation_for_user(user, slug, ability)
    if year not in report_years(cooperation, paris_today()):
        raise Http404("Pas de rapport d'activité pour cette année.")
    return cooperation, annual_report(cooperation, year)


def _report_out(report: Report) -> dict:
    return {
        "year": report.year,
        "title": report.title,
        "foreword": report.texts.foreword,
        "conclusion": report.texts.conclusion,
        "updated_at": report.texts.updated_at if report.texts.pk else None,
        "key_figures": [{"label": label, "value": value} for label, value in report.key_figures],
        "tables": [vars(table) for table in by_key(report).values()],
        "indicators": [
            {
                "code": block.indicator.code,
                "name": block.indicator.name,
                "unit": block.indicator.unit,
                "source": block.source_line,
                "illustrative": block.illustrative,
                "values": [[row.label, row.shown] for row in block.rows],
            }
            for block in report.indicators
        ],
        "health": [
            {
                "key": s.key,
                "title": s.title,
                "explanation": s.explanation,
                "figures": [vars(f) | {"links": [vars(link) for link in f.links]} for f in s.figures],
            }
            for s in report.health.sections
        ],
    }


@router.get(
    "/cooperations/{slug}/annual-reports/{year}",
    response={200: AnnualReportOut, **errors(403)},
    summary="Rapport d'activité d'une année",
    description="Les tableaux du rapport annuel d'activité (partenaires, instances et réunions, décisions et suites, "
    "actions, répartition des coûts par partenaire, financements), les indicateurs et la santé de l'année, "
    "l'avant-propos et la conclusion ; tirés des seuls enregistrements de l'année.",
    tags=[TAG],
)
def get_annual_report(request, slug: Slug, year: Year):
    _cooperation, report = _report_for(request.user, slug, year, "insights_view_report")
    return _report_out(report)


@router.put(
    "/cooperations/{slug}/annual-reports/{year}",
    response={200: AnnualReportOut, **errors(403)},
    summary="Écrire l'avant-propos et la conclusion d'un rapport d'activité",
    tags=[TAG],
)
def put_annual_report_texts(request, slug: Slug, year: Year, payload: ReportTextsIn):
    cooperation, _report = _report_for(request.user, slug, year, "insights_edit_report")
    try:
        report_services.save_report_texts(
            cooperation=cooperation,
            year=year,
            user=request.user,
            foreword=payload.foreword,
            conclusion=payload.conclusion,
        )
    except ValidationError as error:
        raise HttpError(400, " ".join(error.messages)) from error
    return _report_out(annual_report(cooperation, year))


@router.post(
    "/cooperations/{slug}/annual-reports/{year}/documents",
    response={202: JobOut, **errors(403)},
    summary="Produire le rapport d'activité en PDF ou DOCX",
    description="Met en file la production du document (format « pdf » ou « docx ») et répond la tâche : sa page "
    "suit l'avancement, son adresse de téléchargement sert le fichier une fois prêt ; avec un jeton, "
    "suivez `api_url` (l'état, puis l'adresse du fichier dans l'API). Un document déjà demandé "
    "pour le même contenu répond la même tâche.",
    tags=[TAG],
)
def post_annual_report_document(request, slug: Slug, year: Year, payload: ReportDocumentIn):
    _cooperation, report = _report_for(request.user, slug, year, "insights_view_report")
    job = ReportDocument(report, payload.format.value).start(request.user)
    return 202, {
        "id": job.pk,
        "status": job.status,
        "label": job.label,
        "page": reverse("core:job", args=[job.pk]),
        "download": reverse("core:job_download", args=[job.pk]),
        "api_url": job_api_url(job),
    }
