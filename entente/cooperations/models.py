from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.text import search_key


class CooperationKind(models.TextChoices):
    ENTENTE = "entente", "Entente"
    TECHNICAL_AGREEMENT = "convention_technique", "Convention technique"
    RECIPROCITY_CONTRACT = "contrat_reciprocite", "Contrat de réciprocité"
    TERRITORIAL_CODIR = "codir_territoire", "CoDir de territoire"
    OTHER = "autre", "Autre démarche"


class Visibility(models.TextChoices):
    PUBLIC = "public", "Publique (visible de tous)"
    PRIVATE = "private", "Privée (réservée aux membres)"


class PartnerRole(models.TextChoices):
    SIGNATORY = "signataire", "Signataire"
    ASSOCIATED = "partenaire_associe", "Partenaire associé"
    FACILITATOR = "tiers_facilitateur", "Tiers facilitateur"
    OBSERVER = "observateur", "Observateur"


class MemberRole(models.TextChoices):
    COORDINATOR = "coordinateur", "Coordinateur·rice"
    MEMBER = "membre", "Membre"
    CONTRIBUTOR = "contributeur", "Contributeur·rice"
    OBSERVER = "observateur", "Observateur·rice"


class Stage(models.TextChoices):
    DISCOVERY = "decouverte", "Découverte mutuelle"
    TRUSTED_EXCHANGE = "echange", "Échange de confiance"
    COMMON_VOICE = "voix_commune", "Voix commune"
    SHARED_PROJECTS = "projets_partages", "Projets partagés"


class Purpose(models.Model):
    """One of the six purposes of cooperating (presets), or one a cooperation adds."""

    code = models.SlugField(max_length=40, blank=True)
    label = models.CharField("libellé", max_length=200)
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_LENGTH)
    position = models.PositiveSmallIntegerField(default=0)
    cooperation = models.ForeignKey(
        "Cooperation", null=True, blank=True, on_delete=models.CASCADE, related_name="custom_purposes",
    )

    class Meta:
        verbose_name = "finalité"
        verbose_name_plural = "finalités"
        ordering = ["position", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(cooperation__isnull=True) & ~models.Q(code=""),
                name="purpose_preset_code_unique",
            ),
        ]

    def __str__(self):
        return self.label


class CooperationForm(models.Model):
    """One of the five forms of cooperation (presets), or one a cooperation adds."""

    code = models.SlugField(max_length=40, blank=True)
    label = models.CharField("libellé", max_length=255)
    examples = models.CharField("exemples", max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    cooperation = models.ForeignKey(
        "Cooperation", null=True, blank=True, on_delete=models.CASCADE, related_name="custom_forms",
    )

    class Meta:
        verbose_name = "forme de coopération"
        verbose_name_plural = "formes de coopération"
        ordering = ["position", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(cooperation__isnull=True) & ~models.Q(code=""),
                name="form_preset_code_unique",
            ),
        ]

    def __str__(self):
        return self.label


class Cooperation(models.Model):
    name = models.CharField("nom", max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    search_name = models.CharField(max_length=220, db_index=True)
    kind = models.CharField("type de coopération", max_length=24, choices=CooperationKind.choices)
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_LENGTH)
    visibility = models.CharField(
        "visibilité", max_length=8, choices=Visibility.choices, default=Visibility.PRIVATE,
    )
    started_on = models.DateField("date de lancement", null=True, blank=True)
    purposes = models.ManyToManyField(Purpose, blank=True, verbose_name="finalités", related_name="+")
    forms = models.ManyToManyField(
        CooperationForm, blank=True, verbose_name="formes de coopération", related_name="+",
    )
    organizations = models.ManyToManyField(
        "territories.Organization", through="Partnership", related_name="cooperations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_name", "updated_at"])

    class Meta:
        verbose_name = "coopération"
        verbose_name_plural = "coopérations"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cooperations:detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class PartnershipQuerySet(models.QuerySet):
    """`Partnership.objects.active()` and `cooperation.partnerships.active()`: the partners still in.

    A partner who leaves keeps its row with a leaving date (`left_on`), so that history, documents
    and past figures stay true; what happens across apps then is told in `services.remove_partner`.
    """

    def active(self):
        return self.filter(left_on__isnull=True)

    def departed(self):
        return self.filter(left_on__isnull=False)


def active_partnership(path: str) -> models.Q:
    """The same condition through a relation: `Count("partnerships", filter=active_partnership("partnerships"))`."""
    return models.Q(**{f"{path}__left_on__isnull": True})


class Partnership(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="partnerships")
    organization = models.ForeignKey(
        "territories.Organization", on_delete=models.PROTECT, related_name="partnerships",
        verbose_name="organisation",
    )
    role = models.CharField("rôle", max_length=24, choices=PartnerRole.choices, default=PartnerRole.SIGNATORY)
    joined_on = models.DateField("date d'entrée", null=True, blank=True)
    left_on = models.DateField("date de sortie", null=True, blank=True)
    history = HistoricalRecords()

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = "partenariat"
        verbose_name_plural = "partenariats"
        ordering = ["cooperation", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "organization"], name="partnership_unique"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(joined_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="partnership_leaves_after_joining",
            ),
        ]

    def __str__(self):
        return f"{self.organization} — {self.get_role_display()}"

    @property
    def is_active(self) -> bool:
        return self.left_on is None


class Membership(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    partner = models.ForeignKey(
        Partnership, null=True, blank=True, on_delete=models.SET_NULL, related_name="people",
        verbose_name="représente",
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "membre"
        verbose_name_plural = "membres"
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "user"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()}"


class TimelineStep(models.Model):
    cooperation = models.ForeignKey(Cooperation, on_delete=models.CASCADE, related_name="timeline")
    # Seeds often tell the order of steps without their date: unknown dates stay empty, never invented.
    date = models.DateField("date", null=True, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    title = models.CharField("intitulé", max_length=200)
    stage = models.CharField("étape", max_length=20, choices=Stage.choices, blank=True)
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_LENGTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "étape"
        verbose_name_plural = "étapes"
        ordering = ["position", "date", "pk"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.title}" if self.date else self.title
