from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("a-propos/", views.about, name="about"),
    path("accessibilite/", views.accessibility, name="accessibility"),
    path("sante/", views.health, name="health"),
]
