from django.urls import path

from . import proconnect, views

app_name = "accounts"

urlpatterns = [
    path("connexion/", views.login_view, name="login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("connexion/proconnect/", proconnect.start, name="proconnect_start"),
    path("connexion/proconnect/retour/", proconnect.ProConnectCallbackView.as_view(), name="proconnect_callback"),
    path("connexion/proconnect/bienvenue/", views.proconnect_welcome, name="proconnect_welcome"),
    path("inscription/", views.signup, name="signup"),
    path("profil/", views.profile, name="profile"),
    path("profil/jetons/", views.tokens, name="tokens"),
    path("profil/jetons/<int:pk>/revoquer/", views.token_revoke, name="token_revoke"),
]
