"""The site's own pages. Their namespace stays `core` (core:home, core:dashboard...) as before the split."""

from django.urls import path

from entente.core import job_views
from entente.core import views as core_views

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("a-propos/", core_views.about, name="about"),
    path("accessibilite/", core_views.accessibility, name="accessibility"),
    path("sante/", core_views.health, name="health"),
    path("taches/<uuid:pk>/", job_views.job_detail, name="job"),
    path("taches/<uuid:pk>/fichier/", job_views.job_download, name="job_download"),
    path("taches/<uuid:pk>/relancer/", job_views.job_retry, name="job_retry"),
]
