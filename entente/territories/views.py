"""Territory pages: search, the partner picker's autocomplete, territory and organisation pages.

The registry is public data: every page answers anonymous visitors. Only the cooperations
listed on a page are filtered: cooperations lists them through `hooks.cooperations_of`, with its
rules' `visible_cooperations`.
"""

from django import forms
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .hooks import cooperations_of
from .models import Organization, Territory, TerritoryKind
from .selectors import KIND_ORDER, kind_label, search_organizations, search_territories

SEARCH_LIMIT = 50
AUTOCOMPLETE_LIMIT = 10
# Organisations without a territory get at least this many of the autocomplete's places.
AUTOCOMPLETE_MIN_ORGANIZATIONS = 3


class TerritorySearchForm(forms.Form):
    q = forms.CharField(label="Nom, code Insee, SIREN ou code postal", max_length=100, required=False)
    kind = forms.ChoiceField(
        label="Type de territoire", required=False,
        choices=[("", "Tous les types"), *((kind.value, kind.label) for kind in KIND_ORDER)],
    )


def search(request):
    form = TerritorySearchForm(request.GET or None)
    results, searched = [], False
    if form.is_valid() and form.cleaned_data["q"].strip():
        searched = True
        results = search_territories(form.cleaned_data["q"], form.cleaned_data["kind"] or None, SEARCH_LIMIT)
    context = {
        "title": "Territoires", "nav": "territories", "breadcrumb": [("Territoires", None)],
        "form": form, "results": results, "searched": searched, "limit": SEARCH_LIMIT,
    }
    template = "territories/_results.html" if request.htmx else "territories/search.html"
    return render(request, template, context)


def autocomplete(request):
    """Up to ten partners for the picker: territories, then organisations without a territory."""
    query = request.GET.get("q", "")[:100]
    kind = request.GET.get("kind") or None
    if kind not in (None, *TerritoryKind.values):
        kind = None
    # `organisations=non`: registry territories only, e.g. for an action's outside partners, where the
    # organisations of other cooperations must not be offered.
    territories_only = request.GET.get("organisations") == "non"
    choices = _autocomplete_choices(query, kind, territories_only) if query.strip() else []
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"results": choices})
    return render(request, "territories/_autocomplete.html", {
        "choices": choices, "query": query.strip(), "territories_only": territories_only,
    })


def _autocomplete_choices(query, kind, territories_only=False) -> list[dict]:
    territories = search_territories(query, kind, AUTOCOMPLETE_LIMIT)
    # A kind filter asks for territories only.
    organizations = (
        [] if kind or territories_only else search_organizations(query, AUTOCOMPLETE_LIMIT, without_territory=True)
    )
    organization_places = min(
        len(organizations), max(AUTOCOMPLETE_MIN_ORGANIZATIONS, AUTOCOMPLETE_LIMIT - len(territories))
    )
    territories = territories[:AUTOCOMPLETE_LIMIT - organization_places]
    choices = [
        {
            "value": f"territory:{t.kind}:{t.code}", "label": f"{t.name} ({kind_label(t)})",
            "name": t.name, "kind": t.kind, "kind_label": kind_label(t), "url": t.get_absolute_url(),
        }
        for t in territories
    ]
    choices += [
        {
            "value": f"organization:{o.pk}", "label": f"{o.name} ({o.get_kind_display()})",
            "name": o.name, "kind": o.kind, "kind_label": o.get_kind_display(), "url": o.get_absolute_url(),
        }
        for o in organizations[:organization_places]
    ]
    return choices


def get_territory(kind: str, code: str) -> Territory:
    return get_object_or_404(
        Territory.objects.select_related("departement", "region", "epci", "organization"), kind=kind, code=code,
    )


def detail(request, kind, code):
    territory = get_territory(kind, code)
    members = []
    if territory.kind == TerritoryKind.EPCI:
        members = list(
            Territory.objects.filter(epci=territory, is_current=True)
            .only("kind", "code", "name", "population")
            .order_by("-population", "code")
        )
    organization = _organization_of(territory)
    cooperations = cooperations_of(request.user, organization) if organization else []
    breadcrumb = [("Territoires", reverse("territories:search")), (territory.name, None)]
    return render(request, "territories/detail.html", {
        "title": f"{territory.name} ({territory.kind_label})", "nav": "territories", "breadcrumb": breadcrumb,
        "territory": territory, "members": members, "organization": organization, "cooperations": cooperations,
    })


def _organization_of(territory):
    try:
        return territory.organization
    except Organization.DoesNotExist:
        return None


def organization(request, pk):
    try:
        org = Organization.objects.select_related("territory").get(pk=pk)
    except Organization.DoesNotExist:
        raise Http404("Organisation introuvable.") from None
    breadcrumb = [("Territoires", reverse("territories:search")), (org.name, None)]
    return render(request, "territories/organization.html", {
        "title": org.name, "nav": "territories", "breadcrumb": breadcrumb,
        "organization": org, "cooperations": cooperations_of(request.user, org),
    })
