from django.urls import path

from . import job_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("a-propos/", views.about, name="about"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("sante/", views.health, name="health"),
    path("taches/<uuid:pk>/", job_views.job_detail, name="job"),
    path("taches/<uuid:pk>/fichier/", job_views.job_download, name="job_download"),
    path("taches/<uuid:pk>/relancer/", job_views.job_retry, name="job_retry"),
]
