"""Mirror sessions ("temps miroir", seed 004): a short anonymous questionnaire attached to a meeting.

Answers come from members (their account) or from anyone holding the join code; they carry no
author, no date and a random primary key. A keyed hash of the account or of the browser's seat lets
a second answer replace the first. The facilitator sees them only once three people answered.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.workshops.models import new_join_code

MIN_MIRROR_ANSWERS = 3
SCALE = range(1, 6)
SCALE_LABELS = {1: "Pas du tout", 2: "Plutôt non", 3: "Mitigé", 4: "Plutôt oui", 5: "Tout à fait"}


class QuestionKind(models.TextChoices):
    TEXT = "texte", "Réponse libre"
    SCALE = "echelle", "Échelle de 1 à 5"


# The nine questions of the "Opération miroir" (seed 004), editable in each session.
MIRROR_QUESTIONS = [
    ("Où en est-on par rapport au cadre de référence (charte, contrat moral) ?", QuestionKind.SCALE),
    ("Qu'est-ce qui fonctionne, qu'est-ce qui ne fonctionne pas ?", QuestionKind.TEXT),
    ("Comment se passent les relations entre nous ?", QuestionKind.SCALE),
    ("Chacun se sent-il à l'aise ? Dans quelles circonstances ne l'est-on pas ?", QuestionKind.SCALE),
    ("Qu'est-ce que les autres m'apportent ?", QuestionKind.TEXT),
    ("Qu'est-ce que je pense leur apporter ?", QuestionKind.TEXT),
    ("Quand n'ai-je pas été coopératif ?", QuestionKind.TEXT),
    ("Qu'est-ce que j'attends des autres ?", QuestionKind.TEXT),
    ("Que changer ?", QuestionKind.TEXT),
]


class MirrorSession(models.Model):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="mirror_sessions"
    )
    meeting = models.OneToOneField(
        "governance.Meeting", on_delete=models.CASCADE, related_name="mirror_session", verbose_name="réunion"
    )
    join_code = models.CharField("code de participation", max_length=8, unique=True, default=new_join_code)
    accepts_answers = models.BooleanField("recueille les réponses", default=True)
    synthesis = models.TextField("synthèse", blank=True, max_length=20000)
    salt = models.CharField(max_length=32, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["salt", "join_code"])

    class Meta:
        verbose_name = "temps miroir"
        verbose_name_plural = "temps miroir"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Temps miroir — {self.meeting}"


class MirrorQuestion(models.Model):
    session = models.ForeignKey(MirrorSession, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("ordre")
    text = models.CharField("question", max_length=300)
    kind = models.CharField("type de réponse", max_length=8, choices=QuestionKind.choices)

    class Meta:
        verbose_name = "question du temps miroir"
        verbose_name_plural = "questions du temps miroir"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text


class MirrorResponse(models.Model):
    """One person's answers: {question id (text): free text or a scale value}."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(MirrorSession, on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField(max_length=64, editable=False)
    answers = models.JSONField(default=dict)

    class Meta:
        verbose_name = "réponse au temps miroir"
        verbose_name_plural = "réponses au temps miroir"
        constraints = [
            models.UniqueConstraint(fields=["session", "respondent_key"], name="mirror_response_once"),
        ]

    def __str__(self):
        return "Réponse anonyme au temps miroir"
