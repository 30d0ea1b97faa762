"""JSON API for charters and agreements: read for those who see them, write for coordinators."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from entente.cooperations.rules import get_abilities, get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import Id, Slug
from entente.territories.models import Organization

from . import agreement_services, annex_services, charter_services, comment_services, signature_services, trunk_services
from .charter_models import CharterVersionStatus
from .diff import diff_contents
from .models import AgreementStatus
from .rules import (
    abilities,
    abilities_for_many,
    charter_version_verbs,
    get_agreement_for_user,
    get_charter_for_user,
    get_comment_for_user,
    get_commented_article_for_user,
    visible_charter_versions,
)
from .schemas import (
    AdoptionIn,
    AdoptionOut,
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    AgreementSummary,
    AnnexIn,
    AnnexOut,
    ArticleOut,
    CharterIn,
    CharterOut,
    CommentIn,
    CommentOut,
    DiffOut,
    DiffQuery,
    SectionOut,
    SignatoryIn,
    SignatoryOut,
    SignatureIn,
    TextIn,
    VersionOut,
)
from .text import check_placeholders

router = Router()
TAG = "Chartes et conventions"

BASE = "/cooperations/{slug}/agreements"
ONE = BASE + "/{agreement_id}"


def _summary(agreement, verbs: dict[str, bool]) -> dict:
    return {
        "id": agreement.pk,
        "title": agreement.title,
        "kind": agreement.kind,
        "status": agreement.status,
        "parent_id": agreement.parent_id,
        "derived_from_id": agreement.derived_from_id,
        "starts_on": agreement.starts_on,
        "ends_on": agreement.ends_on,
        "duration_months": agreement.duration_months,
        "signed_on": agreement.signed_on,
        "url": agreement.get_absolute_url(),
        "abilities": verbs,
    }


def _articles(articles) -> list[dict]:
    return [{"id": a.pk, "position": a.position, "title": a.title, "body": a.body} for a in articles]


def _full(agreement, user) -> dict:
    annexes = agreement.annexes.select_related("partnership__organization").prefetch_related("articles")
    signatories = agreement.signatories.select_related("organization").prefetch_related("signatures")
    return {
        **_summary(agreement, abilities(user, agreement)),
        "preamble": agreement.preamble,
        "place": agreement.place,
        "articles": _articles(agreement.articles.all()),
        "annexes": [
            {
                "id": a.pk,
                "partner": a.partnership.organization.name,
                "partnership_id": a.partnership_id,
                "title": a.title,
                "articles": _articles(a.articles.all()),
            }
            for a in annexes
        ],
        "signatories": [_signatory(s) for s in signatories],
    }


def _signatory(signatory) -> dict:
    signature = signatory.latest_signature
    return {
        "id": signatory.pk,
        "organization_id": signatory.organization_id,
        "organization": signatory.organization.name,
        "signer_title": signatory.signer_title,
        "outside_cosigner": signatory.is_outside_cosigner,
        "status": signatory.status,
        "signed_on": signature.signed_on if signature else None,
        "deliberation_reference": signature.deliberation_reference if signature else "",
    }


@router.get(BASE, response=list[AgreementSummary], summary="Conventions d'une coopération")
@paginate(Pagination)
def list_agreements(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    granted = get_abilities(request.user, cooperation)
    queryset = cooperation.agreements.select_related("cooperation").order_by("title", "pk")
    if not granted["agreements_view_drafts"]:
        queryset = queryset.exclude(status=AgreementStatus.DRAFT)
    agreements = list(queryset)
    verbs = abilities_for_many(agreements, granted)
    return [_summary(agreement, verbs[agreement.pk]) for agreement in agreements]


@router.post(BASE, response={201: AgreementOut}, summary="Créer une convention")
def create_agreement(request, slug: Slug, payload: AgreementIn):
    cooperation = get_cooperation_for_user(request.user, slug, "agreements_manage")
    check_placeholders(payload.preamble)
    agreement = agreement_services.create_agreement(cooperation=cooperation, user=request.user, **payload.dict())
    return 201, _full(agreement, request.user)


@router.get(ONE, response=AgreementOut, summary="Une convention : tronc commun, annexes, signataires")
def get_agreement(request, slug: Slug, agreement_id: Id):
    return _full(get_agreement_for_user(request.user, slug, agreement_id, "view"), request.user)


@router.patch(ONE, response=AgreementOut, summary="Modifier une convention en brouillon")
def update_agreement(request, slug: Slug, agreement_id: Id, payload: AgreementPatch):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "agreements_manage")
    data = payload.dict(exclude_unset=True)
    if "title" in data and data["title"] is None:
        raise HttpError(422, "L'intitulé ne peut pas être vide.")
    if data.get("preamble"):
        check_placeholders(data["preamble"])
    data = {key: ("" if value is None and key in ("preamble", "place") else value) for key, value in data.items()}
    return _full(agreement_services.update_agreement(agreement=agreement, **data), request.user)


@router.post(ONE + "/articles", response={201: ArticleOut}, summary="Ajouter un article au tronc commun")
def add_article(request, slug: Slug, agreement_id: Id, payload: TextIn):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "agreements_manage")
    article = agreement_services.add_article(agreement=agreement, title=payload.title, body=payload.body)
    return 201, _articles([article])[0]


@router.post(ONE + "/annexes", response={201: list[AnnexOut]}, summary="Tirer les annexes du portefeuille")
def generate_annexes(request, slug: Slug, agreement_id: Id, payload: AnnexIn):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "agreements_manage")
    partnerships = None
    if payload.partnership_id is not None:
        partnerships = [get_object_or_404(agreement.cooperation.partnerships, pk=payload.partnership_id)]
    annex_services.generate_annexes(agreement=agreement, partnerships=partnerships)
    return 201, _full(agreement, request.user)["annexes"]


@router.post(ONE + "/signatories", response={201: SignatoryOut}, summary="Ajouter un signataire")
def add_signatory(request, slug: Slug, agreement_id: Id, payload: SignatoryIn):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "agreements_manage")
    organization = Organization.objects.filter(pk=payload.organization_id).first()
    if organization is None:
        raise HttpError(422, "Organisation inconnue.")
    signatory = signature_services.add_signatory(
        agreement=agreement, organization=organization, signer_title=payload.signer_title, outside=payload.outside
    )
    return 201, _signatory(signatory)


@router.post(ONE + "/submit", response=AgreementOut, summary="Soumettre à signature (fige une version)")
def submit(request, slug: Slug, agreement_id: Id):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "agreements_manage")
    agreement_services.submit_for_signature(agreement=agreement, user=request.user)
    agreement.refresh_from_db()
    return _full(agreement, request.user)


@router.post(ONE + "/adopt", response=AgreementOut, summary="Adopter un tronc commun (fige le texte de ses contrats)")
def adopt_trunk(request, slug: Slug, agreement_id: Id):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "agreements_manage")
    trunk_services.adopt_trunk(trunk=agreement, user=request.user)
    agreement.refresh_from_db()
    return _full(agreement, request.user)


@router.post(ONE + "/signatures", response={201: SignatoryOut}, summary="Enregistrer une signature")
def record_signature(request, slug: Slug, agreement_id: Id, payload: SignatureIn):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "agreements_manage")
    organization = Organization.objects.filter(pk=payload.organization_id).first()
    if organization is None:
        raise HttpError(422, "Organisation inconnue.")
    signature = signature_services.record_signature(
        agreement=agreement,
        organization=organization,
        signed_on=payload.signed_on,
        user=request.user,
        deliberation_reference=payload.deliberation_reference,
    )
    return 201, _signatory(signature.signatory)


@router.get(ONE + "/versions", response=list[VersionOut], summary="Versions figées")
def list_versions(request, slug: Slug, agreement_id: Id):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "view")
    return [
        {
            "number": v.number,
            "note": v.note,
            "created_at": v.created_at,
            "created_by": v.created_by.public_name if v.created_by else None,
        }
        for v in agreement.versions.select_related("created_by")
    ]


@router.get(ONE + "/diff", response=list[DiffOut], summary="Différences entre deux versions, article par article")
def diff(request, slug: Slug, agreement_id: Id, query: Query[DiffQuery]):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "view")
    versions = {v.number: v for v in agreement.versions.filter(number__in=[query.from_version, query.to_version])}
    missing = [n for n in (query.from_version, query.to_version) if n not in versions]
    if missing:
        raise HttpError(404, f"Version inconnue : {missing[0]}.")
    blocks = diff_contents(versions[query.from_version].content, versions[query.to_version].content)
    return [{"part": b.part, "label": b.label, "status": b.status, "html": str(b.html)} for b in blocks if b.changed]


@router.post(ONE + "/comments", response={201: CommentOut}, summary="Commenter un article du brouillon")
def add_comment(request, slug: Slug, agreement_id: Id, payload: CommentIn):
    get_agreement_for_user(request.user, slug, agreement_id, "agreements_comment")  # 404 / 403 before 422
    if (payload.article_id is None) == (payload.annex_article_id is None):
        raise HttpError(422, "Indiquez soit article_id, soit annex_article_id.")
    article = get_commented_article_for_user(
        request.user, slug, agreement_id, article_pk=payload.article_id, annex_article_pk=payload.annex_article_id
    )
    target = {"article": article} if payload.article_id is not None else {"annex_article": article}
    comment = comment_services.add_comment(
        user=request.user, body=payload.body, proposed_body=payload.proposed_body, **target
    )
    return 201, _comment(comment)


def _comment(comment) -> dict:
    return {
        "id": comment.pk,
        "body": comment.body,
        "proposed_body": comment.proposed_body,
        "author": comment.author.public_name if comment.author else None,
        "created_at": comment.created_at,
        "resolved_at": comment.resolved_at,
        "applied_at": comment.applied_at,
    }


@router.post(
    ONE + "/comments/{comment_id}/apply",
    response=CommentOut,
    summary="Retenir la rédaction proposée par un commentaire",
)
def apply_proposal(request, slug: Slug, agreement_id: Id, comment_id: Id):
    comment = get_comment_for_user(request.user, slug, agreement_id, comment_id)
    return _comment(comment_services.apply_proposal(comment=comment, user=request.user))


def _charter(request, charter) -> dict:
    granted = get_abilities(request.user, charter.cooperation)
    versions = visible_charter_versions(request.user, charter).prefetch_related(
        "sections",
        "adoptions__user",
        "adoptions__partner__organization",
    )
    return {
        "id": charter.pk,
        "title": charter.title,
        "kind": charter.kind,
        "bodies": [body.name for body in charter.bodies.all()],
        "url": charter.get_absolute_url(),
        "versions": [
            {
                "number": v.number,
                "status": v.status,
                "published_at": v.published_at,
                "sections": [{"id": s.pk, "kind": s.kind, "title": s.title, "body": s.body} for s in v.sections.all()],
                "adoptions": [
                    {
                        "user": a.user.public_name,
                        "partner": a.partner.organization.name if a.partner else None,
                        "adopted_on": a.adopted_on,
                    }
                    for a in v.adoptions.all()
                ],
                "abilities": charter_version_verbs(
                    v, granted, adopted=any(a.user_id == request.user.pk for a in v.adoptions.all())
                ),
            }
            for v in versions
        ],
    }


@router.get("/cooperations/{slug}/charters", response=list[CharterOut], summary="Chartes d'une coopération")
@paginate(Pagination)
def list_charters(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "view")
    charters = cooperation.charters.prefetch_related("bodies").order_by("title", "pk")
    return [data for data in (_charter(request, c) for c in charters) if data["versions"]]


@router.post("/cooperations/{slug}/charters", response={201: CharterOut}, summary="Créer une charte")
def create_charter(request, slug: Slug, payload: CharterIn):
    cooperation = get_cooperation_for_user(request.user, slug, "agreements_manage")
    charter = charter_services.create_charter(
        cooperation=cooperation,
        user=request.user,
        kind=payload.kind,
        title=payload.title,
        with_presets=payload.with_presets,
        with_moral_rules=payload.with_moral_rules,
    )
    return 201, _charter(request, charter)


@router.get("/cooperations/{slug}/charters/{charter_id}", response=CharterOut, summary="Une charte et ses versions")
def get_charter(request, slug: Slug, charter_id: Id):
    return _charter(request, get_charter_for_user(request.user, slug, charter_id, "view"))


@router.post(
    "/cooperations/{slug}/charters/{charter_id}/adoptions",
    response={201: AdoptionOut, **errors(409)},
    summary="Adopter la version en vigueur",
)
def adopt(request, slug: Slug, charter_id: Id, payload: AdoptionIn):
    charter = get_charter_for_user(request.user, slug, charter_id, "agreements_adopt_charters")
    version = charter.versions.filter(status=CharterVersionStatus.PUBLISHED).first()
    if version is None:
        raise HttpError(409, "Cette charte n'a pas encore de version en vigueur à adopter.")
    adoption = charter_services.adopt_charter(version=version, user=request.user, adopted_on=payload.adopted_on)
    return 201, {
        "user": request.user.public_name,
        "partner": adoption.partner.organization.name if adoption.partner else None,
        "adopted_on": adoption.adopted_on,
    }


@router.post(ONE + "/amendments", response={201: AgreementOut}, summary="Créer un avenant à une convention signée")
def create_amendment(request, slug: Slug, agreement_id: Id):
    agreement = get_agreement_for_user(request.user, slug, agreement_id, "agreements_manage")
    return 201, _full(agreement_services.create_amendment(parent=agreement, user=request.user), request.user)


@router.post(
    "/cooperations/{slug}/charters/{charter_id}/sections",
    response={201: SectionOut, **errors(409)},
    summary="Ajouter une rubrique au brouillon d'une charte",
)
def add_section(request, slug: Slug, charter_id: Id, payload: TextIn):
    charter = get_charter_for_user(request.user, slug, charter_id, "agreements_manage")
    draft = charter.versions.filter(status=CharterVersionStatus.DRAFT).first()
    if draft is None:
        raise HttpError(409, "La charte n'a pas de brouillon ouvert : ouvrez une nouvelle version pour la modifier.")
    section = charter_services.add_charter_section(version=draft, title=payload.title, body=payload.body)
    return 201, {"id": section.pk, "kind": section.kind, "title": section.title, "body": section.body}


@router.post(
    "/cooperations/{slug}/charters/{charter_id}/publish",
    response={200: CharterOut, **errors(409)},
    summary="Mettre en vigueur le brouillon d'une charte",
)
def publish_charter(request, slug: Slug, charter_id: Id):
    charter = get_charter_for_user(request.user, slug, charter_id, "agreements_manage")
    draft = charter.versions.filter(status=CharterVersionStatus.DRAFT).first()
    if draft is None:
        raise HttpError(409, "La charte n'a pas de brouillon à mettre en vigueur.")
    charter_services.publish_charter_version(version=draft, user=request.user)
    return _charter(request, charter)
