from django.urls import path

from . import indicator_views, portrait_views, report_views, views

app_name = "insights"

S = "cooperations/<slug:slug>/sante/"
# Under the directory's open data: "cooperations/<slug>/" would catch any other single word.
N = "cooperations/donnees-ouvertes/vue-nationale/"
IND = "cooperations/<slug:slug>/indicateurs/"
P = "cooperations/<slug:slug>/portrait-croise/"
R = "cooperations/<slug:slug>/rapport-annuel/"

urlpatterns = [
    path(S, views.health_page, name="health"),
    path(S + "seuils/", views.thresholds_edit, name="thresholds"),
    path(S + "tableaux/<slug:table>.<str:fmt>", views.health_export, name="health_export"),
    path(R, report_views.latest_report, name="annual_report_latest"),
    path(R + "<int:year>/", report_views.report_page, name="annual_report"),
    path(R + "<int:year>/textes/", report_views.report_texts, name="annual_report_texts"),
    path(R + "<int:year>/rapport.<str:fmt>", report_views.report_document, name="annual_report_document"),
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

# The cross portrait: one page, its documents, and the foundations and challenges its coordinators write.
FOUNDATION, CHALLENGE = {"kind": portrait_views.FOUNDATION}, {"kind": portrait_views.CHALLENGE}
urlpatterns += [
    path(P, portrait_views.portrait_page, name="portrait"),
    path(P + "portrait-croise.<str:fmt>", portrait_views.portrait_export, name="portrait_export"),
    path(P + "historique/", portrait_views.portrait_history, name="portrait_history"),
    path(P + "fondements/nouveau/", portrait_views.portrait_item_edit, FOUNDATION, name="portrait_foundation_create"),
    path(P + "fondements/<int:pk>/", portrait_views.portrait_item_edit, FOUNDATION, name="portrait_foundation_edit"),
    path(
        P + "fondements/<int:pk>/supprimer/",
        portrait_views.portrait_item_delete,
        FOUNDATION,
        name="portrait_foundation_delete",
    ),
    path(
        P + "fondements/<int:pk>/deplacer/",
        portrait_views.portrait_item_move,
        FOUNDATION,
        name="portrait_foundation_move",
    ),
    path(P + "defis/nouveau/", portrait_views.portrait_item_edit, CHALLENGE, name="portrait_challenge_create"),
    path(P + "defis/<int:pk>/", portrait_views.portrait_item_edit, CHALLENGE, name="portrait_challenge_edit"),
    path(
        P + "defis/<int:pk>/supprimer/",
        portrait_views.portrait_item_delete,
        CHALLENGE,
        name="portrait_challenge_delete",
    ),
    path(P + "defis/<int:pk>/deplacer/", portrait_views.portrait_item_move, CHALLENGE, name="portrait_challenge_move"),
]
