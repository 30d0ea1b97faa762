"""Workshops (ateliers): pistes proposed by participants, scored on a grid, ranked, arbitrated.

Scores are stored keyed by participant (to allow one value per participant, piste and
criterion, and to let each participant change theirs), but when a workshop is anonymous no
page, export or API answer ever reads the participant of a score: only aggregates leave the
database (see `selectors.py`).
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.models import CreatedByModel
from entente.core.numbers import MAX_CRITERION_WEIGHT, at_most
from entente.core.text import fold

JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud in a room
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_participant_token() -> str:
    return secrets.token_urlsafe(24)


class Phase(models.TextChoices):
    PROPOSING = "foisonnement", "Foisonnement (propositions)"
    SCORING = "evaluation", "Évaluation croisée"
    CLOSED = "clos", "Clos"


# What each phase allows; rules.py consults this table, never the phase name directly.
PHASE_VERBS = {
    Phase.PROPOSING: frozenset({"join", "propose", "edit_idea", "merge", "import"}),
    Phase.SCORING: frozenset({"join", "score", "merge"}),
    Phase.CLOSED: frozenset({"arbitrate"}),
}
PHASE_ORDER = [Phase.PROPOSING, Phase.SCORING, Phase.CLOSED]
JOINABLE_PHASES = [phase for phase in PHASE_ORDER if "join" in PHASE_VERBS[phase]]


class WorkshopKind(models.TextChoices):
    INTERNAL = "interne", "Interne à un partenaire"
    JOINT = "commun", "Commun à plusieurs partenaires"


class Grid(models.Model):
    """An evaluation grid of a cooperation, usually copied from a preset."""

    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="grids")
    name = models.CharField("nom", max_length=200)
    preset = models.CharField("modèle d'origine", max_length=40, blank=True)

    class Meta:
        verbose_name = "grille d'évaluation"
        verbose_name_plural = "grilles d'évaluation"
        ordering = ["name"]

    def __str__(self):
        return self.name


class CriterionKind(models.TextChoices):
    SCALE = "echelle", "Échelle numérique"
    TERNARY = "oui_non", "Oui / en partie / non"


class Axis(models.TextChoices):
    NONE = "", "Aucun"
    VALUE = "valeur", "Valeur (axe vertical de la matrice)"
    FEASIBILITY = "faisabilite", "Faisabilité (axe horizontal de la matrice)"


TERNARY_LABELS = {0: "Non", 1: "En partie", 2: "Oui"}


class Criterion(models.Model):
    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField("libellé", max_length=200)
    kind = models.CharField(
        "type de réponse",
        max_length=10,
        choices=CriterionKind.choices,
        default=CriterionKind.SCALE,
    )
    scale_min = models.SmallIntegerField("minimum", default=1)
    scale_max = models.SmallIntegerField("maximum", default=4)
    weight = models.DecimalField("poids", max_digits=5, decimal_places=2, default=1)
    axis = models.CharField("axe de la matrice", max_length=12, choices=Axis.choices, blank=True, default="")
    position = models.PositiveSmallIntegerField(default=0)
    # Weights and scales change the ranking: who changed them, and when, stays on record.
    history = HistoricalRecords()

    class Meta:
        verbose_name = "critère"
        verbose_name_plural = "critères"
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="criterion_scale_order",
            ),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="criterion_weight_positive"),
            at_most("weight", MAX_CRITERION_WEIGHT, name="criterion_weight_max"),
            models.CheckConstraint(
                condition=models.Q(scale_min__gte=0, scale_max__lte=10), name="criterion_scale_range"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def is_ternary(self) -> bool:
        return self.kind == CriterionKind.TERNARY

    @property
    def is_scale(self) -> bool:
        return self.kind == CriterionKind.SCALE

    def choices(self) -> list[tuple[int, str]]:
        if self.kind == CriterionKind.TERNARY:
            return [(value, TERNARY_LABELS[value]) for value in (2, 1, 0)]
        return [(value, str(value)) for value in range(self.scale_min, self.scale_max + 1)]

    def accepts(self, value: int) -> bool:
        return self.scale_min <= value <= self.scale_max

    def normalize(self, mean: float | None) -> float | None:
        if mean is None:
            return None
        return (mean - self.scale_min) / (self.scale_max - self.scale_min)

    def label_for(self, value) -> str:
        if self.kind == CriterionKind.TERNARY and value in TERNARY_LABELS:
            return TERNARY_LABELS[value]
        return str(value)


class Domain(models.Model):
    """A domain of action of a cooperation (solidarités, collèges, achats…), preset from the seeds."""

    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="idea_domains")
    label = models.CharField("libellé", max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "domaine"
        verbose_name_plural = "domaines"
        ordering = ["position", "label"]
        constraints = [models.UniqueConstraint(fields=["cooperation", "label"], name="domain_label_unique")]

    def __str__(self):
        return self.label


class BoundRule(models.TextChoices):
    AT_LEAST = "au_moins", "Au moins égal au seuil (≥) : une piste notée exactement au seuil est jugée forte"
    ABOVE = "au_dessus", "Strictement au-dessus du seuil (>) : une piste notée exactement au seuil est jugée modeste"


class Workshop(CreatedByModel):
    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField("intitulé", max_length=200)
    kind = models.CharField("type d'atelier", max_length=10, choices=WorkshopKind.choices, default=WorkshopKind.JOINT)
    host = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="partenaire organisateur",
    )
    held_on = models.DateField("date", null=True, blank=True)
    place = models.CharField("lieu", max_length=200, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="animateur·rice",
    )
    phase = models.CharField("phase", max_length=12, choices=Phase.choices, default=Phase.PROPOSING)
    grid = models.ForeignKey(Grid, on_delete=models.PROTECT, related_name="workshops", verbose_name="grille")
    anonymous = models.BooleanField(
        "évaluation anonyme",
        default=False,
        help_text="Personne, coordinateurs et opérateurs compris, ne peut savoir qui a donné quelle note.",
    )
    join_code = models.CharField("code de participation", max_length=8, unique=True, default=new_join_code)
    # The priority matrix: where "forte plus-value" and "faisable à court terme" begin, on 0–100.
    value_threshold = models.PositiveSmallIntegerField("seuil de plus-value forte (sur 100)", default=50)
    feasibility_threshold = models.PositiveSmallIntegerField("seuil de faisabilité à court terme (sur 100)", default=50)
    bound_rule = models.CharField(
        "piste notée exactement au seuil", max_length=10, choices=BoundRule.choices, default=BoundRule.AT_LEAST
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "atelier"
        verbose_name_plural = "ateliers"
        ordering = ["-held_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="commun") | models.Q(host__isnull=False),
                name="workshop_internal_has_host",
            ),
            models.CheckConstraint(
                condition=models.Q(value_threshold__gte=1, value_threshold__lte=99)
                & models.Q(feasibility_threshold__gte=1, feasibility_threshold__lte=99),
                name="workshop_matrix_thresholds_inside_scale",
                violation_error_message="Les seuils de la matrice vont de 1 à 99 (sur 100).",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workshops:detail", args=[self.cooperation.slug, self.pk])

    def allows(self, verb: str) -> bool:
        return verb in PHASE_VERBS[self.phase]

    @property
    def is_internal(self) -> bool:
        return self.kind == WorkshopKind.INTERNAL

    # Templates read the phase through these, never through its stored value.
    @property
    def is_proposing(self) -> bool:
        return self.phase == Phase.PROPOSING

    @property
    def is_scoring(self) -> bool:
        return self.phase == Phase.SCORING

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED

    @property
    def strict_bounds(self) -> bool:
        """A piste scored exactly at a threshold is judged modest."""
        return self.bound_rule == BoundRule.ABOVE


class Participant(models.Model):
    """Someone taking part in one workshop: an account, or a join code with a display name."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="workshop_seats",
    )
    display_name = models.CharField("nom affiché", max_length=120)
    organization = models.ForeignKey(
        "territories.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="organisation",
    )
    token = models.CharField(max_length=64, unique=True, default=new_participant_token)
    joined_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "participant·e"
        verbose_name_plural = "participant·es"
        ordering = ["display_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "user"],
                condition=models.Q(user__isnull=False),
                name="participant_user_once",
            ),
        ]

    def __str__(self):
        return self.display_name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def joined_with_code(self) -> bool:
        return self.user_id is None


class ArbitrationStatus(models.TextChoices):
    PENDING = "", "Non arbitrée"
    RETAINED = "retenue", "Retenue"
    REJECTED = "ecartee", "Écartée"
    POSTPONED = "reportee", "Reportée"


class IdeaOrigin(models.TextChoices):
    WORKSHOP = "atelier", "Proposée en atelier"
    IMPORT = "import", "Importée d'un fichier"
    COPY = "reprise", "Reprise d'un autre atelier"


class Idea(models.Model):
    """A piste. A piste merged into another keeps its row, authors and scores (merged_into)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("description", blank=True, max_length=DESCRIPTION_LENGTH)
    domain = models.ForeignKey(Domain, null=True, blank=True, on_delete=models.SET_NULL, verbose_name="domaine")
    organization = models.ForeignKey(
        "territories.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="organisation proposante",
    )
    authors = models.ManyToManyField(Participant, blank=True, related_name="ideas", verbose_name="auteur·rices")
    origin = models.CharField("origine", max_length=10, choices=IdeaOrigin.choices, default=IdeaOrigin.WORKSHOP)
    origin_label = models.CharField("provenance", max_length=255, blank=True)
    source = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name="piste d'origine",
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_sources",
        verbose_name="fusionnée dans",
    )
    merged_at = models.DateTimeField(null=True, blank=True)
    arbitration_status = models.CharField(
        "arbitrage",
        max_length=10,
        choices=ArbitrationStatus.choices,
        blank=True,
        default="",
    )
    arbitration_reason = models.TextField("motif de l'arbitrage", blank=True, max_length=DESCRIPTION_LENGTH)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"], m2m_fields=[authors])

    class Meta:
        verbose_name = "piste"
        verbose_name_plural = "pistes"
        ordering = ["pk"]
        indexes = [models.Index(fields=["workshop", "merged_into"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(merged_into=models.F("pk")), name="idea_not_merged_into_self"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.description}")
        super().save(*args, **kwargs)

    @property
    def is_retained(self) -> bool:
        return self.arbitration_status == ArbitrationStatus.RETAINED

    @property
    def is_rejected(self) -> bool:
        return self.arbitration_status == ArbitrationStatus.REJECTED


class Score(models.Model):
    """One participant's value for one piste on one criterion. No history: anonymity."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="+")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="scores")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.SmallIntegerField("note")
    # The evaluator's organization, copied from the participant (who cannot change it), so that
    # the per-partner aggregates come from the score table alone, without a join.
    evaluator_organization = models.ForeignKey(
        "territories.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "note"
        verbose_name_plural = "notes"
        constraints = [
            models.UniqueConstraint(fields=["participant", "idea", "criterion"], name="score_once_per_participant"),
        ]
        indexes = [
            # Covering indexes of the two GROUP BY queries of the results (see selectors.py).
            models.Index(
                fields=["workshop", "idea", "criterion", "value", "evaluator_organization"], name="score_histogram"
            ),
            models.Index(fields=["workshop", "participant"], name="score_participation"),
        ]

    def __str__(self):
        return f"{self.value}"


class Arbitration(models.Model):
    """A sitting of the steering body that arbitrated pistes of a workshop."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="arbitrations")
    body = models.CharField("instance", max_length=200, default="Comité de pilotage")
    decided_on = models.DateField("date de l'arbitrage", default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "arbitrage"
        verbose_name_plural = "arbitrages"
        ordering = ["-decided_on", "-recorded_at"]

    def __str__(self):
        return f"{self.body} — {self.decided_on:%d/%m/%Y}"


class ArbitrationDecision(models.Model):
    arbitration = models.ForeignKey(Arbitration, on_delete=models.CASCADE, related_name="decisions")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="arbitration_decisions")
    status = models.CharField("décision", max_length=10, choices=ArbitrationStatus.choices)
    reason = models.TextField("motif", blank=True, max_length=DESCRIPTION_LENGTH)

    class Meta:
        verbose_name = "décision d'arbitrage"
        verbose_name_plural = "décisions d'arbitrage"
        constraints = [
            models.UniqueConstraint(fields=["arbitration", "idea"], name="arbitration_decision_once"),
            models.CheckConstraint(condition=~models.Q(status=""), name="arbitration_decision_not_empty"),
        ]

    def __str__(self):
        return self.get_status_display()
