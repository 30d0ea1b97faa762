import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone


class Function(models.TextChoices):
    ELECTED = "elu", "Élu·e"
    DGS = "dgs", "Directeur·rice général·e des services (DGS)"
    DGA = "dga", "Directeur·rice général·e adjoint·e (DGA)"
    DIRECTOR = "directeur", "Directeur·rice"
    TECHNICIAN = "technicien", "Technicien·ne, chargé·e de mission"
    REFERENT = "referent", "Référent·e"
    FACILITATOR = "animateur", "Animateur·rice, tiers facilitateur"
    OTHER = "autre", "Autre"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in by e-mail. Operators are `is_staff` (Django admin)."""

    username = None
    email = models.EmailField("adresse électronique", unique=True)
    display_name = models.CharField(
        "nom affiché", max_length=150, blank=True,
        help_text="Ce nom apparaît aux autres membres de vos coopérations.",
    )
    organization = models.ForeignKey(
        "territories.Organization", verbose_name="organisation", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="people",
    )
    function = models.CharField("fonction", max_length=20, choices=Function.choices, blank=True)
    job_title = models.CharField("intitulé du poste", max_length=200, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur·rice"
        verbose_name_plural = "utilisateur·rices"

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or self.get_full_name() or self.email.split("@")[0]


class LoginFailure(models.Model):
    """One failed sign-in, kept for rate limiting and for the security log."""

    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "échec de connexion"
        verbose_name_plural = "échecs de connexion"

    def __str__(self):
        return f"{self.email} — {self.created_at:%d/%m/%Y %H:%M}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token; only its hash is stored, the clear value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("nom", max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        raw = "ent_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], key_hash=hash_token(raw))
        return token, raw
