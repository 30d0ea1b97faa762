"""The agreements' background jobs: an agreement's or a charter version's document, and every
contract declined from a trunk in one ZIP file."""

import io
import zipfile

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404

from entente.cooperations.rules import can
from entente.core.jobs import JobFailed, JobKind, JobOutput, register, start_job

from .charter_models import CharterAdoption, CharterVersion
from .documents import (
    DocumentError,
    agreement_document,
    agreement_place,
    agreement_spec,
    charter_document,
    charter_place,
    charter_spec,
    download_name,
    stored_document,
)
from .models import Agreement, AgreementStatus
from .rules import get_agreement_for_user, get_charter_for_user, visible_charter_versions

CONTRACTS_ZIP = "agreements.contracts_zip"
AGREEMENT_DOCUMENT = "agreements.agreement_document"
CHARTER_DOCUMENT = "agreements.charter_document"


def derived_contracts(trunk, *, with_drafts: bool) -> list:
    contracts = trunk.derived_contracts.select_related("cooperation").order_by("title", "pk")
    if not with_drafts:
        contracts = contracts.exclude(status=AgreementStatus.DRAFT)
    return list(contracts)


def start_contracts_zip(user, trunk, fmt: str):
    """The job gathering the trunk's contracts this person may see, in one format."""
    with_drafts = can(user, "agreements_view_drafts", trunk.cooperation)
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
    return can(user, "agreements_view_drafts", trunk.cooperation) == job.params["drafts"]


register(JobKind(CONTRACTS_ZIP, run=_run_contracts_zip, visible_to=_sees_contracts_zip))


# One agreement's document -------------------------------------------------------------------
# Its content does not depend on who asks (drafts are shown to members only, by the access rule),
# so the key is the content's fingerprint: one job per version and format, whoever clicks.


class AgreementDocument:
    def __init__(self, agreement, fmt: str):
        self.agreement, self.fmt = agreement, fmt
        self.spec = agreement_spec(agreement)  # raises DocumentError (a placeholder left unfilled)
        self.key = f"{agreement.pk}:{fmt}:{self.spec.fingerprint()}"
        self.filename = download_name(agreement.title, fmt)

    def stored(self):
        return stored_document(self.spec, self.fmt, **agreement_place(self.agreement))

    def start(self, user):
        agreement = self.agreement
        return start_job(
            kind=AGREEMENT_DOCUMENT,
            key=self.key,
            user=user,
            cooperation=agreement.cooperation,
            label=f"{agreement.title} ({self.fmt.upper()})",
            params={"agreement": agreement.pk, "format": self.fmt},
            back=(agreement.title, agreement.get_absolute_url()),
        )


def _run_agreement_document(job, progress) -> JobOutput:
    agreement = Agreement.objects.select_related("cooperation").filter(pk=job.params["agreement"]).first()
    if agreement is None:
        raise JobFailed("Le document a été supprimé depuis la demande : il n'y a plus rien à produire.")
    try:
        path = agreement_document(agreement, job.params["format"])
    except DocumentError as error:
        raise JobFailed(str(error)) from error
    return JobOutput(
        content=path.read_bytes(),
        filename=download_name(agreement.title, job.params["format"]),
        message="Le document est prêt ; il est aussi servi aussitôt depuis la page de la convention.",
    )


def _sees_agreement_document(user, job) -> bool:
    if not Agreement.objects.filter(pk=job.params["agreement"]).exists():
        return user.is_authenticated and job.requested_by_id == user.pk
    try:
        get_agreement_for_user(user, job.cooperation.slug, job.params["agreement"], "view")
    except (Http404, PermissionDenied):
        return False
    return True


register(JobKind(AGREEMENT_DOCUMENT, run=_run_agreement_document, visible_to=_sees_agreement_document))


# One charter version's document -------------------------------------------------------------


def charter_version_with_details(version):
    return (
        CharterVersion.objects.select_related("charter__cooperation")
        .prefetch_related(
            "sections",
            "charter__bodies",
            Prefetch("adoptions", queryset=CharterAdoption.objects.select_related("user", "partner__organization")),
        )
        .get(pk=version.pk)
    )


class CharterDocument:
    def __init__(self, version, fmt: str):
        self.version, self.fmt = version, fmt
        self.spec = charter_spec(version)
        self.key = f"{version.charter_id}:{version.number}:{fmt}:{self.spec.fingerprint()}"
        self.filename = download_name(f"{version.charter.title} version {version.number}", fmt)

    def stored(self):
        return stored_document(self.spec, self.fmt, **charter_place(self.version))

    def start(self, user):
        charter = self.version.charter
        return start_job(
            kind=CHARTER_DOCUMENT,
            key=self.key,
            user=user,
            cooperation=charter.cooperation,
            label=f"{charter.title}, version {self.version.number} ({self.fmt.upper()})",
            params={"charter": charter.pk, "version": self.version.number, "format": self.fmt},
            back=(charter.title, charter.get_absolute_url()),
        )


def _run_charter_document(job, progress) -> JobOutput:
    version = CharterVersion.objects.filter(charter_id=job.params["charter"], number=job.params["version"]).first()
    if version is None:
        raise JobFailed("Cette version de la charte a été supprimée depuis la demande : il n'y a plus rien à produire.")
    version = charter_version_with_details(version)
    try:
        path = charter_document(version, job.params["format"])
    except DocumentError as error:
        raise JobFailed(str(error)) from error
    name = download_name(f"{version.charter.title} version {version.number}", job.params["format"])
    return JobOutput(
        content=path.read_bytes(),
        filename=name,
        message="Le document est prêt ; il est aussi servi aussitôt depuis la page de la charte.",
    )


def _sees_charter_document(user, job) -> bool:
    """Whoever sees that very version (drafts: the members who see drafts)."""
    params = job.params
    if not CharterVersion.objects.filter(charter_id=params["charter"], number=params["version"]).exists():
        return user.is_authenticated and job.requested_by_id == user.pk
    try:
        charter = get_charter_for_user(user, job.cooperation.slug, params["charter"], "view")
    except (Http404, PermissionDenied):
        return False
    return visible_charter_versions(user, charter).filter(number=params["version"]).exists()


register(JobKind(CHARTER_DOCUMENT, run=_run_charter_document, visible_to=_sees_charter_document))
