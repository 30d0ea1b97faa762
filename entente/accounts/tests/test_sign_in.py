import pytest
from django.contrib.auth.hashers import identify_hasher

from entente.accounts.factories import UserFactory
from entente.accounts.models import LoginFailure, User

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-solide-42"


@pytest.fixture(autouse=True)
def _address_limit(settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 20


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


def test_repeated_failures_from_one_address_answer_429_with_retry_after(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    user = UserFactory()
    for _ in range(3):
        sign_in(client, user.email, "mauvais")
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= settings.LOGIN_FAILURE_WINDOW_MINUTES * 60 + 1
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_script_gets_the_429_as_french_json(client, settings):
    settings.LOGIN_MAX_FAILURES = 2
    user = UserFactory()
    for _ in range(2):
        sign_in(client, user.email, "mauvais")
    response = client.post(
        "/connexion/", {"email": user.email, "password": "x"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Trop de tentatives de connexion")
    assert int(response["Retry-After"]) > 0


def test_a_strangers_wrong_passwords_do_not_lock_the_owner_out(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    user = UserFactory()
    for _ in range(10):
        client.post("/connexion/", {"email": user.email, "password": "mauvais"}, REMOTE_ADDR="203.0.113.9")
    response = client.post("/connexion/", {"email": user.email, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_failures_behind_the_proxy_are_counted_per_client_not_for_the_proxy(client, settings):
    settings.BEHIND_HTTPS_PROXY = True
    user = UserFactory()
    # 30 failures with invented e-mails, all through the proxy (same REMOTE_ADDR), from one client.
    for number in range(30):
        client.post(
            "/connexion/",
            {"email": f"inconnu{number}@exemple.fr", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    blocked = client.post(
        "/connexion/",
        {"email": "autre@exemple.fr", "password": "x"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert blocked.status_code == 429
    response = client.post(
        "/connexion/",
        {"email": user.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 302


def test_the_forwarded_address_is_the_proxys_last_hop_not_what_the_client_wrote(client, settings):
    settings.BEHIND_HTTPS_PROXY = True
    for number in range(25):
        # The client invents a first entry each time; the proxy appends the address it saw.
        client.post(
            "/connexion/",
            {"email": f"inconnu{number}@exemple.fr", "password": "x"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.9",
        )
    blocked = client.post(
        "/connexion/",
        {"email": "autre@exemple.fr", "password": "x"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.9",
    )
    assert blocked.status_code == 429


def test_with_two_proxies_the_client_is_the_second_entry_from_the_end(client, settings):
    settings.BEHIND_HTTPS_PROXY = True
    settings.TRUSTED_PROXY_HOPS = 2
    for number in range(25):
        client.post("/connexion/", {"email": f"inconnu{number}@exemple.fr", "password": "x"},
                    REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.9, 10.0.0.1")
    blocked = client.post("/connexion/", {"email": "autre@exemple.fr", "password": "x"},
                          REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")
    assert blocked.status_code == 429
    other_client = client.post("/connexion/", {"email": "autre@exemple.fr", "password": "x"},
                               REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1")
    assert other_client.status_code == 400


def test_without_the_proxy_setting_the_forwarded_header_is_ignored(client, settings):
    settings.BEHIND_HTTPS_PROXY = False
    for number in range(25):
        client.post(
            "/connexion/",
            {"email": f"inconnu{number}@exemple.fr", "password": "x"},
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}",
        )
    blocked = client.post("/connexion/", {"email": "autre@exemple.fr", "password": "x"}, REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429


def test_a_guess_spread_over_many_addresses_is_throttled_for_that_account(client, settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 12
    user = UserFactory()
    for number in range(12):
        client.post("/connexion/", {"email": user.email, "password": "mauvais"}, REMOTE_ADDR=f"192.0.2.{number}")
    response = client.post("/connexion/", {"email": user.email, "password": "encore"}, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 429
    assert "Retry-After" in response


def test_the_admin_sign_in_goes_through_the_throttled_form(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_a_signed_in_non_operator_cannot_try_passwords_on_the_admin_form(client):
    operator = UserFactory(is_staff=True)
    client.force_login(UserFactory())
    response = client.post("/admin/login/", {"username": operator.email, "password": PASSWORD})
    assert response.status_code == 403
    assert client.session["_auth_user_id"] != str(operator.pk)


def test_an_operator_reaches_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/admin/"


def test_a_successful_sign_in_clears_past_failures(client):
    user = UserFactory()
    sign_in(client, user.email, "mauvais")
    sign_in(client, user.email, PASSWORD)
    assert not LoginFailure.objects.filter(email=user.email).exists()


def test_passwords_are_hashed_with_argon2(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    client.post(
        "/inscription/",
        {
            "email": "agent@exemple.fr",
            "display_name": "Agent",
            "password1": "un-long-secret-2026",
            "password2": "un-long-secret-2026",
        },
    )
    assert identify_hasher(User.objects.get(email="agent@exemple.fr").password).algorithm == "argon2"


def test_sign_in_does_not_redirect_to_another_site(client):
    user = UserFactory()
    response = client.post(
        "/connexion/?next=https://pirate.example/",
        {"email": user.email, "password": PASSWORD, "next": "https://pirate.example/"},
    )
    assert response["Location"] == "/tableau-de-bord/"
