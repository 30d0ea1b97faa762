"""Learning boards: what a collective writes down after a seminar or a meeting, in the four columns
of seed 001 (obstacle à lever, facteur de réussite, écho à sa pratique / enseignement,
questionnement), grouped and dot-voted, each card linkable to a meeting, an action or a decision
and turned into a follow-up, a piste or an agenda item.

The lower apps never import reflexivity: the link between a card and what it became lives here,
on the conversion row.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.models import CreatedByModel

CARD_LENGTH = 500
MAX_DOTS = 20


class CardColumn(models.TextChoices):
    OBSTACLE = "obstacle", "Obstacle à lever"
    SUCCESS = "facteur_reussite", "Facteur de réussite"
    LESSON = "enseignement", "Écho à sa pratique / enseignement"
    QUESTION = "questionnement", "Questionnement"


COLUMN_HINTS = {
    CardColumn.OBSTACLE: "Ce qui vient freiner, ce sur quoi on bute.",
    CardColumn.SUCCESS: "Ce qui facilite et peut faire levier.",
    CardColumn.LESSON: "Ce qui fait écho à sa propre pratique, ce qu'on en retient.",
    CardColumn.QUESTION: "Ce qui reste une question ouverte.",
}


class LearningBoard(CreatedByModel):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="learning_boards",
    )
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("consigne", blank=True, max_length=DESCRIPTION_LENGTH)
    meeting = models.ForeignKey(
        "governance.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="réunion ou séminaire d'origine",
    )
    dots_per_person = models.PositiveSmallIntegerField(
        "gommettes par personne",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DOTS)],
    )
    is_open = models.BooleanField("ouvert aux contributions", default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "tableau d'apprentissage"
        verbose_name_plural = "tableaux d'apprentissage"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dots_per_person__gte=1, dots_per_person__lte=MAX_DOTS),
                name="board_dots_per_person_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reflexivity:board", args=[self.cooperation.slug, self.pk])


class CardGroup(models.Model):
    """A heading under which the facilitator gathers cards that say the same thing."""

    board = models.ForeignKey(LearningBoard, on_delete=models.CASCADE, related_name="groups")
    column = models.CharField("colonne", max_length=20, choices=CardColumn.choices)
    title = models.CharField("intitulé du regroupement", max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "regroupement de cartes"
        verbose_name_plural = "regroupements de cartes"
        ordering = ["board", "column", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["board", "column", "title"], name="card_group_unique_title"),
        ]

    def __str__(self):
        return self.title


class Card(models.Model):
    board = models.ForeignKey(LearningBoard, on_delete=models.CASCADE, related_name="cards")
    column = models.CharField("colonne", max_length=20, choices=CardColumn.choices)
    text = models.TextField("carte", max_length=CARD_LENGTH)
    group = models.ForeignKey(
        CardGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cards",
        verbose_name="regroupement",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="rédigée par",
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="réunion liée",
    )
    action = models.ForeignKey(
        "portfolio.Action",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="action liée",
    )
    decision = models.ForeignKey(
        "governance.Decision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="décision liée",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "carte"
        verbose_name_plural = "cartes"
        ordering = ["board", "column", "pk"]
        indexes = [models.Index(fields=["board", "column"])]

    def __str__(self):
        return self.text[:80]


class DotVote(models.Model):
    """The dots one person put on one card; their total on a board stays within its allowance."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="dots")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    count = models.PositiveSmallIntegerField("gommettes", default=1)

    class Meta:
        verbose_name = "gommette"
        verbose_name_plural = "gommettes"
        constraints = [
            models.UniqueConstraint(fields=["card", "voter"], name="dot_vote_unique"),
            models.CheckConstraint(condition=models.Q(count__gte=1, count__lte=MAX_DOTS), name="dot_vote_count_range"),
        ]

    def __str__(self):
        return f"{self.count} gommette(s) sur « {self.card} »"


class ConversionKind(models.TextChoices):
    FOLLOWUP = "suite", "Suite à donner"
    IDEA = "piste", "Piste d'atelier"
    AGENDA_ITEM = "point_odj", "Point à l'ordre du jour"


class CardConversion(CreatedByModel):
    """What a card became. One row per card and kind: the unique constraint is what keeps two
    tabs converting the same card at once from creating two follow-ups."""

    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="conversions")
    kind = models.CharField("transformée en", max_length=10, choices=ConversionKind.choices)
    followup = models.OneToOneField(
        "governance.FollowUp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="suite à donner",
    )
    idea = models.OneToOneField(
        "workshops.Idea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="piste",
    )
    agenda_item = models.OneToOneField(
        "governance.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="point de l'ordre du jour",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "transformation de carte"
        verbose_name_plural = "transformations de cartes"
        ordering = ["card", "kind"]
        constraints = [models.UniqueConstraint(fields=["card", "kind"], name="card_conversion_once_per_kind")]

    def __str__(self):
        return f"{self.card} → {self.get_kind_display()}"

    @property
    def target(self):
        return self.followup or self.idea or self.agenda_item
