"""The cross portrait (portrait croisé): shared foundations and shared challenges of a cooperation.

A challenge is linked to the axes, chantiers and actions of the cooperation's portfolio that answer it;
a challenge linked to nothing is one that nothing answers yet, and the portrait says so.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DESCRIPTION_LENGTH


class PortraitFoundation(models.Model):
    """One shared foundation (« fondement ») of the cooperation, in the order the partners chose."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="portrait_foundations"
    )
    title = models.CharField("intitulé", max_length=200)
    text = models.TextField("texte", blank=True, max_length=DESCRIPTION_LENGTH)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "fondement partagé"
        verbose_name_plural = "fondements partagés"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class PortraitChallenge(models.Model):
    """One shared challenge (« défi commun ») and what in the portfolio answers it."""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="portrait_challenges"
    )
    title = models.CharField("intitulé", max_length=255)
    text = models.TextField("texte", blank=True, max_length=DESCRIPTION_LENGTH)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    axes = models.ManyToManyField("portfolio.Axis", blank=True, related_name="+", verbose_name="axes")
    workstreams = models.ManyToManyField("portfolio.Workstream", blank=True, related_name="+", verbose_name="chantiers")
    actions = models.ManyToManyField("portfolio.Action", blank=True, related_name="+", verbose_name="actions")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(m2m_fields=[axes, workstreams, actions])

    class Meta:
        verbose_name = "défi commun"
        verbose_name_plural = "défis communs"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title
