""" "Vis ma vie" exchanges: one member spends time in another member's organization (seed 001, the
"Vis ma vie" DGS-SG of the Pays des Achards), and what was learned is written down. They count in
the actor network and in the health figures (`exchange_selectors`)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.models import CreatedByModel


class Exchange(CreatedByModel):
    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="exchanges")
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="accueillant·e",
    )
    host_partner = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="organisation d'accueil",
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="visiteur·se",
    )
    visitor_partner = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="organisation du visiteur ou de la visiteuse",
    )
    starts_on = models.DateField("du")
    ends_on = models.DateField("au")
    topic = models.CharField("objet de l'échange", max_length=200)
    learned = models.TextField("ce qui a été appris", blank=True, max_length=DESCRIPTION_LENGTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "échange « Vis ma vie »"
        verbose_name_plural = "échanges « Vis ma vie »"
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["cooperation", "starts_on"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(host=models.F("visitor")), name="exchange_two_people"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="exchange_ends_after"),
        ]

    def __str__(self):
        return f"{self.topic} ({self.starts_on:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("reflexivity:exchange_edit", args=[self.cooperation.slug, self.pk])
