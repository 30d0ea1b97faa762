from django.urls import path

from . import format_views, home_views, maturity_views, mirror_views

app_name = "reflexivity"

R = "cooperations/<slug:slug>/reflexivite/"
M = R + "maturite/"
MI = R + "miroirs/"

urlpatterns = [
    path(R, home_views.home, name="home"),
    # maturity self-assessment
    path(M + "nouvelle/", maturity_views.campaign_create, name="campaign_create"),
    path(M + "<int:pk>/", maturity_views.campaign_detail, name="campaign"),
    path(M + "<int:pk>/modifier/", maturity_views.campaign_edit, name="campaign_edit"),
    path(M + "<int:pk>/repondre/", maturity_views.campaign_answer, name="campaign_answer"),
    path(M + "<int:pk>/cloture/", maturity_views.campaign_close, name="campaign_close"),
    path(M + "<int:pk>/resultats.<str:fmt>", maturity_views.campaign_export, name="campaign_export"),
    # mirror sessions
    path(MI + "nouveau/", mirror_views.mirror_create, name="mirror_create"),
    path(MI + "<int:pk>/", mirror_views.mirror_detail, name="mirror"),
    path(MI + "<int:pk>/reponses/", mirror_views.mirror_results_fragment, name="mirror_results"),
    path(MI + "<int:pk>/questions/", mirror_views.mirror_questions, name="mirror_questions"),
    path(MI + "<int:pk>/synthese/", mirror_views.mirror_synthesis, name="mirror_synthesis"),
    path(MI + "<int:pk>/reglages/", mirror_views.mirror_settings, name="mirror_settings"),
    path(MI + "<int:pk>/reponses.csv", mirror_views.mirror_export, name="mirror_export"),
    path(MI + "<int:pk>/repondre/", mirror_views.mirror_answer, name="mirror_answer"),
    path("miroir/", mirror_views.mirror_join, name="mirror_join"),
    path("miroir/<str:code>/", mirror_views.mirror_join_code, name="mirror_join_code"),
    # functions and formats
    path(R + "equilibre/", format_views.balance, name="balance"),
    path(R + "formats/", format_views.tags, name="tags"),
    path(R + "formats/reunions/<int:pk>/", format_views.tag_meeting, name="tag_meeting"),
]
