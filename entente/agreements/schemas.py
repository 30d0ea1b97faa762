"""The shapes of the agreements API: what it reads (…In, validated with French messages) and answers (…Out)."""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import field_validator

from entente.core.bounds import ApiDate, Description, Document, Id, text

from .charter_models import CharterKind
from .models import AgreementKind


class ArticleOut(Schema):
    id: int
    position: int
    title: str
    body: str


class AnnexOut(Schema):
    id: int
    partner: str
    partnership_id: int
    title: str
    articles: list[ArticleOut]


class SignatoryOut(Schema):
    id: int
    organization_id: int
    organization: str
    signer_title: str
    outside_cosigner: bool
    status: str
    signed_on: date | None
    deliberation_reference: str


class AgreementSummary(Schema):
    id: int
    title: str
    kind: str
    status: str
    parent_id: int | None
    derived_from_id: int | None = None
    starts_on: date | None
    ends_on: date | None
    duration_months: int | None
    signed_on: date | None
    url: str
    abilities: dict[str, bool] = Field(
        description="Ce que le demandeur peut faire de ce texte maintenant (modifier, commenter, signer…)"
    )


class AgreementOut(AgreementSummary):
    preamble: str
    place: str
    articles: list[ArticleOut]
    annexes: list[AnnexOut]
    signatories: list[SignatoryOut]


class TextIn(Schema):
    title: text(200, min_length=1)
    body: Document = ""

    @field_validator("title")
    @classmethod
    def strip_title(cls, value):
        if not value.strip():
            raise ValueError("l'intitulé ne peut pas être vide")
        return value.strip()


class AgreementIn(Schema):
    title: text(255, min_length=3)
    kind: AgreementKind = AgreementKind.CONVENTION
    preamble: Description = ""
    duration_months: int | None = Field(default=None, ge=1, le=1200)
    starts_on: ApiDate | None = None
    ends_on: ApiDate | None = None
    place: text(120) = ""
    with_trunk: bool = Field(default=True, description="partir du tronc commun type")

    @field_validator("kind")
    @classmethod
    def no_free_amendment(cls, value):
        if value == AgreementKind.AMENDMENT:
            raise ValueError("un avenant se crée depuis la convention signée qu'il modifie")
        return value


class AgreementPatch(Schema):
    title: text(255, min_length=3) | None = None
    preamble: Description | None = None
    duration_months: int | None = Field(default=None, ge=1, le=1200)
    starts_on: ApiDate | None = None
    ends_on: ApiDate | None = None
    place: text(120) | None = None


class AnnexIn(Schema):
    partnership_id: Id | None = Field(default=None, description="un partenaire ; tous les partenaires actifs sinon")


class SignatoryIn(Schema):
    organization_id: Id
    signer_title: text(200) = ""
    outside: bool = Field(default=False, description="cosignataire extérieur à la coopération (l'État…)")


class SignatureIn(Schema):
    organization_id: Id
    signed_on: ApiDate
    deliberation_reference: text(200) = ""


class VersionOut(Schema):
    number: int
    note: str
    created_at: datetime
    created_by: str | None


class DiffOut(Schema):
    part: str
    label: str
    status: str
    html: str


class DiffQuery(Schema):
    from_version: int = Field(ge=1, le=1_000_000)
    to_version: int = Field(ge=1, le=1_000_000)


class CommentIn(Schema):
    article_id: Id | None = None
    annex_article_id: Id | None = None
    body: text(4000) = ""
    proposed_body: text(20000) = Field(default="", description="Nouvelle rédaction proposée pour l'article")


class CommentOut(Schema):
    id: int
    body: str
    proposed_body: str
    author: str | None
    created_at: datetime
    resolved_at: datetime | None = None
    applied_at: datetime | None = None


class SectionOut(Schema):
    id: int
    kind: str
    title: str
    body: str


class AdoptionOut(Schema):
    user: str
    partner: str | None
    adopted_on: date


class CharterVersionOut(Schema):
    number: int
    status: str
    published_at: datetime | None
    sections: list[SectionOut]
    adoptions: list[AdoptionOut]
    abilities: dict[str, bool] = Field(description="Ce que le demandeur peut faire de cette version (adopter…)")


class CharterOut(Schema):
    id: int
    title: str
    kind: str
    bodies: list[str]
    versions: list[CharterVersionOut]
    url: str


class CharterIn(Schema):
    title: text(200, min_length=3)
    kind: CharterKind
    with_presets: bool = True
    with_moral_rules: bool = Field(default=False, description="Joindre les règles du contrat moral")


class AdoptionIn(Schema):
    adopted_on: ApiDate | None = None
