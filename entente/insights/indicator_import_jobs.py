"""Indicator values imported by the worker: a file of up to 200,000 lines must not hold a web request.

The form (or the API's schema) checks the file and the mapping in the request; the file is then kept
in the private storage and read by the worker, which imports every line or none (`import_values`).
Errors come back line by line in the job's message (summary first, then « line<TAB>column<TAB>reason »),
which the job's page shows as the import page used to; the mapping is saved under its name only once
the import succeeded. « Relancer » reads the same file again, after a missing indicator was added.
"""

import hashlib
import json
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404
from django.urls import reverse

from entente.cooperations.models import Cooperation
from entente.cooperations.rules import get_cooperation_for_user
from entente.core.jobs import JobFailed, JobKind, JobOutput, register, start_job
from entente.core.storage import private_storage

from . import indicator_services as services
from .indicator_imports import Mapping, import_values

IMPORT_VALUES = "insights.import_values"
MAPPING_PARAMS = ["code_column", "code_kind", "year_column", "fixed_year", "indicator_column", "value_column", "name"]


def start_values_import(
    *, user, cooperation, file_name: str, content: bytes, mapping: Mapping, save_as: str = "", choice: str = ""
):
    """Keep the file and queue its import; the same file with the same mapping sent twice shows the same job."""
    params = {name: getattr(mapping, name) for name in MAPPING_PARAMS}
    params["fixed_indicator"] = mapping.fixed_indicator.pk if mapping.fixed_indicator else None
    digest = hashlib.sha256(content).hexdigest()
    choices = hashlib.sha256(json.dumps([params, save_as, choice], sort_keys=True, default=str).encode()).hexdigest()[
        :16
    ]
    suffix = ".xlsx" if file_name.lower().endswith(".xlsx") else ".csv"
    stored = private_storage().save(
        f"imports/indicateurs/{cooperation.pk}/{uuid.uuid4().hex}{suffix}", ContentFile(content)
    )
    import_page = reverse("insights:indicators_import", args=[cooperation.slug])
    job = start_job(
        kind=IMPORT_VALUES,
        key=f"{cooperation.pk}:{digest}:{choices}",
        user=user,
        cooperation=cooperation,
        label=f"Import de valeurs « {file_name} » — {cooperation.name}",
        params={
            "file": stored,
            "name": file_name,
            "mapping": params,
            "save_as": save_as,
            "choice": choice,  # the preset or saved mapping the form started from, to fill it again
            "dashboard": reverse("insights:indicators", args=[cooperation.slug]),
            "import_page": import_page,
        },
        back=("Importer des valeurs", import_page),
    )
    if job.params["file"] != stored:  # the same import is already waiting: keep one copy
        private_storage().delete(stored)
    return job


def _mapping(cooperation, params: dict) -> Mapping:
    fixed = None
    if params.get("fixed_indicator"):
        fixed = cooperation.indicators.filter(pk=params["fixed_indicator"], registry_figure="").first()
        if fixed is None:
            raise JobFailed(
                "L'indicateur choisi pour toutes les lignes a été retiré du catalogue depuis l'envoi du fichier : "
                "aucune valeur n'a été importée."
            )
    return Mapping(
        **{name: params.get(name) or "" for name in MAPPING_PARAMS if name != "fixed_year"},
        fixed_year=params.get("fixed_year"),
        fixed_indicator=fixed,
    )


def _run_import(job, progress) -> JobOutput:
    cooperation = Cooperation.objects.filter(pk=job.cooperation_id).first()
    if cooperation is None:
        raise JobFailed("La coopération a été supprimée depuis l'envoi du fichier : aucune valeur n'a été importée.")
    mapping = _mapping(cooperation, job.params["mapping"])
    storage, stored = private_storage(), job.params["file"]
    if not storage.exists(stored):
        raise JobFailed("Le fichier envoyé n'est plus disponible : déposez-le à nouveau depuis la page d'import.")
    with storage.open(stored, "rb") as handle:
        content = handle.read()
    progress(10)
    result = import_values(
        cooperation=cooperation, file_name=job.params["name"], content=content, mapping=mapping, by=job.requested_by
    )
    if result.error_count:
        raise JobFailed(_error_report(result))
    storage.delete(stored)  # imported: nothing will read it again
    message = (
        f"Import de « {job.params['name']} » : {result.created} valeur(s) ajoutée(s), "
        f"{result.updated} modifiée(s), {result.unchanged} inchangée(s)."
    )
    if job.params.get("save_as"):
        message += " " + _save_mapping(cooperation, job, mapping)
    return JobOutput(message=message)


def _error_report(result) -> str:
    count = result.error_count
    summary = f"Rien n'a été importé : {count} erreur{'s' if count > 1 else ''} dans le fichier."
    if count > len(result.errors):
        summary += f" Les {len(result.errors)} premières sont listées."
    rows = "\n".join("\t".join(_cell(v) for v in error) for error in result.errors)
    return f"{summary}\n{rows}"


def _save_mapping(cooperation, job, mapping: Mapping) -> str:
    """Saved only now that the file went in: a mapping that imports nothing is not worth a name."""
    name = job.params["save_as"]
    try:
        services.save_import_mapping(cooperation=cooperation, by=job.requested_by, name=name, mapping=mapping)
    except ValidationError:
        return f"La correspondance n'a pas été enregistrée : le nom « {name} » est déjà pris dans la coopération."
    return f"Correspondance enregistrée sous le nom « {name} »."


def _cell(value) -> str:
    """One cell of the report: a tab or line break in a quoted cell must not split the table."""
    return " ".join(str(value).split())


def _sees_import(user, job) -> bool:
    """Those who keep the cooperation's indicators, and nobody else."""
    if job.cooperation is None:
        return False
    try:
        get_cooperation_for_user(user, job.cooperation.slug, "insights_manage_indicators")
    except (Http404, PermissionDenied):
        return False
    return True


register(
    JobKind(IMPORT_VALUES, run=_run_import, visible_to=_sees_import, template="insights/indicators/_import_job.html")
)
