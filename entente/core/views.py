"""Pages of the site that need no domain app: about, accessibility, the health probe."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render


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
