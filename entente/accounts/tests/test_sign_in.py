import pytest
from django.contrib.auth.hashers import identify_hasher

from entente.accounts.factories import UserFactory
from entente.accounts.models import LoginFailure, User

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-solide-42"


def sign_in(client, email, password):
    return client.post("/connexion/", {"email": email, "password": password})


def test_it_signs_in_with_email_and_password(client):
    user = UserFactory()
    response = sign_in(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_is_refused_in_french_and_logged(client):
    user = UserFactory()
    response = sign_in(client, user.email, "mauvais")
    assert response.status_code == 400
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()
    assert LoginFailure.objects.filter(email=user.email).count() == 1


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    user = UserFactory()
    for _ in range(3):
        sign_in(client, user.email, "mauvais")
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 400
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_clears_past_failures(client):
    user = UserFactory()
    sign_in(client, user.email, "mauvais")
    sign_in(client, user.email, PASSWORD)
    assert not LoginFailure.objects.filter(email=user.email).exists()


def test_passwords_are_hashed_with_argon2(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    client.post("/inscription/", {"email": "agent@exemple.fr", "display_name": "Agent",
                                  "password1": "un-long-secret-2026", "password2": "un-long-secret-2026"})
    assert identify_hasher(User.objects.get(email="agent@exemple.fr").password).algorithm == "argon2"


def test_sign_in_does_not_redirect_to_another_site(client):
    user = UserFactory()
    response = client.post("/connexion/?next=https://pirate.example/", {"email": user.email, "password": PASSWORD,
                                                                      "next": "https://pirate.example/"})
    assert response["Location"] == "/tableau-de-bord/"
