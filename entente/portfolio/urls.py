from django.urls import path

from . import action_views, views

app_name = "portfolio"

BASE = "cooperations/<slug:slug>/portefeuille/"
ACTION = BASE + "actions/<int:pk>/"

urlpatterns = [
    path(BASE, views.portfolio_list, name="list"),
    path(BASE + "tableau/", views.board, name="board"),
    path(BASE + "structure/", views.structure, name="structure"),
    path(BASE + "structure/axes/", views.axis_create, name="axis_create"),
    path(BASE + "structure/chantiers/", views.workstream_create, name="workstream_create"),
    path(BASE + "structure/<str:kind>/<int:pk>/deplacer/", views.structure_move, name="structure_move"),
    path(BASE + "structure/<str:kind>/<int:pk>/modifier/", views.structure_edit, name="structure_edit"),
    path(BASE + "structure/<str:kind>/<int:pk>/supprimer/", views.structure_delete, name="structure_delete"),
    path(BASE + "liens/", views.links, name="links"),
    path(BASE + "chefs-de-file/", views.rotation, name="rotation"),
    path(BASE + "rendre-compte/", views.accountability, name="accountability"),
    path(BASE + "export.csv", views.export_csv, name="export_csv"),
    path(BASE + "export.xlsx", views.export_xlsx, name="export_xlsx"),
    path(BASE + "actions/nouvelle/", action_views.action_create, name="action_create"),
    path(ACTION, action_views.action_detail, name="action_detail"),
    path(ACTION + "modifier/", action_views.action_edit, name="action_edit"),
    path(ACTION + "deplacer/", views.action_move, name="action_move"),
    path(ACTION + "statut/", action_views.action_status, name="action_status"),
    path(ACTION + "commentaire/", action_views.action_comment, name="action_comment"),
    path(ACTION + "supprimer/", action_views.action_delete, name="action_delete"),
    path(ACTION + "jalons/", action_views.milestone_add, name="milestone_add"),
    path(ACTION + "jalons/<int:milestone_pk>/basculer/", action_views.milestone_toggle, name="milestone_toggle"),
    path(ACTION + "jalons/<int:milestone_pk>/modifier/", action_views.milestone_edit, name="milestone_edit"),
    path(ACTION + "jalons/<int:milestone_pk>/supprimer/", action_views.milestone_delete, name="milestone_delete"),
    path(ACTION + "indicateurs/", action_views.indicator_add, name="indicator_add"),
    path(ACTION + "indicateurs/<int:indicator_pk>/", action_views.indicator_update, name="indicator_update"),
    path(ACTION + "indicateurs/<int:indicator_pk>/modifier/", action_views.indicator_edit, name="indicator_edit"),
    path(ACTION + "indicateurs/<int:indicator_pk>/supprimer/", action_views.indicator_delete,
         name="indicator_delete"),
    path(ACTION + "liens/", action_views.link_add, name="link_add"),
    path(ACTION + "liens/<int:link_pk>/supprimer/", action_views.link_delete, name="link_delete"),
    path(ACTION + "financement/", action_views.financing_edit, name="financing_edit"),
    path(ACTION + "financement/supprimer/", action_views.financing_delete, name="financing_delete"),
    path(ACTION + "financement/apercu/", action_views.financing_preview, name="financing_preview"),
    path("organisations/<int:pk>/actions/", views.partner, name="partner"),
]
