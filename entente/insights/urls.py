from django.urls import path

from . import views

app_name = "insights"

S = "cooperations/<slug:slug>/sante/"

urlpatterns = [
    path(S, views.health_page, name="health"),
    path(S + "seuils/", views.thresholds_edit, name="thresholds"),
]
