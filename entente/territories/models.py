from django.db import models
from django.urls import reverse

from entente.core.text import search_key


class TerritoryKind(models.TextChoices):
    COMMUNE = "commune", "Commune"
    EPCI = "epci", "Intercommunalité (EPCI)"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"


class EpciKind(models.TextChoices):
    CC = "CC", "Communauté de communes"
    CA = "CA", "Communauté d'agglomération"
    CU = "CU", "Communauté urbaine"
    METRO = "METRO", "Métropole"


class Territory(models.Model):
    """A commune, EPCI, département or région of the official geographic code.

    `code` is the INSEE code (commune, département, région) or the SIREN (EPCI); it is unique
    only together with the kind, since département "37" and région "37" could both exist.
    """

    kind = models.CharField("type", max_length=12, choices=TerritoryKind.choices)
    code = models.CharField("code", max_length=9)
    name = models.CharField("nom", max_length=200)
    search_name = models.CharField(max_length=220, db_index=True)
    # Insee's "type de nom en clair": which article the name takes ("de la Loire", "du Loiret").
    tncc = models.PositiveSmallIntegerField("type de nom (TNCC Insee)", null=True, blank=True)
    population = models.PositiveIntegerField("population municipale", default=0)
    population_total = models.PositiveIntegerField("population totale", null=True, blank=True)
    population_year = models.PositiveSmallIntegerField("millésime de la population municipale", null=True, blank=True)
    population_total_year = models.PositiveSmallIntegerField("millésime de la population totale", null=True, blank=True)
    # An EPCI's population is the sum of its members'; the source's figures (BANATIC/DGCL, of
    # the `population_total_year` millésime) are kept for reference, never used in a split.
    source_population = models.PositiveIntegerField("population BANATIC (source)", null=True, blank=True)
    source_population_total = models.PositiveIntegerField("population totale BANATIC (source)", null=True, blank=True)
    epci_kind = models.CharField("nature de l'EPCI", max_length=5, choices=EpciKind.choices, blank=True)
    siren = models.CharField("SIREN", max_length=9, blank=True)
    departement = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"kind": TerritoryKind.DEPARTEMENT}, verbose_name="département",
    )
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        limit_choices_to={"kind": TerritoryKind.REGION}, verbose_name="région",
    )
    epci = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="member_communes",
        limit_choices_to={"kind": TerritoryKind.EPCI}, verbose_name="EPCI de rattachement",
    )
    # A commune (or EPCI) lists its seat; kept as a code to avoid ordering the import.
    seat_code = models.CharField("chef-lieu", max_length=9, blank=True)
    postal_codes = models.CharField("codes postaux", max_length=200, blank=True)
    is_current = models.BooleanField("en vigueur", default=True)

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="territory_unique_kind_code"),
        ]
        indexes = [models.Index(fields=["kind", "search_name"])]

    def __str__(self):
        if self.kind == TerritoryKind.COMMUNE and self.departement_id:
            return f"{self.name} ({self.code[:3] if self.code.startswith('97') else self.code[:2]})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("territories:detail", args=[self.kind, self.code])

    @property
    def population_millesime(self) -> str:
        """Which legal populations `population` is, named wherever it is shown or used in a split."""
        return f"populations légales {self.population_year}" if self.population_year else "millésime non précisé"

    @property
    def population_total_millesime(self) -> str:
        if self.population_total_year:
            return f"populations légales {self.population_total_year}"
        return "millésime non précisé"

    @property
    def kind_label(self) -> str:
        if self.kind == TerritoryKind.EPCI and self.epci_kind:
            return self.get_epci_kind_display()
        return self.get_kind_display()


class TerritoryToken(models.Model):
    """One folded word of a territory's name, so that word-prefix search uses a B-tree index."""

    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="tokens")
    token = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["token", "territory"])]
        constraints = [
            models.UniqueConstraint(fields=["territory", "token"], name="territory_token_unique"),
        ]

    def __str__(self):
        return self.token


class OrganizationKind(models.TextChoices):
    LOCAL_AUTHORITY = "collectivite", "Collectivité territoriale ou EPCI"
    STATE = "etat", "État, préfecture, services déconcentrés"
    URBAN_AGENCY = "agence_urbanisme", "Agence d'urbanisme"
    CNFPT = "cnfpt", "CNFPT"
    JOINT_SYNDICATE = "syndicat_mixte", "Syndicat mixte"
    PUBLIC_BODY = "etablissement_public", "Établissement public"
    ASSOCIATION = "association", "Association"
    COMPANY = "entreprise", "Entreprise"
    OTHER = "autre", "Autre"


class Organization(models.Model):
    """Any partner. A collectivité is linked to its territory; other partners have none."""

    name = models.CharField("nom", max_length=255)
    search_name = models.CharField(max_length=280, db_index=True)
    kind = models.CharField("nature", max_length=24, choices=OrganizationKind.choices)
    territory = models.OneToOneField(
        Territory, null=True, blank=True, on_delete=models.PROTECT, related_name="organization",
        verbose_name="territoire",
    )
    siren = models.CharField("SIREN", max_length=9, blank=True)
    website = models.URLField("site internet", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(territory__isnull=True) | models.Q(kind="collectivite"),
                name="organization_territory_only_for_local_authority",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = search_key(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("territories:organization", args=[self.pk])
