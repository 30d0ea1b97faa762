from django.urls import path

from . import indicator_views, views

app_name = "insights"

S = "cooperations/<slug:slug>/sante/"
# Under the directory's open data: "cooperations/<slug>/" would catch any other single word.
N = "cooperations/donnees-ouvertes/vue-nationale/"
IND = "cooperations/<slug:slug>/indicateurs/"

urlpatterns = [
    path(S, views.health_page, name="health"),
    path(S + "seuils/", views.thresholds_edit, name="thresholds"),
    path(S + "tableaux/<slug:table>.<str:fmt>", views.health_export, name="health_export"),
    path(N, views.national_page, name="national"),
    path(N + "statistiques.<str:fmt>", views.national_file, name="national_file"),
    path(N + "statistiques/schema.json", views.national_schema, name="national_schema"),
    path(IND, indicator_views.indicators_dashboard, name="indicators"),
    path(IND + "catalogue/", indicator_views.indicators_catalogue, name="indicators_catalogue"),
    path(IND + "catalogue/propositions/", indicator_views.indicators_presets, name="indicators_presets"),
    path(IND + "catalogue/nouveau/", indicator_views.indicator_edit, name="indicator_create"),
    path(IND + "catalogue/<int:pk>/", indicator_views.indicator_edit, name="indicator_edit"),
    path(IND + "catalogue/<int:pk>/supprimer/", indicator_views.indicator_delete, name="indicator_delete"),
    path(IND + "valeurs/", indicator_views.value_entry, name="indicator_values"),
    path(IND + "import/", indicator_views.values_import, name="indicators_import"),
    path(IND + "valeurs.<str:fmt>", indicator_views.values_export, name="indicators_export"),
]
