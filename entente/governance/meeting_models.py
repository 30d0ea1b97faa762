"""Meetings of a body: agenda (items, documents, sendings), attendance, minutes, and the calendar feed's token."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import DESCRIPTION_LENGTH, DOCUMENT_LENGTH
from entente.core.models import CreatedByModel
from entente.core.storage import private_storage

from .body_models import Body, BodyMember, CodirFunction, new_token


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


class Meeting(CreatedByModel):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings", verbose_name="instance")
    title = models.CharField("intitulé", max_length=200, blank=True)
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")
    place = models.CharField("lieu", max_length=255, blank=True)
    online_url = models.URLField("lien de visioconférence", blank=True)
    format = models.CharField("format", max_length=24, choices=MeetingFormat.choices, default=MeetingFormat.WORKING)
    # The functions of a collective (seed 004) this meeting serves: a list of CodirFunction values.
    functions = models.JSONField("fonctions du collectif", default=list, blank=True)
    theme = models.CharField("thème", max_length=200, blank=True)
    status = models.CharField("statut", max_length=8, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    convener_override = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="partenaire qui convoque (dérogation)",
    )
    chair_override = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="partenaire qui préside (dérogation)",
    )
    override_reason = models.CharField("motif de la dérogation", max_length=300, blank=True)
    agenda_sent_at = models.DateTimeField("ordre du jour envoyé le", null=True, blank=True)
    # The first sending decides whether the agenda left on time; later updates are dated separately.
    agenda_updated_at = models.DateTimeField("ordre du jour mis à jour le", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    uid = models.CharField(max_length=48, unique=True, default=new_token, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["sequence", "uid"])

    class Meta:
        verbose_name = "réunion"
        verbose_name_plural = "réunions"
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["body", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
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

    @property
    def functions_labels(self) -> list[str]:
        labels = dict(CodirFunction.choices)
        return [labels[value] for value in self.functions if value in labels]


class AgendaSending(models.Model):
    """One sending of a meeting's agenda: who it reached, kept so that "envoyé" always names its recipients."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_sendings")
    sent_at = models.DateTimeField("envoyé le")
    is_update = models.BooleanField("mise à jour", default=False)
    # [{"name": …, "email": …}] as they were on that day: people change addresses, the record must not.
    recipients = models.JSONField("destinataires", default=list)
    # Seats that reached nobody (no person with an e-mail), named so the secretariat can complete them.
    unreached_seats = models.JSONField("sièges sans destinataire", default=list, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="envoyé par",
    )
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


def clean_functions(values) -> list[str]:
    """The functions of a collective, once each, in their canonical order; an unknown one is refused."""
    from django.core.exceptions import ValidationError

    values = list(values or [])
    unknown = sorted(set(values) - set(CodirFunction.values))
    if unknown:
        raise ValidationError(f"Fonction inconnue : {', '.join(unknown)}.")
    return [value for value in CodirFunction.values if value in values]


class ItemKind(models.TextChoices):
    INFORMATION = "information", "Information"
    DEBATE = "debat", "Débat"
    DECISION = "decision", "Décision"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField("ordre", default=1)
    title = models.CharField("intitulé", max_length=300)
    kind = models.CharField("nature", max_length=12, choices=ItemKind.choices, default=ItemKind.INFORMATION)
    # Empty: the point takes the meeting's format.
    format = models.CharField("format", max_length=24, choices=MeetingFormat.choices, blank=True)
    functions = models.JSONField("fonctions du collectif", default=list, blank=True)
    description = models.TextField("présentation", blank=True, max_length=DESCRIPTION_LENGTH)
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="présenté par",
    )
    presenter_partner = models.ForeignKey(
        "cooperations.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField("présence", max_length=12, choices=AttendanceStatus.choices)
    proxy = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="represents",
        verbose_name="représenté·e par",
    )
    is_guest = models.BooleanField("invité·e", default=False)
    # Who held the seat on that day: a seat changes hands, past attendance sheets must not.
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="titulaire du siège ce jour-là",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "présence"
        verbose_name_plural = "présences"
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(seat__isnull=False) | models.Q(person__isnull=False),
                name="attendance_seat_or_person",
            ),
            models.UniqueConstraint(
                fields=["meeting", "seat"], condition=models.Q(seat__isnull=False), name="attendance_unique_seat"
            ),
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=models.Q(person__isnull=False), name="attendance_unique_guest"
            ),
            models.CheckConstraint(
                condition=(models.Q(status=AttendanceStatus.REPRESENTED) & models.Q(proxy__isnull=False))
                | (~models.Q(status=AttendanceStatus.REPRESENTED) & models.Q(proxy__isnull=True)),
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
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="approuvé lors de la réunion",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "compte rendu"
        verbose_name_plural = "comptes rendus"
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_unique_version"),
            models.CheckConstraint(
                condition=models.Q(status=MinutesStatus.PROPOSED) | models.Q(approved_at__isnull=False),
                name="minutes_approved_has_date",
            ),
        ]

    def __str__(self):
        return f"Compte rendu v{self.number} — {self.meeting}"


class CalendarToken(models.Model):
    """The secret of a person's iCalendar feed; regenerating it revokes the old address."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    key = models.CharField(max_length=48, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendrier de {self.user}"
