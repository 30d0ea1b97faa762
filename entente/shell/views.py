"""The pages that gather several apps: the site's home and a person's dashboard."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from entente.cooperations.models import Cooperation, Membership, Visibility, active_partnership
from entente.territories.models import Territory


def home(request):
    public = Cooperation.objects.filter(visibility=Visibility.PUBLIC)
    context = {
        "title": "Accueil",
        "recent_cooperations": public.order_by("-created_at")[:6],
        "public_count": public.count(),
        "territory_count": Territory.objects.filter(is_current=True).count(),
    }
    return render(request, "core/home.html", context)


@login_required
def dashboard(request):
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("cooperation")
        .annotate(
            partner_count=Count("cooperation__partnerships", filter=active_partnership("cooperation__partnerships"))
        )
        .order_by("cooperation__name")
    )
    return render(
        request,
        "core/dashboard.html",
        {
            "title": "Mes coopérations",
            "nav": "dashboard",
            "memberships": memberships,
            "breadcrumb": [("Mes coopérations", None)],
        },
    )
