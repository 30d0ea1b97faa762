from django.urls import path

from . import agenda_views, body_views, decision_views, meeting_views

app_name = "governance"

G = "cooperations/<slug:slug>/gouvernance/"

urlpatterns = [
    path(G, body_views.bodies, name="bodies"),
    path(G + "instances/usuelles/", body_views.body_presets, name="body_presets"),
    path(G + "instances/nouvelle/", body_views.body_create, name="body_create"),
    path(G + "instances/<int:pk>/", body_views.body_detail, name="body"),
    path(G + "instances/<int:pk>/modifier/", body_views.body_edit, name="body_edit"),
    path(G + "instances/<int:pk>/sieges/", body_views.body_member_add, name="body_member_add"),
    path(G + "instances/<int:pk>/rotation/", body_views.body_rotation, name="body_rotation"),
    path(G + "instances/<int:pk>/conseils/", body_views.council_add, name="council_add"),
    path(G + "instances/<int:pk>/poids/", body_views.body_weights, name="body_weights"),
    path(G + "instances/<int:pk>/reunions/nouvelle/", meeting_views.meeting_create, name="meeting_create"),
    path(G + "conseils/<int:pk>/retirer/", body_views.council_remove, name="council_remove"),
    path(G + "sieges/<int:pk>/modifier/", body_views.body_member_edit, name="body_member_edit"),
    path(G + "sieges/<int:pk>/retirer/", body_views.body_member_remove, name="body_member_remove"),
    path(G + "reunions/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path(G + "reunions/<int:pk>/modifier/", meeting_views.meeting_edit, name="meeting_edit"),
    path(G + "reunions/<int:pk>/reunion.ics", meeting_views.meeting_ics_view, name="meeting_ics"),
    path(G + "reunions/<int:pk>/ordre-du-jour/", meeting_views.agenda_item_add, name="agenda_item_add"),
    path(G + "points/<int:pk>/modifier/", agenda_views.agenda_item_edit, name="agenda_item_edit"),
    path(G + "points/<int:pk>/retirer/", agenda_views.agenda_item_delete, name="agenda_item_delete"),
    path(G + "points/<int:pk>/deplacer/", agenda_views.agenda_item_move, name="agenda_item_move"),
    path(G + "reunions/<int:pk>/documents/", meeting_views.document_add, name="document_add"),
    path(G + "documents/<int:pk>/", meeting_views.document_download, name="document"),
    path(G + "documents/<int:pk>/retirer/", agenda_views.document_delete, name="document_delete"),
    path(G + "reunions/<int:pk>/envoyer/", meeting_views.agenda_send, name="agenda_send"),
    path(G + "reunions/<int:pk>/presences/", meeting_views.attendance_set, name="attendance_set"),
    path(G + "reunions/<int:pk>/feuille-de-presence/", meeting_views.attendance_sheet, name="attendance_sheet"),
    path(G + "reunions/<int:pk>/compte-rendu/", meeting_views.minutes_edit, name="minutes_edit"),
    path(G + "reunions/<int:pk>/compte-rendu.pdf", meeting_views.minutes_pdf, name="minutes_pdf"),
    path(G + "reunions/<int:pk>/compte-rendu/approuver/", meeting_views.minutes_approve, name="minutes_approve"),
    path(G + "reunions/<int:pk>/decisions/", meeting_views.decision_create, name="decision_create"),
    path(G + "decisions/", decision_views.register, name="register"),
    path(G + "decisions/export.<str:fmt>", decision_views.register_export, name="register_export"),
    path(G + "decisions/<int:pk>/", decision_views.decision_detail, name="decision"),
    path(G + "decisions/<int:pk>/modifier/", decision_views.decision_edit, name="decision_edit"),
    path(G + "decisions/<int:pk>/votes/", decision_views.vote_cast, name="vote_cast"),
    path(G + "decisions/<int:pk>/suites/", decision_views.followup_add, name="followup_add"),
    path(G + "suites/<int:pk>/", decision_views.followup_update, name="followup_update"),
    path(G + "suites/<int:pk>/modifier/", decision_views.followup_edit, name="followup_edit"),
    path(G + "ratifications/<int:pk>/", decision_views.ratification_record, name="ratification_record"),
    path(G + "historique/", body_views.governance_history, name="history"),
    path("mes-suites-a-donner/", decision_views.my_followups, name="my_followups"),
    path("mes-suites-a-donner/lien-agenda/", decision_views.calendar_token_reset, name="calendar_token_reset"),
    path("agenda/instance/<str:token>.ics", decision_views.body_feed, name="body_feed"),
    path("agenda/personne/<str:token>.ics", decision_views.person_feed, name="person_feed"),
]
