"""Reads of cooperations: the public directory and its open-data export."""

from django.db.models import Count, Prefetch, Q

from entente.core.text import search_key

from .models import Cooperation, Partnership, Visibility

OPEN_DATA_COLUMNS = [
    ("identifiant", "Identifiant stable de la coopération (slug)"),
    ("nom", "Nom de la coopération"),
    ("type", "Type : entente, convention technique, contrat de réciprocité, CoDir de territoire, autre"),
    ("description", "Présentation de la coopération"),
    ("date_lancement", "Date de lancement (AAAA-MM-JJ), vide si inconnue"),
    ("partenaires", "Noms des partenaires actifs, séparés par « ; »"),
    ("codes_partenaires", "Codes officiels des partenaires collectivités (INSEE ou SIREN), séparés par « ; »"),
    ("roles_partenaires", "Rôle de chaque partenaire, dans le même ordre, séparés par « ; »"),
    ("departements", "Codes des départements concernés, séparés par « ; »"),
    ("regions", "Codes des régions concernées, séparés par « ; »"),
    ("finalites", "Finalités poursuivies, séparées par « ; »"),
    ("formes", "Formes de coopération, séparées par « ; »"),
    ("url", "Adresse de la page publique de la coopération"),
]


def active_partnerships():
    return Prefetch(
        "partnerships",
        queryset=Partnership.objects.filter(left_on=None)
        .select_related("organization__territory__departement", "organization__territory__region")
        .order_by("organization__name"),
        to_attr="active_partnerships",
    )


def territory_filter(code: str, kind: str) -> Q:
    """Cooperations with a partner that is, or lies in, the given département or région."""
    prefix = "partnerships__organization__territory__"
    return Q(**{f"{prefix}kind": kind, f"{prefix}code": code}) | Q(**{f"{prefix}{kind}__code": code})


def directory(filters: dict):
    queryset = Cooperation.objects.filter(visibility=Visibility.PUBLIC)
    if filters.get("q"):
        for token in search_key(filters["q"]).split():
            queryset = queryset.filter(Q(search_name__contains=token) | Q(description__icontains=token))
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    if filters.get("departement"):
        queryset = queryset.filter(territory_filter(filters["departement"], "departement"))
    if filters.get("region"):
        queryset = queryset.filter(territory_filter(filters["region"], "region"))
    if filters.get("partner"):
        for token in search_key(filters["partner"]).split():
            queryset = queryset.filter(partnerships__organization__search_name__contains=token)
    if filters.get("purpose"):
        queryset = queryset.filter(purposes__code=filters["purpose"])
    ids = queryset.values("pk")
    return (
        Cooperation.objects.filter(pk__in=ids)
        .annotate(partner_count=Count("partnerships", filter=Q(partnerships__left_on=None), distinct=True))
        .prefetch_related(active_partnerships(), "purposes", "forms")
        .order_by("name")
    )


def open_data_row(cooperation, base_url: str) -> dict:
    partners = cooperation.active_partnerships
    territories = [p.organization.territory for p in partners if p.organization.territory]
    departements = sorted({
        t.code if t.kind == "departement" else t.departement.code for t in territories
        if t.kind == "departement" or t.departement_id
    })
    regions = sorted({
        t.code if t.kind == "region" else t.region.code for t in territories if t.kind == "region" or t.region_id
    })
    return {
        "identifiant": cooperation.slug,
        "nom": cooperation.name,
        "type": cooperation.get_kind_display(),
        "description": cooperation.description,
        "date_lancement": cooperation.started_on.isoformat() if cooperation.started_on else "",
        "partenaires": "; ".join(p.organization.name for p in partners),
        "codes_partenaires": "; ".join(t.code for t in territories),
        "roles_partenaires": "; ".join(p.get_role_display() for p in partners),
        "departements": "; ".join(departements),
        "regions": "; ".join(regions),
        "finalites": "; ".join(p.label for p in cooperation.purposes.all()),
        "formes": "; ".join(f.label for f in cooperation.forms.all()),
        "url": base_url.rstrip("/") + cooperation.get_absolute_url(),
    }
