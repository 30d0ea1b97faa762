"""Reads of cooperations: the public directory (its open data is built in `open_data`)."""

from django.db.models import Count, Prefetch, Q

from entente.core.text import search_key

from .models import Cooperation, Partnership, Visibility, active_partnership


def active_partnerships():
    return Prefetch(
        "partnerships",
        queryset=Partnership.objects.active()
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
        .annotate(partner_count=Count("partnerships", filter=active_partnership("partnerships"), distinct=True))
        .prefetch_related(active_partnerships(), "purposes", "forms")
        .order_by("name")
    )
