"""The Touraine pattern: a common trunk (accord collectif) adopted once, declined into one bilateral
contract per partner, each with its annex, and the trunk's later wording carried over to drafts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from .agreement_services import create_agreement, lock_draft, save_version
from .annex_services import active_partnership, generate_annexes
from .models import Agreement, AgreementKind, AgreementStatus, AgreementVersion, Article
from .signature_services import add_signatory


@transaction.atomic
def derive_contract(*, trunk, partnership, user, title="", signer_title="") -> Agreement:
    """A bilateral contract sharing the trunk of another agreement, with the partner's annex.

    The Touraine pattern: one accord collectif, one contract per communauté de communes, each
    with its thematic annex; the trunk articles are copied, the annex pulled from the portfolio.
    """
    if trunk.derived_from_id:
        raise ValidationError(
            f"« {trunk.title} » est lui-même décliné d'un tronc commun : déclinez plutôt « {trunk.derived_from} »."
        )
    if trunk.kind == AgreementKind.AMENDMENT:
        raise ValidationError("Un avenant ne se décline pas en contrats bilatéraux.")
    active_partnership(trunk, partnership)
    contract = create_agreement(
        cooperation=trunk.cooperation,
        user=user,
        kind=trunk.kind,
        with_trunk=False,
        title=title or f"{trunk.title} — {partnership.organization}",
        preamble=trunk.preamble,
        duration_months=trunk.duration_months,
        starts_on=trunk.starts_on,
        ends_on=trunk.ends_on,
        place=trunk.place,
    )
    contract.derived_from = trunk
    contract.save(update_fields=["derived_from"])
    bulk_create_with_history(
        [Article(agreement=contract, position=a.position, title=a.title, body=a.body) for a in trunk.articles.all()],
        Article,
    )
    generate_annexes(agreement=contract, partnerships=[partnership])
    add_signatory(agreement=contract, organization=partnership.organization, signer_title=signer_title)
    return contract


def trunk_differs(contract) -> bool:
    """Whether a derived contract's articles no longer match its trunk's."""
    if contract.derived_from_id is None:
        return False
    mine = [(a.title, a.body) for a in contract.articles.all()]
    theirs = [(a.title, a.body) for a in contract.derived_from.articles.all()]
    return mine != theirs


@transaction.atomic
def propagate_trunk(*, trunk) -> tuple[list[Agreement], list[Agreement]]:
    """Copy the trunk's articles into every derived contract still in draft; annexes stay as they are.

    Returns (updated, skipped): contracts already submitted or signed keep their text, which
    only an avenant can change.
    """
    updated, skipped = [], []
    articles = list(trunk.articles.all())
    for contract in trunk.derived_contracts.order_by("title", "pk"):
        if not contract.is_draft:
            skipped.append(contract)
            continue
        contract = lock_draft(contract)
        contract.articles.all().delete()
        bulk_create_with_history(
            [Article(agreement=contract, position=a.position, title=a.title, body=a.body) for a in articles], Article
        )
        updated.append(contract)
    if not updated and not skipped:
        raise ValidationError("Aucun contrat n'a été décliné de ce tronc commun.")
    return updated, skipped


@transaction.atomic
def adopt_trunk(*, trunk, user, at=None) -> AgreementVersion:
    """The common trunk (accord collectif) is adopted: its text is frozen as a numbered version.

    Its derived contracts may then go to signature; a trunk is never signed under its own name,
    and once adopted it never goes back to a draft.
    """
    trunk = lock_draft(trunk)
    if not trunk.derived_contracts.exists():
        raise ValidationError(
            "Seul un tronc commun s'adopte : déclinez d'abord cette convention en contrats bilatéraux, "
            "ou soumettez-la à signature."
        )
    if not trunk.articles.exists():
        raise ValidationError("Le tronc commun n'a aucun article : rédigez-le avant de l'adopter.")
    version = save_version(agreement=trunk, user=user, note="Tronc commun adopté", at=at)
    trunk.status = AgreementStatus.ADOPTED
    trunk.save(update_fields=["status"])
    return version
