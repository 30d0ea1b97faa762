from django.urls import path

from . import views, views_results

app_name = "workshops"

base = "cooperations/<slug:slug>/ateliers/"
one = base + "<int:pk>/"

urlpatterns = [
    path(base, views.workshop_list, name="list"),
    path(base + "nouveau/", views.workshop_create, name="create"),
    path(one, views.workshop_detail, name="detail"),
    path(one + "animation/", views.facilitate, name="facilitate"),
    path(one + "animation/pistes/", views.live_ideas, name="live_ideas"),
    path(one + "phase/", views.change_phase, name="phase"),
    path(one + "reprendre/", views.copy_ideas, name="copy_ideas"),
    path(one + "participants/<int:participant_pk>/acces/", views.participant_access, name="participant_access"),
    path(one + "participer/", views.participate, name="participate"),
    path(one + "pistes/nouvelle/", views.idea_create, name="idea_create"),
    path(one + "pistes/<int:idea_pk>/modifier/", views.idea_edit, name="idea_edit"),
    path(one + "evaluation/", views.score_sheet, name="score"),
    path(one + "evaluation/noter/", views.score_submit, name="score_submit"),
    path(one + "resultats/", views_results.results, name="results"),
    path(one + "grille/", views_results.grid, name="grid"),
    path(one + "doublons/", views_results.similar, name="similar"),
    path(one + "doublons/fusionner/", views_results.merge, name="merge"),
    path(one + "pistes/<int:idea_pk>/defusionner/", views_results.unmerge, name="unmerge"),
    path(one + "arbitrage/", views_results.arbitrate, name="arbitrate"),
    path(one + "import/", views_results.import_view, name="import"),
    path(one + "export/<str:kind>.<str:fmt>", views_results.export, name="export"),
    path("ateliers/rejoindre/", views.join, name="join"),
    path("ateliers/rejoindre/<str:code>/", views.join_code, name="join_code"),
]
