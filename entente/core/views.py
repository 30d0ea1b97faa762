from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.models import Count
from django.http import JsonResponse
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
    return render(request, "core/dashboard.html", {
        "title": "Mes coopérations", "nav": "dashboard", "memberships": memberships,
        "breadcrumb": [("Mes coopérations", None)],
    })


def about(request):
    return render(request, "core/about.html", {"title": "À propos", "breadcrumb": [("À propos", None)]})


def accessibility(request):
    return render(request, "core/accessibility.html", {
        "title": "Accessibilité", "breadcrumb": [("Accessibilité", None)],
    })


def health(request):
    """For the load balancer and the supervision: the application answers and reaches its database.

    Plain HTTP is allowed here (SECURE_REDIRECT_EXEMPT): probes often speak to the backend directly.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"statut": "indisponible", "base_de_donnees": "injoignable"}, status=503)
    return JsonResponse({"statut": "ok"})
