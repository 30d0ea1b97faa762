"""Bodies (instances), their meetings, decisions and the follow-up of every decision.

Rules that need no database (periodicity, rotation, deadlines, quorum, votes, ratification)
live in `logic.py`; these models hold the facts and the invariants the database can enforce.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DECISION_LENGTH, DESCRIPTION_LENGTH, DOCUMENT_LENGTH
from entente.core.numbers import MAX_VOTE_WEIGHT, at_most
from entente.core.storage import private_storage
from entente.core.text import search_key


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
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="bodies", verbose_name="coopération",
    )
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type d'instance", max_length=24, choices=BodyKind.choices)
    mandate = models.TextField("mandat", blank=True, max_length=DESCRIPTION_LENGTH)
    functions = models.JSONField("fonctions", default=list, blank=True)
    periodicity = models.CharField(
        "périodicité", max_length=16, choices=Periodicity.choices, default=Periodicity.NONE,
    )
    council_lead_days = models.PositiveSmallIntegerField(
        "jours avant le conseil", default=7,
        help_text="Pour une instance réunie avant chaque conseil communautaire : écart visé, en jours.",
    )
    rotation = models.CharField("rotation", max_length=12, choices=Rotation.choices, default=Rotation.FIXED)
    rotates_convener = models.BooleanField("la convocation tourne", default=True)
    rotates_chair = models.BooleanField("la présidence ou l'animation tourne", default=False)
    rotates_place = models.BooleanField("le lieu tourne (réunion chez le partenaire hôte)", default=False)
    agenda_deadline_amount = models.PositiveSmallIntegerField("délai d'envoi de l'ordre du jour", default=48)
    agenda_deadline_unit = models.CharField(
        "unité du délai", max_length=12, choices=DeadlineUnit.choices, default=DeadlineUnit.HOURS,
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
            models.CheckConstraint(condition=models.Q(quorum_percent__lte=100), name="body_quorum_percent_max",
                                   violation_error_message="Le quorum s'exprime en pourcentage : 100 au plus."),
            models.CheckConstraint(condition=models.Q(agenda_deadline_amount__lte=720), name="body_deadline_max",
                                   violation_error_message="Le délai d'envoi ne peut pas dépasser 720."),
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
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="body_seats",
        verbose_name="personne",
    )
    partner = models.ForeignKey(
        "cooperations.Partnership", null=True, blank=True, on_delete=models.CASCADE, related_name="body_seats",
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
                fields=["body", "user"], condition=models.Q(user__isnull=False), name="body_member_unique_user",
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
        "cooperations.Partnership", on_delete=models.CASCADE, related_name="+", verbose_name="partenaire",
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


class MeetingFormat(models.TextChoices):
    TOP_DOWN = "information_descendante", "Information descendante"
    BOTTOM_UP = "information_ascendante", "Information ascendante"
    WORKING = "reunion_travail", "Réunion de travail"
    STRATEGIC = "exploration_strategique", "Exploration stratégique"
    CODEVELOPMENT = "co_developpement", "Co-développement"
    MIRROR = "temps_miroir", "Temps miroir"


class MeetingStatus(models.TextChoices):
    PLANNED = "prevue", "Prévue"
    HELD = "tenue", "Tenue"
    CANCELLED = "annulee", "Annulée"


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings", verbose_name="instance")
    title = models.CharField("intitulé", max_length=200, blank=True)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    place = models.CharField("lieu", max_length=255, blank=True)
    online_url = models.URLField("lien de visioconférence", blank=True)
    format = models.CharField("format", max_length=24, choices=MeetingFormat.choices, default=MeetingFormat.WORKING)
    theme = models.CharField("thème", max_length=200, blank=True)
    status = models.CharField("statut", max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    convener_override = models.ForeignKey(
        "cooperations.Partnership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="partenaire qui convoque (dérogation)",
    )
    chair_override = models.ForeignKey(
        "cooperations.Partnership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="partenaire qui préside (dérogation)",
    )
    override_reason = models.CharField("motif de la dérogation", max_length=300, blank=True)
    agenda_sent_at = models.DateTimeField("ordre du jour envoyé le", null=True, blank=True)
    # The first sending decides whether the agenda left on time; later updates are dated separately.
    agenda_updated_at = models.DateTimeField("ordre du jour mis à jour le", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    uid = models.CharField(max_length=48, unique=True, default=new_token, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords(excluded_fields=["sequence", "uid"])

    class Meta:
        verbose_name = "réunion"
        verbose_name_plural = "réunions"
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start",
                violation_error_message="La réunion ne peut pas se terminer avant d'avoir commencé.",
            ),
            models.CheckConstraint(
                condition=(models.Q(convener_override__isnull=True) & models.Q(chair_override__isnull=True))
                | ~models.Q(override_reason=""),
                name="meeting_override_has_reason",
                violation_error_message="Indiquez le motif de la dérogation à la rotation.",
            ),
        ]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return self.title or f"{self.body.name} du {local:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("governance:meeting", args=[self.body.cooperation.slug, self.pk])


class AgendaSending(models.Model):
    """One sending of a meeting's agenda: who it reached, kept so that "envoyé" always names its recipients."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_sendings")
    sent_at = models.DateTimeField("envoyé le")
    is_update = models.BooleanField("mise à jour", default=False)
    # [{"name": …, "email": …}] as they were on that day: people change addresses, the record must not.
    recipients = models.JSONField("destinataires", default=list)
    # Seats that reached nobody (no person with an e-mail), named so the secretariat can complete them.
    unreached_seats = models.JSONField("sièges sans destinataire", default=list, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name="envoyé par")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "envoi de l'ordre du jour"
        verbose_name_plural = "envois de l'ordre du jour"
        ordering = ["meeting", "-sent_at"]

    def __str__(self):
        return f"{'Mise à jour' if self.is_update else 'Convocation'} du {timezone.localtime(self.sent_at):%d/%m/%Y}"

    @property
    def recipients_label(self) -> str:
        return ", ".join(f"{person['name']} ({person['email']})" for person in self.recipients)


class ItemKind(models.TextChoices):
    INFORMATION = "information", "Information"
    DEBATE = "debat", "Débat"
    DECISION = "decision", "Décision"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("ordre", default=1)
    title = models.CharField("intitulé", max_length=300)
    kind = models.CharField("nature", max_length=12, choices=ItemKind.choices, default=ItemKind.INFORMATION)
    description = models.TextField("présentation", blank=True, max_length=DESCRIPTION_LENGTH)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="présenté par",
    )
    presenter_partner = models.ForeignKey(
        "cooperations.Partnership", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="partenaire qui présente",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "point de l'ordre du jour"
        verbose_name_plural = "ordre du jour"
        ordering = ["meeting", "position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.title}"


def document_path(instance, filename):
    return f"gouvernance/{instance.item.meeting_id}/{filename}"


class AgendaDocument(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("titre", max_length=200)
    # Private storage: the documents of a private cooperation are served only by the
    # permission-checked download view, never as public media.
    file = models.FileField("fichier", upload_to=document_path, blank=True, storage=private_storage)
    url = models.URLField("lien", blank=True)
    added_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(file="") | ~models.Q(url=""), name="document_file_or_url"),
        ]

    def __str__(self):
        return self.title

    @property
    def href(self) -> str:
        if not self.file:
            return self.url
        meeting = self.item.meeting
        return reverse("governance:document", args=[meeting.body.cooperation.slug, self.pk])


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Présent·e"
    EXCUSED = "excuse", "Excusé·e"
    ABSENT = "absent", "Absent·e"
    REPRESENTED = "represente", "Représenté·e"


class Attendance(models.Model):
    """Who came: a seat of the body, or a guest (a person from elsewhere, shown as invité·e)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    seat = models.ForeignKey(BodyMember, null=True, blank=True, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="attendances")
    status = models.CharField("présence", max_length=12, choices=AttendanceStatus.choices)
    proxy = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="represents",
        verbose_name="représenté·e par",
    )
    is_guest = models.BooleanField("invité·e", default=False)
    # Who held the seat on that day: a seat changes hands, past attendance sheets must not.
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name="titulaire du siège ce jour-là")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "présence"
        verbose_name_plural = "présences"
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(seat__isnull=False) | models.Q(person__isnull=False),
                                   name="attendance_seat_or_person"),
            models.UniqueConstraint(fields=["meeting", "seat"], condition=models.Q(seat__isnull=False),
                                    name="attendance_unique_seat"),
            models.UniqueConstraint(fields=["meeting", "person"], condition=models.Q(person__isnull=False),
                                    name="attendance_unique_guest"),
            models.CheckConstraint(
                condition=(models.Q(status="represente") & models.Q(proxy__isnull=False))
                | (~models.Q(status="represente") & models.Q(proxy__isnull=True)),
                name="attendance_proxy_iff_represented",
            ),
        ]

    def __str__(self):
        return f"{self.who} — {self.get_status_display()}"

    @property
    def who(self) -> str:
        if self.seat_id:
            seat = self.seat
            if self.holder_id and self.holder_id != seat.user_id:
                partner = str(seat.partner.organization) if seat.partner_id else ""
                return " — ".join(part for part in (self.holder.public_name, seat.label, partner) if part)
            return str(seat)
        return f"{self.person.public_name} (invité·e)"


class MinutesStatus(models.TextChoices):
    PROPOSED = "propose", "Proposé"
    APPROVED = "approuve", "Approuvé"


class MinutesVersion(models.Model):
    """A version of a meeting's minutes. An approved version is never edited: a change is a new version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    number = models.PositiveSmallIntegerField("version")
    text = models.TextField("compte rendu (Markdown)", max_length=DOCUMENT_LENGTH)
    status = models.CharField("statut", max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.PROPOSED)
    change_note = models.CharField("motif de la modification", max_length=300, blank=True)
    approved_at = models.DateTimeField("approuvé le", null=True, blank=True)
    approved_in = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="approuvé lors de la réunion",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "compte rendu"
        verbose_name_plural = "comptes rendus"
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_unique_version"),
            models.CheckConstraint(
                condition=models.Q(status="propose") | models.Q(approved_at__isnull=False),
                name="minutes_approved_has_date",
            ),
        ]

    def __str__(self):
        return f"Compte rendu v{self.number} — {self.meeting}"


class DecisionKind(models.TextChoices):
    VALIDATION = "validation", "Validation"
    ARBITRATION = "arbitrage", "Arbitrage"
    ORIENTATION = "orientation", "Orientation"
    INFORMATION = "information", "Information"


class DecisionOutcome(models.TextChoices):
    ADOPTED = "adoptee", "Adoptée"
    REJECTED = "rejetee", "Rejetée"


class Decision(models.Model):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="decisions",
    )
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions",
                             verbose_name="point de l'ordre du jour")
    number = models.PositiveIntegerField("numéro")
    text = models.TextField("décision", max_length=DECISION_LENGTH)
    kind = models.CharField("nature", max_length=12, choices=DecisionKind.choices)
    decided_on = models.DateField("date")
    outcome = models.CharField("issue", max_length=8, choices=DecisionOutcome.choices, default=DecisionOutcome.ADOPTED)
    requires_ratification = models.BooleanField("soumise à la ratification de chaque partenaire", default=False)
    # The workshop arbitration this decision records, when the body arbitrated pistes of a workshop.
    arbitration = models.OneToOneField(
        "workshops.Arbitration", null=True, blank=True, on_delete=models.SET_NULL, related_name="governance_decision",
        verbose_name="arbitrage d'atelier",
    )
    search_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
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
    partner = models.ForeignKey("cooperations.Partnership", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+", verbose_name="partenaire")
    proxy_seat = models.ForeignKey(BodyMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="exprimé par procuration par")
    choice = models.CharField("vote", max_length=12, choices=VoteChoice.choices)
    weight = models.DecimalField("poids", max_digits=12, decimal_places=2, default=1)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # A vote corrected during the meeting keeps its earlier choice in the history.
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "seat"], condition=models.Q(partner__isnull=True),
                                    name="vote_unique_member"),
            models.UniqueConstraint(fields=["decision", "partner"], condition=models.Q(partner__isnull=False),
                                    name="vote_unique_partner_vote"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="vote_weight_positive"),
            at_most("weight", MAX_VOTE_WEIGHT, name="vote_weight_max"),
        ]

    def __str__(self):
        return f"{self.get_choice_display()} ({self.partner or self.seat})"


class FollowUpStatus(models.TextChoices):
    TODO = "a_faire", "À faire"
    IN_PROGRESS = "en_cours", "En cours"
    DONE = "faite", "Faite"
    DROPPED = "abandonnee", "Abandonnée"


OPEN_FOLLOWUP_STATUSES = (FollowUpStatus.TODO, FollowUpStatus.IN_PROGRESS)


class FollowUp(models.Model):
    """A "suite à donner": what, who (a person or a partner), by when, and the evidence once done."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="followups")
    cooperation = models.ForeignKey("cooperations.Cooperation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("suite à donner", max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="followups", verbose_name="responsable")
    owner_partner = models.ForeignKey(
        "cooperations.Partnership", null=True, blank=True, on_delete=models.SET_NULL, related_name="followups",
        verbose_name="partenaire responsable",
    )
    due_on = models.DateField("échéance")
    status = models.CharField("état", max_length=12, choices=FollowUpStatus.choices, default=FollowUpStatus.TODO)
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
                condition=~models.Q(status="faite") | (~models.Q(evidence="") & models.Q(closed_on__isnull=False)),
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
    partner = models.ForeignKey("cooperations.Partnership", on_delete=models.CASCADE, related_name="+",
                                verbose_name="partenaire")
    status = models.CharField("état", max_length=12, choices=RatificationStatus.choices,
                              default=RatificationStatus.PENDING)
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
                condition=models.Q(status="en_attente")
                | (~models.Q(assembly="") & models.Q(date__isnull=False) & ~models.Q(deliberation_reference="")),
                name="ratification_recorded_in_full",
            ),
        ]

    def __str__(self):
        return f"{self.partner.organization} — {self.get_status_display()}"


class CalendarToken(models.Model):
    """The secret of a person's iCalendar feed; regenerating it revokes the old address."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    key = models.CharField(max_length=48, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendrier de {self.user}"
