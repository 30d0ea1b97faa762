"""Maturity self-assessment campaigns and their answers.

An answer is found again, to be replaced when its author answers twice, by a keyed hash of the
author and the campaign (`respondent_key`), never by a foreign key when the campaign is anonymous.
Answers carry no date and a random primary key, and keep no history: nothing orders them in time
against the participation rows, which say who answered but not what.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


def new_salt() -> str:
    return secrets.token_hex(16)


class MaturityCampaign(models.Model):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="maturity_campaigns"
    )
    title = models.CharField("intitulé", max_length=200)
    anonymous = models.BooleanField(
        "réponses anonymes",
        default=True,
        help_text="Aucune page, aucun export ne relie une réponse à une personne ; un chiffre issu de moins de "
        "trois réponses n'est pas affiché. L'anonymat ne peut plus être levé une fois une réponse reçue.",
    )
    opened_at = models.DateTimeField("ouverte le", default=timezone.now)
    closed_at = models.DateTimeField("close le", null=True, blank=True)
    salt = models.CharField(max_length=32, default=new_salt, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["salt"])

    class Meta:
        verbose_name = "campagne d'auto-évaluation de la maturité"
        verbose_name_plural = "campagnes d'auto-évaluation de la maturité"
        ordering = ["-opened_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class MaturityResponse(models.Model):
    """One person's ratings of the twelve thresholds: {threshold code: level}, and their comments."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    campaign = models.ForeignKey(MaturityCampaign, on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField(max_length=64, editable=False)
    # Set only in a named campaign; emptied when the campaign becomes anonymous.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner = models.ForeignKey(
        "cooperations.Partnership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ratings = models.JSONField(default=dict)
    comments = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "réponse d'auto-évaluation"
        verbose_name_plural = "réponses d'auto-évaluation"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "respondent_key"], name="maturity_response_once"),
        ]

    def __str__(self):
        return "Réponse d'auto-évaluation"  # never its author: the campaign may be anonymous


class MaturityParticipation(models.Model):
    """Who answered a campaign, without what: lets a person know they already answered."""

    campaign = models.ForeignKey(MaturityCampaign, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "participation à une campagne"
        verbose_name_plural = "participations aux campagnes"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="maturity_participation_once"),
        ]

    def __str__(self):
        return f"Participation à « {self.campaign} »"
