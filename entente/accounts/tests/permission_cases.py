from entente.accounts.models import ApiToken, User
from entente.core.testing import Case

ALL = ["anonymous", "outsider", "observateur", "contributeur", "membre", "coordinateur", "operator"]
PUBLIC_PAGE = dict.fromkeys(ALL, 200)
SIGNED_IN = {**PUBLIC_PAGE, "anonymous": 302}


def own_token(context):
    user = context.world.users[context.role] or context.world.users["outsider"]
    token, _raw = ApiToken.issue(user, "outil")
    return {"token": token}


def someone_elses_token(context):
    token, _raw = ApiToken.issue(context.world.users["other_coordinator"], "outil d'un autre")
    return {"token": token}


def revoked(context):
    context.objects["token"].refresh_from_db()
    return context.objects["token"].revoked_at is not None


CASES = [
    Case("accounts:login", url=lambda c: "/connexion/", expect=PUBLIC_PAGE, scoped=False),
    Case("accounts:logout", method="POST", url=lambda c: "/deconnexion/", expect=dict.fromkeys(ALL, 302),
         scoped=False),
    Case("accounts:signup", url=lambda c: "/inscription/", expect=PUBLIC_PAGE, scoped=False),
    Case("accounts:signup", method="POST", url=lambda c: "/inscription/", label="création",
         data={"email": "nouvelle@exemple.fr", "display_name": "Nouvelle personne", "password1": "un-long-secret-2026",
               "password2": "un-long-secret-2026"},
         expect=dict.fromkeys(ALL, 302), scoped=False,
         changed=lambda c: User.objects.filter(email="nouvelle@exemple.fr").exists()),
    Case("accounts:profile", url=lambda c: "/profil/", expect=SIGNED_IN, scoped=False),
    Case("accounts:profile", method="POST", url=lambda c: "/profil/", label="modification",
         data={"display_name": "Nom changé", "function": "dgs"}, expect=dict.fromkeys(ALL, 302), scoped=False,
         changed=lambda c: User.objects.filter(display_name="Nom changé").exists()),
    Case("accounts:tokens", url=lambda c: "/profil/jetons/", expect=SIGNED_IN, scoped=False),
    Case("accounts:tokens", method="POST", url=lambda c: "/profil/jetons/", label="création",
         data={"name": "Mon outil"}, expect={**PUBLIC_PAGE, "anonymous": 302}, scoped=False,
         changed=lambda c: ApiToken.objects.filter(name="Mon outil").exists()),
    Case("accounts:token_revoke", method="POST", url=lambda c: f"/profil/jetons/{c.token.pk}/revoquer/",
         label="le sien", setup=own_token, expect=dict.fromkeys(ALL, 302), scoped=False,
         changed=lambda c: revoked(c)),
    Case("accounts:token_revoke", method="POST", url=lambda c: f"/profil/jetons/{c.token.pk}/revoquer/",
         label="celui d'un autre", setup=someone_elses_token, expect={**dict.fromkeys(ALL, 404), "anonymous": 302},
         scoped=False, changed=lambda c: revoked(c)),
    # ProConnect is not configured in the tests' settings: its pages do not exist (the journey
    # itself is a browser test against a real provider).
    Case("accounts:proconnect_start", url=lambda c: "/connexion/proconnect/", expect=dict.fromkeys(ALL, 404),
         scoped=False),
    Case("accounts:proconnect_callback", url=lambda c: "/connexion/proconnect/retour/?code=x&state=y",
         expect=dict.fromkeys(ALL, 404), scoped=False),
    Case("accounts:proconnect_welcome", url=lambda c: "/connexion/proconnect/bienvenue/", expect=SIGNED_IN,
         scoped=False),
    Case("API GET /me", url=lambda c: "/api/v1/me", expect={**PUBLIC_PAGE, "anonymous": 401}, scoped=False),
]
