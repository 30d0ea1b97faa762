"""The workshops' block on a cooperation's home page: the sessions still open, by phase."""

from django.db.models import Count, Q
from django.urls import reverse

from .models import Phase, Workshop


def workshops_home_context(request, cooperation) -> dict:
    """Open workshops (not closed) with their phase and live piste count, in one query."""
    open_workshops = list(
        Workshop.objects.filter(cooperation=cooperation).exclude(phase=Phase.CLOSED)
        .annotate(idea_count=Count("ideas", filter=Q(ideas__merged_into__isnull=True)))
        .order_by("held_on", "pk")[:6]
    )
    for workshop in open_workshops:
        workshop.cooperation = cooperation  # get_absolute_url needs the slug, not a query each
    return {"workshops_block": {
        "open": open_workshops,
        "list_url": reverse("workshops:list", args=[cooperation.slug]),
    }}
