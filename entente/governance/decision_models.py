"""Decisions of the register, their votes, the follow-ups they call for and the partners' ratifications."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DECISION_LENGTH, DESCRIPTION_LENGTH
from entente.core.models import CreatedByModel
from entente.core.numbers import MAX_VOTE_WEIGHT, at_most
from entente.core.text import search_key

from .body_models import BodyMember
from .meeting_models import AgendaItem


class DecisionKind(models.TextChoices):
    VALIDATION = "validation", "Validation"
    ARBITRATION = "arbitrage", "Arbitrage"
    ORIENTATION = "orientation", "Orientation"
    INFORMATION = "information", "Information"


class DecisionOutcome(models.TextChoices):
    ADOPTED = "adoptee", "Adoptée"
    REJECTED = "rejetee", "Rejetée"


class Decision(CreatedByModel):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="decisions", verbose_name="point de l'ordre du jour"
    )
    number = models.PositiveIntegerField("numéro")
    text = models.TextField("décision", max_length=DECISION_LENGTH)
    kind = models.CharField("nature", max_length=12, choices=DecisionKind.choices)
    decided_on = models.DateField("date")
    outcome = models.CharField("issue", max_length=8, choices=DecisionOutcome.choices, default=DecisionOutcome.ADOPTED)
    requires_ratification = models.BooleanField("soumise à la ratification de chaque partenaire", default=False)
    # The workshop arbitration this decision records, when the body arbitrated pistes of a workshop.
    arbitration = models.OneToOneField(
        "workshops.Arbitration",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="governance_decision",
        verbose_name="arbitrage d'atelier",
    )
    search_text = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = "décision"
        verbose_name_plural = "décisions"
        ordering = ["-decided_on", "-number"]
        indexes = [models.Index(fields=["cooperation", "-decided_on", "-number"])]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "number"], name="decision_unique_number"),
        ]

    def __str__(self):
        return f"{self.reference} — {self.text[:80]}"

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.reference} {self.text}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("governance:decision", args=[self.cooperation.slug, self.pk])

    @property
    def reference(self) -> str:
        return f"D{self.decided_on:%Y}-{self.number:04d}"


class VoteChoice(models.TextChoices):
    FOR = "pour", "Pour"
    AGAINST = "contre", "Contre"
    ABSTAIN = "abstention", "Abstention"


class Vote(models.Model):
    """One vote on a decision: a member's (per-member bodies) or a partner's (per-partner bodies).

    `seat` is the member the vote belongs to; `proxy_seat` the member who cast it holding a proxy.
    """

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    seat = models.ForeignKey(BodyMember, on_delete=models.CASCADE, related_name="votes", verbose_name="membre")
    partner = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="partenaire",
    )
    proxy_seat = models.ForeignKey(
        BodyMember,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="exprimé par procuration par",
    )
    choice = models.CharField("vote", max_length=12, choices=VoteChoice.choices)
    weight = models.DecimalField("poids", max_digits=12, decimal_places=2, default=1)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A vote corrected during the meeting keeps its earlier choice in the history.
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "seat"], condition=models.Q(partner__isnull=True), name="vote_unique_member"
            ),
            models.UniqueConstraint(
                fields=["decision", "partner"],
                condition=models.Q(partner__isnull=False),
                name="vote_unique_partner_vote",
            ),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="vote_weight_positive"),
            at_most("weight", MAX_VOTE_WEIGHT, name="vote_weight_max"),
        ]

    def __str__(self):
        return f"{self.get_choice_display()} ({self.partner or self.seat})"


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "a_faire", "À faire"
    IN_PROGRESS = "en_cours", "En cours"
    DONE = "faite", "Faite"
    DROPPED = "abandonnee", "Abandonnée"


OPEN_FOLLOWUP_STATUSES = (FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS)


class FollowUp(models.Model):
    """A "suite à donner": what, who (a person or a partner), by when, and the evidence once done."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="followups")
    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("suite à donner", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
        verbose_name="responsable",
    )
    owner_partner = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followups",
        verbose_name="partenaire responsable",
    )
    due_on = models.DateField("échéance")
    status = models.CharField("état", max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.NOT_STARTED)
    evidence = models.TextField("preuve de réalisation", blank=True, max_length=DESCRIPTION_LENGTH)
    evidence_url = models.URLField("lien vers la preuve", blank=True)
    closed_on = models.DateField("soldée le", null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["last_reminded_on"])

    class Meta:
        verbose_name = "suite à donner"
        verbose_name_plural = "suites à donner"
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["owner", "status", "due_on"]),
            models.Index(fields=["owner_partner", "status", "due_on"]),
            models.Index(fields=["cooperation", "status", "due_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(owner__isnull=False) | models.Q(owner_partner__isnull=False),
                name="followup_has_owner",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=FollowUpStatus.DONE)
                | (~models.Q(evidence="") & models.Q(closed_on__isnull=False)),
                name="followup_done_has_evidence",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def owner_label(self) -> str:
        parts = []
        if self.owner_id:
            parts.append(self.owner.public_name)
        if self.owner_partner_id:
            parts.append(str(self.owner_partner.organization))
        return " — ".join(parts)

    @property
    def public_owner_label(self) -> str:
        """The owner without the person's name, for visitors who may not see the members."""
        if self.owner_partner_id:
            return str(self.owner_partner.organization)
        return "Une personne de la coopération"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_FOLLOWUP_STATUSES


class RatificationStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    RATIFIED = "ratifiee", "Ratifiée"
    REFUSED = "refusee", "Refusée"


class Ratification(models.Model):
    """A partner's own assembly approving a decision (e.g. an entente's conference, CGCT L5221-2)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="ratifications")
    partner = models.ForeignKey(
        "cooperations.Partnership", on_delete=models.CASCADE, related_name="+", verbose_name="partenaire"
    )
    status = models.CharField(
        "état", max_length=12, choices=RatificationStatus.choices, default=RatificationStatus.PENDING
    )
    assembly = models.CharField("assemblée", max_length=200, blank=True)
    date = models.DateField("date de la délibération", null=True, blank=True)
    deliberation_reference = models.CharField("référence de la délibération", max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "ratification"
        verbose_name_plural = "ratifications"
        ordering = ["decision", "partner__organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "partner"], name="ratification_unique_partner"),
            models.CheckConstraint(
                condition=models.Q(status=RatificationStatus.PENDING)
                | (~models.Q(assembly="") & models.Q(date__isnull=False) & ~models.Q(deliberation_reference="")),
                name="ratification_recorded_in_full",
            ),
        ]

    def __str__(self):
        return f"{self.partner.organization} — {self.get_status_display()}"
