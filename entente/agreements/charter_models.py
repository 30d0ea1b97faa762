"""Charters of a cooperation: the charte de fonctionnement and the contrat moral, in numbered
versions (only a draft changes; one version is in force), each member adopting the version in force."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DOCUMENT_LENGTH


class CharterKind(models.TextChoices):
    FUNCTIONING = "charte_fonctionnement", "Charte de fonctionnement"
    MORAL_CONTRACT = "contrat_moral", "Contrat moral"


class CharterVersionStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    PUBLISHED = "en_vigueur", "En vigueur (proposée à l'adoption)"
    SUPERSEDED = "remplacee", "Remplacée"


class SectionKind(models.TextChoices):
    HEADING = "rubrique", "Rubrique de la charte"
    MORAL_RULE = "regle_morale", "Règle du contrat moral"
    FREE = "libre", "Ajout libre"


class Charter(models.Model):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="charters",
    )
    kind = models.CharField("nature", max_length=24, choices=CharterKind.choices)
    title = models.CharField("titre", max_length=200)
    bodies = models.ManyToManyField(
        "governance.Body", blank=True, related_name="charters", verbose_name="instances régies par la charte",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "charte"
        verbose_name_plural = "chartes"
        ordering = ["cooperation", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:charter_detail", args=[self.cooperation.slug, self.pk])


class CharterVersion(models.Model):
    """One numbered text of a charter. Only a draft can change; published texts are frozen."""

    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("numéro")
    status = models.CharField(
        "statut", max_length=12, choices=CharterVersionStatus.choices, default=CharterVersionStatus.DRAFT,
    )
    note = models.CharField("objet de la version", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField("mise en vigueur", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "version de charte"
        verbose_name_plural = "versions de charte"
        ordering = ["charter", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="charter_version_number_unique"),
            models.UniqueConstraint(
                fields=["charter"], condition=models.Q(status="brouillon"), name="charter_single_draft",
            ),
            models.UniqueConstraint(
                fields=["charter"], condition=models.Q(status="en_vigueur"), name="charter_single_published",
            ),
        ]

    def __str__(self):
        return f"{self.charter} — version {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == CharterVersionStatus.DRAFT


class CharterSection(models.Model):
    version = models.ForeignKey(CharterVersion, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField("nature", max_length=16, choices=SectionKind.choices, default=SectionKind.FREE)
    code = models.SlugField("code du modèle", max_length=40, blank=True)
    position = models.PositiveIntegerField("ordre", default=0)
    title = models.CharField("intitulé", max_length=200)
    body = models.TextField("contenu", blank=True, max_length=DOCUMENT_LENGTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rubrique de charte"
        verbose_name_plural = "rubriques de charte"
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.title


class CharterAdoption(models.Model):
    """A member declares adopting one version of a charter."""

    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="adoptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="charter_adoptions")
    partner = models.ForeignKey(
        "cooperations.Partnership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="au titre de",
    )
    adopted_on = models.DateField("date d'adoption", default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "adoption de charte"
        verbose_name_plural = "adoptions de charte"
        ordering = ["version", "adopted_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="charter_adoption_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.version}"
