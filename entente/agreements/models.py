"""Formalisation: agreements here, charters in `charter_models.py` (imported below for Django).

An agreement is a common trunk of articles plus one annex per partner (the Touraine pattern:
one "accord collectif", ten thematic annexes). Versions freeze the whole text as JSON so that
a signature always points at the exact text it approved.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from entente.core.bounds import COMMENT_LENGTH, DESCRIPTION_LENGTH, DOCUMENT_LENGTH
from entente.core.french import agree
from entente.core.storage import PRIVATE_STORAGE

from . import charter_models  # noqa: F401 (Django finds the charters' models through models.py)


class AgreementKind(models.TextChoices):
    CONVENTION = "convention", "Convention"
    RECIPROCITY_CONTRACT = "contrat_reciprocite", "Contrat de réciprocité"
    AMENDMENT = "avenant", "Avenant"


class AgreementStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    # A common trunk (accord collectif) is not signed by itself: it is adopted, which freezes the
    # text its derived contracts carry before any of them goes to signature.
    ADOPTED = "adopte", "Adopté"
    IN_SIGNATURE = "en_signature", "En signature"
    SIGNED = "signe", "Signé"


# Kinds named by a feminine noun: their participles agree ("convention signée", "contrat signé").
FEMININE_KINDS = {AgreementKind.CONVENTION}
PARTICIPLE_STATUSES = {AgreementStatus.SIGNED, AgreementStatus.ADOPTED}


def agreement_status_label(status: str, *, feminine: bool) -> str:
    """The status as shown next to its noun: only participles agree, "Brouillon" never changes."""
    label = AgreementStatus(status).label
    return agree(label, feminine=feminine) if status in PARTICIPLE_STATUSES else label


class Agreement(models.Model):
    cooperation = models.ForeignKey(
        "cooperations.Cooperation", on_delete=models.CASCADE, related_name="agreements",
    )
    kind = models.CharField("nature", max_length=24, choices=AgreementKind.choices, default=AgreementKind.CONVENTION)
    title = models.CharField("intitulé", max_length=255)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="amendments",
        verbose_name="convention modifiée",
    )
    derived_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="derived_contracts",
        verbose_name="tronc commun d'origine",
        help_text="L'accord collectif dont ce contrat reprend les articles (modèle des contrats de Touraine).",
    )
    preamble = models.TextField("préambule", blank=True, max_length=DESCRIPTION_LENGTH)
    duration_months = models.PositiveIntegerField("durée (en mois)", null=True, blank=True)
    starts_on = models.DateField("date de prise d'effet", null=True, blank=True)
    ends_on = models.DateField("date d'échéance", null=True, blank=True)
    status = models.CharField(
        "statut", max_length=14, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT,
    )
    signed_on = models.DateField("date de signature", null=True, blank=True)
    place = models.CharField("fait à", max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "convention"
        verbose_name_plural = "conventions"
        ordering = ["cooperation", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="avenant", parent__isnull=False) | ~models.Q(kind="avenant"),
                name="agreement_amendment_has_parent",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.cooperation.slug, self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == AgreementStatus.DRAFT

    @property
    def is_feminine(self) -> bool:
        return self.kind in FEMININE_KINDS

    @property
    def status_label(self) -> str:
        """"Signée" for a convention, "Signé" for a contract or an amendment."""
        return agreement_status_label(self.status, feminine=self.is_feminine)


class Article(models.Model):
    """An article of the common trunk. Its body may hold placeholders such as {{ instances }}."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField("ordre", default=0)
    title = models.CharField("intitulé", max_length=200)
    body = models.TextField("texte", blank=True, max_length=DOCUMENT_LENGTH)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"
        ordering = ["agreement", "position", "pk"]

    def __str__(self):
        return self.title


class Annex(models.Model):
    """The part of an agreement that concerns one partner (its actions and financing shares)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="annexes")
    partnership = models.ForeignKey(
        "cooperations.Partnership", on_delete=models.PROTECT, related_name="annexes", verbose_name="partenaire",
    )
    title = models.CharField("intitulé", max_length=255)
    position = models.PositiveIntegerField("ordre", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "annexe"
        verbose_name_plural = "annexes"
        ordering = ["agreement", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "partnership"], name="annex_one_per_partner"),
        ]

    def __str__(self):
        return self.title


class AnnexArticle(models.Model):
    annex = models.ForeignKey(Annex, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField("ordre", default=0)
    title = models.CharField("intitulé", max_length=200)
    body = models.TextField("texte", blank=True, max_length=DOCUMENT_LENGTH)
    source_action = models.CharField("action du portefeuille", max_length=255, blank=True)
    edited = models.BooleanField(
        "modifié à la main", default=False,
        help_text="Un article tiré du portefeuille puis réécrit garde sa rédaction quand l'annexe est actualisée.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "article d'annexe"
        verbose_name_plural = "articles d'annexe"
        ordering = ["annex", "position", "pk"]

    def __str__(self):
        return self.title


class AgreementVersion(models.Model):
    """A frozen copy of the whole text (trunk articles and annexes) at one moment."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("numéro")
    content = models.JSONField("contenu figé")
    note = models.CharField("objet de la version", max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "version de convention"
        verbose_name_plural = "versions de convention"
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_number_unique"),
        ]

    def __str__(self):
        return f"{self.agreement} — version {self.number}"


class SignatoryStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    SIGNED = "signe", "Signé"
    REFUSED = "refuse", "Refus de signer"


class Signatory(models.Model):
    """An organization that signs: a partner of the cooperation or an explicitly added co-signer."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    organization = models.ForeignKey(
        "territories.Organization", on_delete=models.PROTECT, related_name="+", verbose_name="organisation",
    )
    is_outside_cosigner = models.BooleanField(
        "cosignataire extérieur", default=False,
        help_text="Organisation qui n'est pas partenaire de la coopération mais cosigne (l'État, par exemple).",
    )
    signer_title = models.CharField("qualité du signataire", max_length=200, blank=True)
    position = models.PositiveIntegerField("ordre", default=0)
    status = models.CharField(
        "statut", max_length=12, choices=SignatoryStatus.choices, default=SignatoryStatus.PENDING,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "signataire"
        verbose_name_plural = "signataires"
        ordering = ["agreement", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organization"], name="signatory_unique"),
        ]

    def __str__(self):
        return str(self.organization)

    @property
    def latest_signature(self):
        """The signature of the most recent version (reads prefetched signatures when present)."""
        signatures = list(self.signatures.all())
        return max(signatures, key=lambda s: s.version_id) if signatures else None


def private_storage():
    # Kept here because the migrations name this callable; the storage itself is shared (core).
    return PRIVATE_STORAGE




def signature_scan_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()
    agreement = instance.signatory.agreement
    return f"agreements/{agreement.cooperation_id}/{agreement.pk}/signature-{instance.signatory_id}.{extension}"


class Signature(models.Model):
    signatory = models.ForeignKey(Signatory, on_delete=models.CASCADE, related_name="signatures")
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="signatures")
    signed_on = models.DateField("date de signature")
    deliberation_reference = models.CharField("référence de la délibération", max_length=200, blank=True)
    scan = models.FileField("exemplaire signé numérisé", upload_to=signature_scan_path, blank=True,
                            storage=private_storage)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "signature"
        verbose_name_plural = "signatures"
        ordering = ["signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["signatory", "version"], name="signature_once_per_version"),
        ]

    def __str__(self):
        return f"{self.signatory} — {self.signed_on:%d/%m/%Y}"


class Comment(models.Model):
    """Co-drafting: a remark on one article of a draft (trunk or annex)."""

    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    annex_article = models.ForeignKey(
        AnnexArticle, null=True, blank=True, on_delete=models.CASCADE, related_name="comments",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name="auteur")
    body = models.TextField("commentaire", max_length=COMMENT_LENGTH)
    proposed_body = models.TextField(
        "proposition de rédaction", blank=True,
        help_text="Nouveau texte proposé pour l'article ; la coordination peut le retenir tel quel.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField("résolu le", null=True, blank=True)
    applied_at = models.DateTimeField("proposition retenue le", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="résolu par",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(article__isnull=False, annex_article__isnull=True)
                | models.Q(article__isnull=True, annex_article__isnull=False),
                name="comment_on_exactly_one_article",
            ),
        ]

    def __str__(self):
        return self.body[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def target(self):
        return self.article if self.article_id else self.annex_article
