"""The root URLconf, top of the site shell: the admin, the API and every app's pages."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import include, path

from entente.shell.api import api

admin.site.site_header = "Administration d'Entente"
admin.site.site_title = "Entente — administration"
_admin_login = admin.site.login


def admin_login(request, extra_context=None):
    """One sign-in form for the whole site, with its throttling: the admin's own form would bypass it.

    Anonymous visitors go to the site's form; a signed-in person who is not an operator may not
    use the admin's form to try someone else's password.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.is_staff:
        raise PermissionDenied("L'administration est réservée aux opérateurs d'Entente.")
    return _admin_login(request, extra_context)


admin.site.login = admin_login

# The site's pages (namespace `core`), then each domain app's, in the order of the layers; the
# accounts' pages come last as they always did (their paths are the most general).
urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("entente.shell.urls")),
    path("", include("entente.territories.urls")),
    path("", include("entente.cooperations.urls")),
    path("", include("entente.workshops.urls")),
    path("", include("entente.portfolio.urls")),
    path("", include("entente.governance.urls")),
    path("", include("entente.agreements.urls")),
    path("", include("entente.insights.urls")),
    path("", include("entente.reflexivity.urls")),
    path("", include("entente.accounts.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
