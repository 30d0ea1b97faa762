import importlib

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import include, path

from entente.core.api import DOMAIN_APPS, api

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

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("entente.core.urls")),
]

# Each domain app owns its pages: it is mounted here as soon as it has a urls.py.
for app in DOMAIN_APPS:
    module_name = f"entente.{app}.urls"
    try:
        importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        continue
    urlpatterns.append(path("", include(module_name)))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
