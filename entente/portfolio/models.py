"""Axes → workstreams (chantiers, thèmes) → actions, with their journal, milestones, indicators,
links and financing plans. Every change goes through `services.py`."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.formatting import format_money, format_number
from entente.core.models import CreatedByModel
from entente.core.numbers import MAX_AMOUNT, MAX_COUNT, MAX_SHARE_WEIGHT, at_most


class ActionStatus(models.TextChoices):
    IDEA = "idee", "Idée"
    STUDY = "a_l_etude", "À l'étude"
    COMMITTED = "engagee", "Engagée"
    DONE = "realisee", "Réalisée"
    SUSPENDED = "suspendue", "Suspendue"
    ABANDONED = "abandonnee", "Abandonnée"


# The DSFR badge of each status (an idea has the plain badge).
STATUS_BADGES = {
    ActionStatus.DONE: "fr-badge--success",
    ActionStatus.COMMITTED: "fr-badge--info",
    ActionStatus.STUDY: "fr-badge--new",
    ActionStatus.SUSPENDED: "fr-badge--warning",
    ActionStatus.ABANDONED: "fr-badge--error",
}


class Axis(models.Model):
    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="axes")
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_LENGTH)
    position = models.PositiveIntegerField("ordre", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "axe"
        verbose_name_plural = "axes"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "title"], name="portfolio_axis_title_unique"),
        ]

    def __str__(self):
        return self.title


class Workstream(models.Model):
    """A chantier or theme: groups actions, inside an axis when the cooperation uses axes."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="workstreams",
    )
    axis = models.ForeignKey(
        Axis,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workstreams",
        verbose_name="axe",
    )
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_LENGTH)
    lead = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="chef de file du chantier",
    )
    position = models.PositiveIntegerField("ordre", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "chantier"
        verbose_name_plural = "chantiers"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "title"], name="portfolio_workstream_title_unique"),
        ]

    def __str__(self):
        return self.title


class Action(CreatedByModel):
    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="actions")
    workstream = models.ForeignKey(
        Workstream,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name="chantier",
    )
    position = models.PositiveIntegerField("ordre", default=0)
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_LENGTH)
    lead = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_actions",
        verbose_name="chef de file",
    )
    participants = models.ManyToManyField(
        "cooperations.Partnership",
        blank=True,
        related_name="actions",
        verbose_name="partenaires participants",
    )
    external_partners = models.ManyToManyField(
        "territories.Organization",
        blank=True,
        related_name="external_actions",
        verbose_name="partenaires extérieurs à la coopération",
    )
    referents = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="referent_actions",
        verbose_name="référents",
    )
    purposes = models.ManyToManyField("cooperations.Purpose", blank=True, related_name="+", verbose_name="finalités")
    forms = models.ManyToManyField(
        "cooperations.CooperationForm",
        blank=True,
        related_name="+",
        verbose_name="formes de coopération",
    )
    source_ideas = models.ManyToManyField(
        "workshops.Idea",
        blank=True,
        related_name="portfolio_actions",
        verbose_name="pistes d'origine",
    )
    status = models.CharField("statut", max_length=12, choices=ActionStatus.choices, default=ActionStatus.IDEA)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    start_on = models.DateField("début", null=True, blank=True)
    end_on = models.DateField("fin", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "action"
        verbose_name_plural = "actions"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="portfolio_action_progress_max"),
            models.CheckConstraint(
                condition=models.Q(start_on__isnull=True)
                | models.Q(end_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="portfolio_action_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["cooperation", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:action_detail", args=[self.cooperation.slug, self.pk])

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "")


class EventKind(models.TextChoices):
    CREATED = "creation", "Création"
    STATUS = "statut", "Changement de statut"
    PROGRESS = "avancement", "Avancement"
    FINANCING = "financement", "Financement"
    COMMENT = "commentaire", "Commentaire"
    MILESTONE = "jalon", "Jalon"
    PARTNERS = "partenaires", "Partenaires"
    INDICATOR = "indicateur", "Indicateur de résultat"


class ActionEvent(models.Model):
    """The dated journal of an action: status changes, progress and comments."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("nature", max_length=12, choices=EventKind.choices)
    from_status = models.CharField(max_length=12, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ActionStatus.choices, blank=True)
    text = models.TextField("texte", blank=True, max_length=DESCRIPTION_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    occurred_at = models.DateTimeField("date", default=timezone.now)

    class Meta:
        verbose_name = "événement du journal"
        verbose_name_plural = "journal"
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.action}"


class Milestone(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("jalon", max_length=200)
    due_on = models.DateField("échéance")
    done_on = models.DateField("atteint le", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jalon"
        verbose_name_plural = "jalons"
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_late(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


class ResultIndicator(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField("indicateur", max_length=200)
    unit = models.CharField("unité", max_length=40, blank=True)
    target = models.DecimalField("cible", max_digits=14, decimal_places=2)
    current = models.DecimalField("valeur actuelle", max_digits=14, decimal_places=2, default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "indicateur de résultat"
        verbose_name_plural = "indicateurs de résultat"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__gte=0, current__gte=0), name="portfolio_indicator_not_negative"
            ),
            at_most("target", MAX_AMOUNT, name="portfolio_indicator_target_max"),
            at_most("current", MAX_AMOUNT, name="portfolio_indicator_current_max"),
        ]

    def __str__(self):
        return self.label

    @property
    def percent(self) -> int | None:
        if not self.target:
            return None
        return max(0, min(100, round(self.current * 100 / self.target)))


class LinkKind(models.TextChoices):
    DEPENDS_ON = "depend_de", "dépend de"
    FEEDS = "alimente", "alimente"
    RELATES_TO = "en_lien", "est en lien avec"


class ActionLink(models.Model):
    source = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField("nature du lien", max_length=10, choices=LinkKind.choices)
    note = models.CharField("précision", max_length=255, blank=True)

    class Meta:
        verbose_name = "lien entre actions"
        verbose_name_plural = "liens entre actions"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="portfolio_link_unique"),
            models.CheckConstraint(condition=~models.Q(source=models.F("target")), name="portfolio_link_not_self"),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"


class SharingKey(models.TextChoices):
    EQUAL = "parts_egales", "Parts égales"
    POPULATION = "population", "Population"
    COUNT = "nombre", "Nombre saisi par partenaire"
    WEIGHTS = "poids", "Pondération libre"
    FIXED = "part_fixe", "Part fixe pour un partenaire, reste selon une autre clé"


class PopulationBasis(models.TextChoices):
    MUNICIPAL = "municipale", "Population municipale"
    TOTAL = "totale", "Population totale"


class FixedMode(models.TextChoices):
    PERCENT = "pourcentage", "Pourcentage"
    AMOUNT = "montant", "Montant"


class FinancingPlan(models.Model):
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="financing")
    total = models.DecimalField("coût total (€)", max_digits=14, decimal_places=2)
    key = models.CharField("clé de répartition", max_length=14, choices=SharingKey.choices, default=SharingKey.EQUAL)
    population_basis = models.CharField(
        "population retenue",
        max_length=10,
        choices=PopulationBasis.choices,
        default=PopulationBasis.MUNICIPAL,
    )
    fixed_partner = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="partenaire à part fixe",
    )
    fixed_mode = models.CharField("part fixe exprimée en", max_length=12, choices=FixedMode.choices, blank=True)
    fixed_value = models.DecimalField("part fixe", max_digits=14, decimal_places=2, null=True, blank=True)
    rest_key = models.CharField("clé pour le reste", max_length=14, choices=SharingKey.choices, blank=True)
    count_label = models.CharField(
        "objet compté", max_length=60, blank=True, help_text="Par exemple « déchèteries », pour la clé « nombre »."
    )
    note = models.TextField("commentaire", blank=True, max_length=DESCRIPTION_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "plan de financement"
        verbose_name_plural = "plans de financement"
        constraints = [
            models.CheckConstraint(condition=models.Q(total__gte=0), name="portfolio_plan_total_not_negative"),
            models.CheckConstraint(
                condition=models.Q(fixed_value__isnull=True) | models.Q(fixed_value__gte=0),
                name="portfolio_plan_fixed_not_negative",
            ),
            at_most("total", MAX_AMOUNT, name="portfolio_plan_total_max"),
            at_most("fixed_value", MAX_AMOUNT, name="portfolio_plan_fixed_max", nullable=True),
        ]

    def __str__(self):
        return f"Plan de financement — {self.action}"

    def base_key_description(self, key: str) -> str:
        if key == SharingKey.POPULATION:
            return f"au prorata de la {self.get_population_basis_display().lower()}"
        if key == SharingKey.COUNT:
            return f"au prorata du nombre de {self.count_label}" if self.count_label else "au prorata du nombre saisi"
        if key == SharingKey.WEIGHTS:
            return "selon une pondération libre"
        return "à parts égales"

    @property
    def key_description(self) -> str:
        """The key in a sentence, e.g. « 60 % pour Tours Métropole, le reste au prorata de la population »."""
        if self.key != SharingKey.FIXED:
            return self.base_key_description(self.key)
        if self.fixed_mode == FixedMode.PERCENT:
            value = f"{format_number(self.fixed_value, trim=True)}\u00a0%"
        else:
            value = format_money(self.fixed_value)
        partner = self.fixed_partner.organization.name if self.fixed_partner_id else "?"
        return f"part fixe de {value} pour {partner}, le reste {self.base_key_description(self.rest_key)}"

    @property
    def has_fixed_share(self) -> bool:
        return self.key == SharingKey.FIXED

    @property
    def external_total(self):
        return sum((funding.amount for funding in self.fundings.all()), start=0)

    @property
    def remainder(self):
        return self.total - self.external_total


class FundingSource(models.TextChoices):
    STATE = "etat", "État"
    REGION = "region", "Région"
    EUROPE = "europe", "Europe"
    OTHER = "autre", "Autre financeur"


class ExternalFunding(models.Model):
    plan = models.ForeignKey(FinancingPlan, on_delete=models.CASCADE, related_name="fundings")
    source = models.CharField("financeur", max_length=8, choices=FundingSource.choices)
    label = models.CharField("précision", max_length=200, blank=True)
    amount = models.DecimalField("montant (€)", max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = "financement extérieur"
        verbose_name_plural = "financements extérieurs"
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="portfolio_funding_not_negative"),
            at_most("amount", MAX_AMOUNT, name="portfolio_funding_max"),
        ]

    def __str__(self):
        return f"{self.get_source_display()} : {self.amount} €"


class FinancingShare(models.Model):
    """One participant's input to the key (count, weight) and its computed share of the remainder.

    The share is computed by `sharing.split` when the plan is saved and kept as voted, so that a
    later change of the registry's populations does not silently change a signed contribution.
    """

    plan = models.ForeignKey(FinancingPlan, on_delete=models.CASCADE, related_name="shares")
    partnership = models.ForeignKey("cooperations.Partnership", on_delete=models.CASCADE, related_name="shares")
    count = models.PositiveIntegerField("nombre", null=True, blank=True)
    weight = models.DecimalField("poids", max_digits=12, decimal_places=4, null=True, blank=True)
    amount = models.DecimalField("part (€)", max_digits=14, decimal_places=2, default=0)
    explanation = models.CharField("calcul", max_length=400, blank=True)

    class Meta:
        verbose_name = "part d'un partenaire"
        verbose_name_plural = "parts des partenaires"
        ordering = ["-amount", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "partnership"], name="portfolio_share_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="portfolio_share_not_negative"),
            models.CheckConstraint(
                condition=models.Q(weight__isnull=True) | models.Q(weight__gte=0),
                name="portfolio_weight_not_negative",
            ),
            at_most("weight", MAX_SHARE_WEIGHT, name="portfolio_weight_max", nullable=True),
            at_most("count", MAX_COUNT, name="portfolio_count_max", nullable=True),
            at_most("amount", MAX_AMOUNT, name="portfolio_share_max"),
        ]

    def __str__(self):
        return f"{self.partnership.organization} : {self.amount} €"
