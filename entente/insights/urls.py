from django.urls import path

from . import views

app_name = "insights"

S = "cooperations/<slug:slug>/sante/"
# Under the directory's open data: "cooperations/<slug>/" would catch any other single word.
N = "cooperations/donnees-ouvertes/vue-nationale/"

urlpatterns = [
    path(S, views.health_page, name="health"),
    path(S + "seuils/", views.thresholds_edit, name="thresholds"),
    path(N, views.national_page, name="national"),
    path(N + "statistiques.<str:fmt>", views.national_file, name="national_file"),
    path(N + "statistiques/schema.json", views.national_schema, name="national_schema"),
]
