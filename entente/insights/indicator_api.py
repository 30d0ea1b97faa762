"""API of shared indicators: the catalogue, values per partner territory and year, and the imports made."""

import uuid
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from entente.cooperations.rules import get_abilities, get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import Id, Slug, text
from entente.core.job_api import job_api_url
from entente.core.numbers import api_decimal, api_integer

from . import indicator_services as services
from .health_api import router
from .indicator_import_jobs import start_values_import
from .indicator_imports import Mapping
from .indicators import partner_territories
from .models import MAX_INDICATOR_VALUE, CodeKind, Direction, Indicator, IndicatorImport, IndicatorTheme, IndicatorValue

TAG = "Indicateurs partagés"


class SharedIndicatorOut(Schema):
    id: int
    code: str
    name: str
    theme: str
    definition: str
    unit: str
    source: str
    year: int | None
    territory_kind: str
    direction: Direction = Field(description="« plus_haut », « plus_bas » ou « neutre » (ni l'un ni l'autre)")
    target: Decimal | None
    registry_figure: str = Field(description="« population » ou « communes » : calculé depuis le registre")


class SharedIndicatorIn(Schema):
    code: text(60, 1) = Field(pattern=r"^[-a-zA-Z0-9_]+$")
    name: text(200, 1)
    theme: IndicatorTheme = IndicatorTheme.FINANCES
    definition: text(2000) = ""
    unit: text(30) = ""
    source: text(200) = ""
    year: api_integer(minimum=1900, maximum=2100) | None = None
    direction: Direction = Direction.HIGHER
    target: api_decimal(minimum=-MAX_INDICATOR_VALUE, maximum=MAX_INDICATOR_VALUE, decimal_places=4) | None = None


class IndicatorValueOut(Schema):
    indicator_id: int
    indicator_code: str
    territory_code: str
    territory_name: str
    year: int
    value: Decimal
    origin: str
    updated_at: datetime


class IndicatorValueIn(Schema):
    territory_code: text(9, 1) = Field(description="code Insee (ou SIREN d'EPCI) d'un territoire partenaire")
    year: api_integer(minimum=1900, maximum=2100)
    value: api_decimal(minimum=-MAX_INDICATOR_VALUE, maximum=MAX_INDICATOR_VALUE, decimal_places=4)


class IndicatorImportOut(Schema):
    id: int
    file_name: str
    rows: int
    created: int
    updated: int
    unchanged: int
    mapping_name: str
    imported_at: datetime


def _value_out(value: IndicatorValue) -> dict:
    return {
        "indicator_id": value.indicator_id,
        "indicator_code": value.indicator.code,
        "territory_code": value.territory.code,
        "territory_name": value.territory.name,
        "year": value.year,
        "value": value.value,
        "origin": value.origin,
        "updated_at": value.updated_at,
    }


@router.get(
    "/cooperations/{slug}/indicators",
    response={200: list[SharedIndicatorOut], **errors(403)},
    summary="Indicateurs partagés d'une coopération",
    tags=[TAG],
)
@paginate(Pagination)
def list_indicators(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_indicators")
    return Indicator.objects.filter(cooperation=cooperation).order_by("position", "name", "pk")


@router.post(
    "/cooperations/{slug}/indicators",
    response={201: SharedIndicatorOut, **errors(409)},
    summary="Ajouter un indicateur au catalogue",
    tags=[TAG],
)
def create_indicator(request, slug: Slug, payload: SharedIndicatorIn):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_manage_indicators")
    if cooperation.indicators.filter(code=payload.code).exists():
        raise HttpError(409, "Un autre indicateur de la coopération porte déjà ce code.")
    return 201, services.save_indicator(cooperation=cooperation, by=request.user, **payload.dict())


@router.get(
    "/cooperations/{slug}/indicator-values",
    response={200: list[IndicatorValueOut], **errors(403)},
    summary="Valeurs des indicateurs (saisies et importées) par territoire et année",
    tags=[TAG],
)
@paginate(Pagination)
def list_values(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_view_indicators")
    values = (
        IndicatorValue.objects.filter(indicator__cooperation=cooperation)
        .select_related("indicator", "territory")
        .order_by("indicator__position", "indicator_id", "territory__code", "year")
    )
    return [_value_out(value) for value in values]


@router.put(
    "/cooperations/{slug}/indicators/{indicator_id}/values",
    response=IndicatorValueOut,
    summary="Saisir la valeur d'un territoire partenaire pour une année",
    tags=[TAG],
)
def put_value(request, slug: Slug, indicator_id: Id, payload: IndicatorValueIn):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_enter_indicator_values")
    indicator = Indicator.objects.filter(cooperation=cooperation, pk=indicator_id).first()
    if indicator is None:
        raise HttpError(404, "Indicateur introuvable.")
    territory = next(
        (
            p.territory
            for p in partner_territories(cooperation)
            if payload.territory_code in (p.territory.code, p.territory.siren)
        ),
        None,
    )
    if territory is None:
        raise HttpError(422, f"« {payload.territory_code} » n'est pas un territoire partenaire de la coopération.")
    abilities = get_abilities(request.user, cooperation)
    try:
        value = services.set_indicator_value(
            indicator=indicator,
            territory=territory,
            year=payload.year,
            value=payload.value,
            by=request.user,
            may_write_any=abilities["insights_manage_indicators"],
        )
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from None
    return _value_out(value)


@router.get(
    "/cooperations/{slug}/indicator-imports",
    response={200: list[IndicatorImportOut], **errors(403)},
    summary="Imports de valeurs d'une coopération",
    tags=[TAG],
)
@paginate(Pagination)
def list_imports(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_manage_indicators")
    return IndicatorImport.objects.filter(cooperation=cooperation).order_by("-imported_at", "-pk")


class IndicatorImportIn(Schema):
    file_name: text(255, 1) = Field(description="nom du fichier, gardé dans l'historique des imports")
    content: text(2_000_000, 1) = Field(
        description="contenu du fichier CSV (une ligne d'en-tête ; séparateur point-virgule, virgule ou tabulation)"
    )
    code_column: text(100, 1)
    code_kind: CodeKind = CodeKind.INSEE
    year_column: text(100) = ""
    fixed_year: api_integer(minimum=1900, maximum=2100) | None = None
    indicator_column: text(100) = ""
    fixed_indicator_id: Id | None = None
    value_column: text(100, 1)


class ImportJobOut(Schema):
    id: uuid.UUID
    status: str = Field(description="« en_attente », « en_cours », « terminee » ou « echec »")
    label: str
    page: str = Field(description="page de la tâche : son avancement, puis les nombres de valeurs ou les erreurs")
    api_url: str = Field(description="la tâche dans l'API (GET) : son avancement, puis son message ou ses erreurs")


@router.post(
    "/cooperations/{slug}/indicator-imports",
    response={202: ImportJobOut, **errors(422)},
    summary="Importer des valeurs depuis un CSV",
    description="Les colonnes sont vérifiées ici ; le fichier est ensuite importé en arrière-plan et la réponse "
    "donne la tâche, sa page et son adresse dans l'API (`api_url`, à suivre avec le même jeton). Tout le fichier "
    "est vérifié avant d'écrire : à la moindre ligne fausse, rien n'est importé et la tâche (sa page, ou `errors` "
    "dans l'API) donne chaque erreur avec sa ligne et sa colonne ; un import réussi paraît dans la liste des "
    "imports. Réimporter le même fichier ne change rien ; le même envoi, tant qu'il attend, répond la même tâche.",
    tags=[TAG],
)
def post_import(request, slug: Slug, payload: IndicatorImportIn):
    cooperation = get_cooperation_for_user(request.user, slug, "insights_manage_indicators")
    fixed_indicator = None
    if payload.fixed_indicator_id is not None:
        fixed_indicator = cooperation.indicators.filter(pk=payload.fixed_indicator_id, registry_figure="").first()
        if fixed_indicator is None:
            raise HttpError(422, "Indicateur introuvable dans le catalogue de la coopération.")
    if not payload.year_column and payload.fixed_year is None:
        raise HttpError(422, "Indiquez la colonne de l'année (year_column) ou l'année de toutes les lignes.")
    if not payload.indicator_column and fixed_indicator is None:
        raise HttpError(
            422, "Indiquez la colonne de l'indicateur (indicator_column) ou l'indicateur de toutes les lignes."
        )
    mapping = Mapping(
        code_column=payload.code_column,
        code_kind=payload.code_kind,
        value_column=payload.value_column,
        year_column=payload.year_column,
        fixed_year=payload.fixed_year,
        indicator_column=payload.indicator_column,
        fixed_indicator=fixed_indicator,
        name="API",
    )
    job = start_values_import(
        user=request.user,
        cooperation=cooperation,
        file_name=payload.file_name,
        content=payload.content.encode("utf-8"),
        mapping=mapping,
    )
    return 202, {
        "id": job.pk,
        "status": job.status,
        "label": job.label,
        "page": reverse("core:job", args=[job.pk]),
        "api_url": job_api_url(job),
    }
