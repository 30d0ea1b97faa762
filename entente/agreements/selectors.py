"""Reads: the frozen form of an agreement, its placeholder values, and the bodies of its cooperation."""

from django.utils import timezone

from entente.core.formatting import format_date, format_list
from entente.core.french import de
from entente.governance.body_models import Body

from .models import AgreementKind
from .text import french_duration


def cooperation_bodies(cooperation) -> list:
    return list(Body.objects.filter(cooperation=cooperation).order_by("name"))


def placeholder_values(agreement, *, signatories=None) -> dict[str, str]:
    cooperation = agreement.cooperation
    partners = cooperation.partnerships.active().select_related("organization")
    if signatories is None:
        signatories = [s.organization.name for s in agreement.signatories.select_related("organization")]
    bodies = [body.name for body in cooperation_bodies(cooperation)]
    return {
        "cooperation": cooperation.name,
        "partenaires": format_list(p.organization.name for p in partners) or "les partenaires de la coopération",
        "signataires": format_list(signatories) or "les signataires",
        "instances": format_list(bodies) or "les instances que les parties désigneront d'un commun accord",
        "finalites": format_list(p.label.lower() for p in cooperation.purposes.all())
        or "celles que les parties arrêteront ensemble",
        "formes": format_list(_lower_first(f.label) for f in cooperation.forms.all())
        or "celles que les parties arrêteront ensemble",
        "duree": french_duration(agreement.duration_months) or "indéterminée",
        "date_debut": format_date(agreement.starts_on) or "la date de la dernière signature",
        "date_fin": format_date(agreement.ends_on) or "le terme de la durée prévue",
    }


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def snapshot(agreement) -> dict:
    """The whole text as plain data: what a version freezes and what documents are built from."""
    signatories = list(agreement.signatories.select_related("organization"))
    annexes = agreement.annexes.select_related("partnership__organization__territory").prefetch_related("articles")
    return {
        "title": agreement.title,
        "kind": agreement.kind,
        "kind_label": agreement.get_kind_display(),
        "parent": agreement.parent.title if agreement.parent_id else "",
        "preamble": agreement.preamble,
        "duration_months": agreement.duration_months,
        "starts_on": agreement.starts_on.isoformat() if agreement.starts_on else None,
        "ends_on": agreement.ends_on.isoformat() if agreement.ends_on else None,
        "place": agreement.place,
        "values": placeholder_values(agreement, signatories=[s.organization.name for s in signatories]),
        "articles": [{"title": a.title, "body": a.body} for a in agreement.articles.all()],
        "annexes": [
            {
                "partner": annex.partnership.organization.name,
                "partner_de": de(annex.partnership.organization),
                "partnership_id": annex.partnership_id,
                "title": annex.title,
                "articles": [{"title": a.title, "body": a.body} for a in annex.articles.all()],
            }
            for annex in annexes
        ],
        "signatories": [
            {"organization": s.organization.name, "signer_title": s.signer_title, "outside": s.is_outside_cosigner}
            for s in signatories
        ],
        "taken_at": timezone.now().isoformat(),
    }


def signature_rows(agreement) -> dict[str, dict]:
    """Signatures of the latest version, by organization name, for signature blocks."""
    version = agreement.versions.order_by("-number").first()
    if version is None:
        return {}
    rows = {}
    for signature in version.signatures.select_related("signatory__organization"):
        rows[signature.signatory.organization.name] = {
            "signed_on": signature.signed_on.isoformat(),
            "deliberation_reference": signature.deliberation_reference,
        }
    return rows


def is_trunk_pattern(agreement) -> bool:
    """Whether an agreement belongs to the Touraine pattern: a common trunk or a contract derived from one."""
    return agreement.derived_from_id is not None or agreement.derived_contracts.exists()


def articles_heading(agreement, *, has_annexes: bool) -> str:
    """What the shared articles are called: only a trunk and its contracts speak of a « tronc commun »."""
    if is_trunk_pattern(agreement):
        reciprocity = agreement.kind == AgreementKind.RECIPROCITY_CONTRACT
        return "Accord collectif — tronc commun" if reciprocity else "Tronc commun"
    return "Dispositions communes" if has_annexes else "Articles"
