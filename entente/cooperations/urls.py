from django.urls import path

from . import views

app_name = "cooperations"

urlpatterns = [
    path("cooperations/", views.directory_page, name="directory"),
    path("cooperations/export.<str:fmt>", views.former_export, name="former_export"),
    path("cooperations/donnees-ouvertes/", views.open_data_documentation, name="open_data"),
    path("cooperations/donnees-ouvertes/<slug:table>.<str:fmt>", views.open_data_file, name="open_data_file"),
    path("cooperations/donnees-ouvertes/<slug:table>/schema.json", views.open_data_schema, name="open_data_schema"),
    path("cooperations/nouvelle/", views.create, name="create"),
    path("cooperations/<slug:slug>/", views.detail, name="detail"),
    path("cooperations/<slug:slug>/modifier/", views.edit, name="edit"),
    path("cooperations/<slug:slug>/partenaires/", views.partners, name="partners"),
    path("cooperations/<slug:slug>/partenaires/<int:pk>/", views.partner_edit, name="partner_edit"),
    path("cooperations/<slug:slug>/partenaires/nouvelle-organisation/", views.organization_create,
         name="organization_create"),
    path("cooperations/<slug:slug>/membres/", views.members, name="members"),
    path("cooperations/<slug:slug>/membres/<int:pk>/", views.member_edit, name="member_edit"),
    path("cooperations/<slug:slug>/etapes/", views.timeline_add, name="timeline_add"),
    path("cooperations/<slug:slug>/etapes/<int:pk>/supprimer/", views.timeline_delete, name="timeline_delete"),
    path("cooperations/<slug:slug>/historique/", views.history, name="history"),
]
