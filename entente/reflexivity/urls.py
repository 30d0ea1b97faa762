from django.urls import path

from . import board_views, exchange_views, format_views, home_views, maturity_views, mirror_views, network_views

app_name = "reflexivity"

R = "cooperations/<slug:slug>/reflexivite/"
M = R + "maturite/"
MI = R + "miroirs/"
BOARDS = R + "tableaux/"
BOARD = BOARDS + "<int:pk>/"
CARD = BOARD + "cartes/<int:card_pk>/"
EXCHANGES = R + "vis-ma-vie/"
NETWORK = R + "reseau/"

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
    # learning boards
    path(BOARDS, board_views.board_list, name="boards"),
    path(BOARDS + "nouveau/", board_views.board_create, name="board_create"),
    path(BOARD, board_views.board_detail, name="board"),
    path(BOARD + "direct/", board_views.board_live, name="board_live"),
    path(BOARD + "modifier/", board_views.board_edit, name="board_edit"),
    path(BOARD + "export.<str:fmt>", board_views.board_export, name="board_export"),
    path(BOARD + "cartes/", board_views.card_add, name="card_add"),
    path(BOARD + "regroupements/", board_views.group_add, name="group_add"),
    path(CARD + "modifier/", board_views.card_edit, name="card_edit"),
    path(CARD + "supprimer/", board_views.card_delete, name="card_delete"),
    path(CARD + "gommettes/", board_views.card_dot, name="card_dot"),
    path(CARD + "deplacer/", board_views.card_move, name="card_move"),
    path(CARD + "transformer/<str:target>/", board_views.card_convert, name="card_convert"),
    # "Vis ma vie" exchanges
    path(EXCHANGES, exchange_views.exchange_list, name="exchanges"),
    path(EXCHANGES + "nouveau/", exchange_views.exchange_create, name="exchange_create"),
    path(EXCHANGES + "<int:pk>/modifier/", exchange_views.exchange_edit, name="exchange_edit"),
    path(EXCHANGES + "<int:pk>/supprimer/", exchange_views.exchange_delete, name="exchange_delete"),
    # the actor network
    path(NETWORK, network_views.network_page, name="network"),
    path(NETWORK + "export.<str:fmt>", network_views.network_export, name="network_export"),
]
