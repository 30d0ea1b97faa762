import importlib

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from entente.core.api import DOMAIN_APPS, api

admin.site.site_header = "Administration d'Entente"
admin.site.site_title = "Entente — administration"
# One sign-in form for the whole site, with its throttling: the admin's own would bypass it.
admin.site.login = login_required(admin.site.login)

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
