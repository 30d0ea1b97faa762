"""Bodies (instances) of a cooperation: their seats, rotation order, vote weights and council dates.

Rules that need no database (periodicity, rotation, deadlines) live in `schedule.py`; these models
hold the facts and the invariants the database can enforce.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DESCRIPTION_LENGTH
from entente.core.numbers import MAX_VOTE_WEIGHT, at_most


def new_token() -> str:
    return secrets.token_urlsafe(24)


class BodyKind(models.TextChoices):
    STEERING_COMMITTEE = "comite_pilotage", "Comité de pilotage"
    CODIRI = "codiri", "Comité de direction interdépartemental (CODIRI)"
    PRESIDENTS_CONFERENCE = "conference_presidents", "Conférence des présidents"
    MONITORING_COMMITTEE = "comite_suivi", "Comité de suivi"
    THEMATIC_WORKSHOP = "atelier_thematique", "Atelier thématique"
    ENTENTE_CONFERENCE = "conference_entente", "Conférence de l'entente"
    DIRECTORS_COLLECTIVE = "collectif_directeurs", "Collectif de directeurs (CoDir de territoire)"


class CodirFunction(models.TextChoices):
    RELATIONAL = "relationnelle", "Fonction relationnelle"
    OPERATIONAL = "operationnelle", "Fonction opérationnelle"
    ORGANISATIONAL = "organisationnelle", "Fonction organisationnelle"
    INSTITUTIONAL = "institutionnelle", "Fonction institutionnelle"


class Periodicity(models.TextChoices):
    NONE = "aucune", "Sans périodicité fixe"
    YEARLY = "annuelle", "Une fois par an"
    TWICE_YEARLY = "semestrielle", "Deux fois par an"
    QUARTERLY = "trimestrielle", "Une fois par trimestre"
    MONTHLY = "mensuelle", "Une fois par mois"
    BEFORE_COUNCIL = "avant_conseil", "Avant chaque conseil communautaire"


class Rotation(models.TextChoices):
    FIXED = "fixe", "Sans rotation (secrétaire et président de l'instance)"
    EACH_MEETING = "par_reunion", "Alternance entre partenaires à chaque réunion"
    EACH_YEAR = "par_annee", "Alternance entre partenaires chaque année"
    PER_THEME = "par_theme", "Présidence différente selon le thème"


class DeadlineUnit(models.TextChoices):
    HOURS = "heures", "heures avant la réunion"
    CLEAR_DAYS = "jours_francs", "jours francs avant la réunion"


class QuorumBasis(models.TextChoices):
    NONE = "aucun", "Pas de quorum"
    MEMBERS = "membres", "Part des membres"
    PARTNERS = "partenaires", "Part des partenaires représentés"


class VotingMode(models.TextChoices):
    NONE = "aucun", "L'instance ne vote pas (consensus)"
    PER_MEMBER = "par_membre", "Un vote par membre"
    PER_PARTNER = "par_partenaire", "Un vote par partenaire"


class Weighting(models.TextChoices):
    NONE = "aucune", "Sans pondération"
    POPULATION = "population", "Pondération par la population du partenaire"
    CUSTOM = "personnalisee", "Pondération saisie par partenaire"


MAX_COUNCIL_LEAD_DAYS = 365


class Body(models.Model):
    """An instance of a cooperation: CODIRI, conférence, comité, CoDir…"""

    cooperation = models.ForeignKey(
        "cooperations.Cooperation",
        on_delete=models.CASCADE,
        related_name="bodies",
        verbose_name="coopération",
    )
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type d'instance", max_length=24, choices=BodyKind.choices)
    mandate = models.TextField("mandat", blank=True, max_length=DESCRIPTION_LENGTH)
    functions = models.JSONField("fonctions", default=list, blank=True)
    periodicity = models.CharField(
        "périodicité",
        max_length=16,
        choices=Periodicity.choices,
        default=Periodicity.NONE,
    )
    council_lead_days = models.PositiveSmallIntegerField(
        "jours avant le conseil",
        default=7,
        help_text="Pour une instance réunie avant chaque conseil communautaire : écart visé, en jours.",
    )
    rotation = models.CharField("rotation", max_length=12, choices=Rotation.choices, default=Rotation.FIXED)
    rotates_convener = models.BooleanField("la convocation tourne", default=True)
    rotates_chair = models.BooleanField("la présidence ou l'animation tourne", default=False)
    rotates_place = models.BooleanField("le lieu tourne (réunion chez le partenaire hôte)", default=False)
    agenda_deadline_amount = models.PositiveSmallIntegerField("délai d'envoi de l'ordre du jour", default=48)
    agenda_deadline_unit = models.CharField(
        "unité du délai",
        max_length=12,
        choices=DeadlineUnit.choices,
        default=DeadlineUnit.HOURS,
    )
    quorum_basis = models.CharField("quorum", max_length=12, choices=QuorumBasis.choices, default=QuorumBasis.NONE)
    quorum_percent = models.PositiveSmallIntegerField("quorum (en %)", default=50)
    proxies_count_for_quorum = models.BooleanField("les pouvoirs comptent pour le quorum", default=False)
    voting_mode = models.CharField("vote", max_length=16, choices=VotingMode.choices, default=VotingMode.NONE)
    weighting = models.CharField("pondération", max_length=16, choices=Weighting.choices, default=Weighting.NONE)
    calendar_token = models.CharField(max_length=48, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "instance"
        verbose_name_plural = "instances"
        ordering = ["cooperation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cooperation", "name"], name="body_unique_name"),
            models.CheckConstraint(
                condition=models.Q(quorum_percent__lte=100),
                name="body_quorum_percent_max",
                violation_error_message="Le quorum s'exprime en pourcentage : 100 au plus.",
            ),
            models.CheckConstraint(
                condition=models.Q(agenda_deadline_amount__lte=720),
                name="body_deadline_max",
                violation_error_message="Le délai d'envoi ne peut pas dépasser 720.",
            ),
            at_most("council_lead_days", MAX_COUNCIL_LEAD_DAYS, name="body_council_lead_days_max"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:body", args=[self.cooperation.slug, self.pk])

    def function_labels(self) -> list[str]:
        labels = dict(CodirFunction.choices)
        return [labels.get(code, code) for code in self.functions]

    def deadline_label(self) -> str:
        return f"{self.agenda_deadline_amount} {self.get_agenda_deadline_unit_display()}"


class BodyRole(models.TextChoices):
    PRESIDENT = "president", "Président·e"
    SECRETARY = "secretaire", "Secrétaire"
    MEMBER = "membre", "Membre"
    SUBSTITUTE = "suppleant", "Suppléant·e"
    GUEST = "invite", "Invité·e"


VOTING_ROLES = (BodyRole.PRESIDENT, BodyRole.SECRETARY, BodyRole.MEMBER)


class BodyMember(models.Model):
    """A seat: a person, a partner, or a person representing a partner."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="body_seats",
        verbose_name="personne",
    )
    partner = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="body_seats",
        verbose_name="partenaire représenté",
    )
    role = models.CharField("rôle", max_length=12, choices=BodyRole.choices, default=BodyRole.MEMBER)
    label = models.CharField("fonction", max_length=200, blank=True, help_text="Par exemple : DGA Ressources.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "membre de l'instance"
        verbose_name_plural = "membres de l'instance"
        ordering = ["body", "role", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(partner__isnull=False),
                name="body_member_person_or_partner",
            ),
            models.UniqueConstraint(
                fields=["body", "user"],
                condition=models.Q(user__isnull=False),
                name="body_member_unique_user",
            ),
        ]

    def __str__(self):
        who = self.user.public_name if self.user_id else ""
        partner = str(self.partner.organization) if self.partner_id else ""
        return " — ".join(part for part in (who, self.label, partner) if part)

    @property
    def votes(self) -> bool:
        return self.role in VOTING_ROLES

    @property
    def seat_label(self) -> str:
        """The seat without the person's name, for visitors who may not see the members."""
        partner = str(self.partner.organization) if self.partner_id else ""
        return " — ".join(part for part in (self.label, partner) if part) or self.get_role_display()


class RotationSlot(models.Model):
    """One partner in the rotation order (optionally with the theme it chairs)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="rotation_slots")
    position = models.PositiveSmallIntegerField("ordre")
    partner = models.ForeignKey(
        "cooperations.Partnership",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="partenaire",
    )
    theme = models.CharField("thème présidé", max_length=200, blank=True)

    class Meta:
        verbose_name = "tour de rotation"
        verbose_name_plural = "ordre de rotation"
        ordering = ["body", "position"]
        constraints = [
            models.UniqueConstraint(fields=["body", "position"], name="rotation_slot_unique_position"),
        ]

    def __str__(self):
        return f"{self.position}. {self.partner.organization}"


class PartnerWeight(models.Model):
    """A partner's weight in a body's votes when weights are entered by hand."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="weights")
    partner = models.ForeignKey("cooperations.Partnership", on_delete=models.CASCADE, related_name="+")
    weight = models.DecimalField("poids", max_digits=12, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["body", "partner"], name="partner_weight_unique"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="partner_weight_positive"),
            at_most("weight", MAX_VOTE_WEIGHT, name="partner_weight_max"),
        ]

    def __str__(self):
        return f"{self.partner} : {self.weight}"


class CouncilSession(models.Model):
    """A date of the conseil communautaire, for bodies meeting before each council."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="council_sessions")
    date = models.DateField("date du conseil")
    label = models.CharField("intitulé", max_length=200, blank=True)

    class Meta:
        ordering = ["body", "date"]
        constraints = [models.UniqueConstraint(fields=["body", "date"], name="council_session_unique")]

    def __str__(self):
        return self.label or f"Conseil du {self.date:%d/%m/%Y}"
