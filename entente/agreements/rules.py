"""Who may do what with charters and agreements; registered once, read by views, API and templates."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from entente.cooperations.rules import (
    CONTRIBUTOR,
    COORDINATOR,
    MEMBER,
    OBSERVER,
    any_of,
    can,
    get_cooperation_for_user,
    has_role,
    is_operator,
    register_ability,
)

from .models import Agreement, Charter, CharterVersionStatus

AGREEMENT_ABILITIES = {
    # Drafts and their comments stay inside the cooperation; public visitors read texts once submitted.
    "agreements_see_drafts": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER), is_operator),
    "agreements_comment": any_of(has_role(COORDINATOR, MEMBER, CONTRIBUTOR), is_operator),
    "agreements_manage": any_of(has_role(COORDINATOR), is_operator),
    "agreements_see_scans": any_of(has_role(COORDINATOR, MEMBER, OBSERVER), is_operator),
    # Adopting a charter is a personal act of a member: operators support, they do not adopt.
    "charters_adopt": has_role(COORDINATOR, MEMBER, CONTRIBUTOR, OBSERVER),
}


def register() -> None:
    from entente.cooperations.rules import ABILITIES

    for name, predicate in AGREEMENT_ABILITIES.items():
        if name not in ABILITIES:
            register_ability(name, predicate)


def _deny_unless(user, action, cooperation) -> None:
    if not can(user, action, cooperation):
        raise PermissionDenied("Vous n'avez pas le droit d'effectuer cette action sur ces textes de la coopération.")


def get_agreement_for_user(user, slug, pk, action="view") -> Agreement:
    """The agreement of that cooperation: 404 if unseen (drafts included), 403 if seen but not allowed."""
    cooperation = get_cooperation_for_user(user, slug, "view")
    agreement = (
        Agreement.objects.select_related("cooperation", "parent", "derived_from", "created_by")
        .filter(cooperation=cooperation, pk=pk).first()
    )
    if agreement is None or (agreement.is_draft and not can(user, "agreements_see_drafts", cooperation)):
        raise Http404("Convention introuvable.")
    _deny_unless(user, action, cooperation)
    return agreement


def visible_charter_versions(user, charter):
    versions = charter.versions.all()
    if not can(user, "agreements_see_drafts", charter.cooperation):
        versions = versions.exclude(status=CharterVersionStatus.DRAFT)
    return versions


def get_charter_for_user(user, slug, pk, action="view") -> Charter:
    """A charter is public once a version is in force; before that only members see it."""
    cooperation = get_cooperation_for_user(user, slug, "view")
    charter = Charter.objects.select_related("cooperation").filter(cooperation=cooperation, pk=pk).first()
    if charter is None or not visible_charter_versions(user, charter).exists():
        raise Http404("Charte introuvable.")
    _deny_unless(user, action, cooperation)
    return charter
