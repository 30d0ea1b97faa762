"""The agreements' background jobs: every contract declined from a trunk, in one ZIP file."""

import io
import zipfile

from django.core.exceptions import PermissionDenied
from django.http import Http404

from entente.cooperations.rules import can
from entente.core.jobs import JobFailed, JobKind, JobOutput, register, start_job

from .documents import DocumentError, agreement_document, download_name
from .models import Agreement, AgreementStatus
from .rules import get_agreement_for_user

CONTRACTS_ZIP = "agreements.contracts_zip"


def derived_contracts(trunk, *, with_drafts: bool) -> list:
    contracts = trunk.derived_contracts.select_related("cooperation").order_by("title", "pk")
    if not with_drafts:
        contracts = contracts.exclude(status=AgreementStatus.DRAFT)
    return list(contracts)


def start_contracts_zip(user, trunk, fmt: str):
    """The job gathering the trunk's contracts this person may see, in one format."""
    with_drafts = can(user, "agreements_see_drafts", trunk.cooperation)
    return start_job(
        kind=CONTRACTS_ZIP,
        key=f"{trunk.pk}:{fmt}:{'brouillons' if with_drafts else 'publics'}",
        label=f"Contrats déclinés de « {trunk.title} » ({fmt.upper()}, ZIP)",
        params={"agreement": trunk.pk, "format": fmt, "drafts": with_drafts},
        user=user,
        cooperation=trunk.cooperation,
        back=(trunk.title, trunk.get_absolute_url()),
    )


def _run_contracts_zip(job, progress) -> JobOutput:
    trunk = Agreement.objects.select_related("cooperation").filter(pk=job.params["agreement"]).first()
    if trunk is None:
        raise JobFailed("Le tronc commun a été supprimé depuis la demande : il n'y a plus de contrats à rassembler.")
    fmt = job.params["format"]
    contracts = derived_contracts(trunk, with_drafts=job.params["drafts"])
    if not contracts:
        raise JobFailed("Plus aucun contrat n'est décliné de ce tronc commun : ils ont été supprimés entre-temps.")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, contract in enumerate(contracts, start=1):
            try:
                path = agreement_document(contract, fmt)  # kept per version: an unchanged contract is not redone
            except DocumentError as error:
                raise JobFailed(f"« {contract.title} » : {error}") from error
            archive.write(path, arcname=download_name(contract.title, fmt))
            progress(done * 100 // (len(contracts) + 1))
    return JobOutput(
        content=buffer.getvalue(),
        filename=download_name(f"contrats déclinés {fmt} {trunk.title}", "zip"),
        message=f"{len(contracts)} contrat(s) rassemblé(s) dans un fichier ZIP.",
    )


def _sees_contracts_zip(user, job) -> bool:
    """Whoever sees the trunk with the same access to drafts; the requester alone once it is gone."""
    if not Agreement.objects.filter(pk=job.params["agreement"]).exists():
        return user.is_authenticated and job.requested_by_id == user.pk
    try:
        trunk = get_agreement_for_user(user, job.cooperation.slug, job.params["agreement"], "view")
    except (Http404, PermissionDenied):
        return False
    return can(user, "agreements_see_drafts", trunk.cooperation) == job.params["drafts"]


register(JobKind(CONTRACTS_ZIP, run=_run_contracts_zip, visible_to=_sees_contracts_zip))
