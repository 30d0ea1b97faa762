"""Territories and organisations in the JSON API (read-only, open to anonymous callers)."""

from django.db.models import Prefetch
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from entente.core.api_contract import Pagination
from entente.core.bounds import SearchText, text

from .models import OrganizationKind, Territory, TerritoryKind
from .selectors import organization_search_queryset, territory_search_queryset

TAG = "Territoires"
router = Router()
TerritoryCode = text(20)


class TerritoryOut(Schema):
    code: str
    kind: TerritoryKind
    name: str
    # Insee's "type de nom en clair" (0–8): the article of the name (3: "la Loire").
    tncc: int | None
    # Municipal population; for an EPCI, the sum of its current member communes.
    population: int
    population_year: int | None = Field(description="Millésime des populations légales de `population`.")
    population_total: int | None
    population_total_year: int | None
    source_population: int | None = Field(
        description="EPCI : population donnée par la source (BANATIC/DGCL), d'un millésime plus ancien ; "
        "non utilisée dans les répartitions.",
    )
    departement: str | None
    region: str | None
    epci_kind: str | None

    @staticmethod
    def resolve_departement(territory) -> str | None:
        return territory.departement.code if territory.departement_id else None

    @staticmethod
    def resolve_region(territory) -> str | None:
        return territory.region.code if territory.region_id else None

    @staticmethod
    def resolve_epci_kind(territory) -> str | None:
        return territory.epci_kind or None


class TerritoryMemberOut(Schema):
    code: str
    name: str
    population: int


class TerritoryDetailOut(TerritoryOut):
    is_current: bool
    epci: str | None
    members: list[TerritoryMemberOut] | None

    @staticmethod
    def resolve_epci(territory) -> str | None:
        return territory.epci.code if territory.epci_id else None

    @staticmethod
    def resolve_members(territory) -> list | None:
        return territory.current_members if territory.kind == TerritoryKind.EPCI else None


class TerritoryRef(Schema):
    kind: TerritoryKind
    code: str
    name: str


class OrganizationOut(Schema):
    id: int
    name: str
    kind: OrganizationKind
    territory: TerritoryRef | None


@router.get("/territories", response=list[TerritoryOut], summary="Rechercher des territoires")
@paginate(Pagination)
def list_territories(request, q: SearchText = "", kind: TerritoryKind | None = None):
    """Communes, EPCI, départements et régions en vigueur ; `q` cherche dans les noms (sans accents ni
    majuscules, « st » pour « saint »), les codes Insee, SIREN et codes postaux."""
    return territory_search_queryset(q, kind).select_related("departement", "region")


@router.get(
    "/territories/{code}", response=TerritoryDetailOut, summary="Un territoire et ses communes membres",
)
def get_territory(request, code: TerritoryCode, kind: TerritoryKind | None = None):
    """`code` est le code Insee (commune, département, région) ou le SIREN (EPCI). Un code à deux
    caractères désigne le département plutôt que la région de même numéro, sauf `kind=region`."""
    members = Territory.objects.filter(is_current=True).only("code", "name", "population", "epci_id")
    candidates = (
        Territory.objects.filter(code=code.upper(), kind__in=[kind] if kind else TerritoryKind.values)
        .select_related("departement", "region", "epci")
        .prefetch_related(Prefetch("member_communes", queryset=members.order_by("-population", "code"),
                                   to_attr="current_members"))
    )
    found = {territory.kind: territory for territory in candidates}
    for preferred in (TerritoryKind.DEPARTEMENT, TerritoryKind.COMMUNE, TerritoryKind.EPCI, TerritoryKind.REGION):
        if preferred in found:
            return found[preferred]
    raise HttpError(404, "Territoire introuvable.")


@router.get("/organizations", response=list[OrganizationOut], summary="Rechercher des organisations")
@paginate(Pagination)
def list_organizations(request, q: SearchText = ""):
    """Partenaires possibles : collectivités (liées à leur territoire) et autres organisations."""
    return organization_search_queryset(q)
