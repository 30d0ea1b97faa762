from django.urls import path

from . import participation_views, results_views, setup_views, views

app_name = "workshops"

base = "cooperations/<slug:slug>/ateliers/"
one = base + "<int:pk>/"

urlpatterns = [
    path(base, views.workshop_list, name="list"),
    path(base + "nouveau/", views.workshop_create, name="create"),
    path(base + "domaines/", setup_views.domains, name="domains"),
    path(base + "domaines/proposes/", setup_views.domain_presets, name="domain_presets"),
    path(base + "domaines/<int:domain_pk>/modifier/", setup_views.domain_edit, name="domain_edit"),
    path(base + "domaines/<int:domain_pk>/deplacer/", setup_views.domain_move, name="domain_move"),
    path(base + "domaines/<int:domain_pk>/supprimer/", setup_views.domain_delete, name="domain_delete"),
    path(one, views.workshop_detail, name="detail"),
    path(one + "modifier/", views.workshop_edit, name="edit"),
    path(one + "animation/", views.facilitate, name="facilitate"),
    path(one + "animation/pistes/", views.live_ideas, name="live_ideas"),
    path(one + "phase/", views.change_phase, name="phase"),
    path(one + "code/", views.renew_code, name="renew_code"),
    path(one + "reprendre/", views.copy_ideas, name="copy_ideas"),
    path(one + "participants/<int:participant_pk>/acces/", views.participant_access, name="participant_access"),
    path(one + "participer/", participation_views.participate, name="participate"),
    path(one + "participer/etat/", participation_views.phase_state, name="phase_state"),
    path(one + "pistes/nouvelle/", participation_views.idea_create, name="idea_create"),
    path(one + "pistes/<int:idea_pk>/modifier/", participation_views.idea_edit, name="idea_edit"),
    path(one + "pistes/<int:idea_pk>/retirer/", participation_views.idea_delete, name="idea_delete"),
    path(one + "evaluation/", participation_views.score_sheet, name="score"),
    path(one + "evaluation/noter/", participation_views.score_submit, name="score_submit"),
    path(one + "resultats/", results_views.results, name="results"),
    path(one + "grille/", setup_views.grid, name="grid"),
    path(one + "grille/criteres/", setup_views.criterion_add, name="criterion_add"),
    path(one + "grille/criteres/<int:criterion_pk>/supprimer/", setup_views.criterion_delete, name="criterion_delete"),
    path(one + "grille/criteres/<int:criterion_pk>/deplacer/", setup_views.criterion_move, name="criterion_move"),
    path(one + "grille/modele/", setup_views.grid_preset, name="grid_preset"),
    path(one + "grille/seuils/", setup_views.matrix_bounds, name="matrix_bounds"),
    path(one + "doublons/", results_views.similar, name="similar"),
    path(one + "doublons/fusionner/", results_views.merge, name="merge"),
    path(one + "pistes/<int:idea_pk>/defusionner/", results_views.unmerge, name="unmerge"),
    path(one + "arbitrage/", results_views.arbitrate, name="arbitrate"),
    path(one + "import/", results_views.import_view, name="import"),
    path(one + "export/<str:kind>.<str:fmt>", results_views.export, name="export"),
    path("ateliers/rejoindre/", participation_views.join, name="join"),
    path("ateliers/rejoindre/<str:code>/", participation_views.join_code, name="join_code"),
]
