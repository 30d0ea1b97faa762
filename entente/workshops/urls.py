from django.urls import path

from . import views, views_results, views_setup

app_name = "workshops"

base = "cooperations/<slug:slug>/ateliers/"
one = base + "<int:pk>/"

urlpatterns = [
    path(base, views.workshop_list, name="list"),
    path(base + "nouveau/", views.workshop_create, name="create"),
    path(base + "domaines/", views_setup.domains, name="domains"),
    path(base + "domaines/proposes/", views_setup.domain_presets, name="domain_presets"),
    path(base + "domaines/<int:domain_pk>/modifier/", views_setup.domain_edit, name="domain_edit"),
    path(base + "domaines/<int:domain_pk>/deplacer/", views_setup.domain_move, name="domain_move"),
    path(base + "domaines/<int:domain_pk>/supprimer/", views_setup.domain_delete, name="domain_delete"),
    path(one, views.workshop_detail, name="detail"),
    path(one + "modifier/", views.workshop_edit, name="edit"),
    path(one + "animation/", views.facilitate, name="facilitate"),
    path(one + "animation/pistes/", views.live_ideas, name="live_ideas"),
    path(one + "phase/", views.change_phase, name="phase"),
    path(one + "code/", views.renew_code, name="renew_code"),
    path(one + "reprendre/", views.copy_ideas, name="copy_ideas"),
    path(one + "participants/<int:participant_pk>/acces/", views.participant_access, name="participant_access"),
    path(one + "participer/", views.participate, name="participate"),
    path(one + "participer/etat/", views.phase_state, name="phase_state"),
    path(one + "pistes/nouvelle/", views.idea_create, name="idea_create"),
    path(one + "pistes/<int:idea_pk>/modifier/", views.idea_edit, name="idea_edit"),
    path(one + "pistes/<int:idea_pk>/retirer/", views.idea_delete, name="idea_delete"),
    path(one + "evaluation/", views.score_sheet, name="score"),
    path(one + "evaluation/noter/", views.score_submit, name="score_submit"),
    path(one + "resultats/", views_results.results, name="results"),
    path(one + "grille/", views_setup.grid, name="grid"),
    path(one + "grille/criteres/", views_setup.criterion_add, name="criterion_add"),
    path(one + "grille/criteres/<int:criterion_pk>/supprimer/", views_setup.criterion_delete, name="criterion_delete"),
    path(one + "grille/criteres/<int:criterion_pk>/deplacer/", views_setup.criterion_move, name="criterion_move"),
    path(one + "grille/modele/", views_setup.grid_preset, name="grid_preset"),
    path(one + "grille/seuils/", views_setup.matrix_bounds, name="matrix_bounds"),
    path(one + "doublons/", views_results.similar, name="similar"),
    path(one + "doublons/fusionner/", views_results.merge, name="merge"),
    path(one + "pistes/<int:idea_pk>/defusionner/", views_results.unmerge, name="unmerge"),
    path(one + "arbitrage/", views_results.arbitrate, name="arbitrate"),
    path(one + "import/", views_results.import_view, name="import"),
    path(one + "export/<str:kind>.<str:fmt>", views_results.export, name="export"),
    path("ateliers/rejoindre/", views.join, name="join"),
    path("ateliers/rejoindre/<str:code>/", views.join_code, name="join_code"),
]
