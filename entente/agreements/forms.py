from django import forms
from django.core.exceptions import ValidationError

from entente.cooperations.models import active_partnership
from entente.core.bounds import DOCUMENT_LENGTH
from entente.core.numbers import CountInput, IntegerInput
from entente.territories.models import Organization

from . import presets
from .charter_models import CharterKind
from .models import Agreement, AgreementKind
from .text import PLACEHOLDERS, check_placeholders

MAX_SCAN_BYTES = 10 * 1024 * 1024
SCAN_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}


def validate_scan(upload) -> None:
    """A signed copy is a PDF, PNG or JPEG of at most 10 Mo, and its content must match its name."""
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in SCAN_SIGNATURES:
        raise ValidationError(
            f"Le fichier « {upload.name} » n'est pas accepté : déposez un PDF, un PNG ou un JPEG."
        )
    if upload.size > MAX_SCAN_BYTES:
        raise ValidationError(
            f"Le fichier « {upload.name} » pèse {upload.size / 1024 / 1024:.1f} Mo : la limite est de 10 Mo."
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(SCAN_SIGNATURES[extension]):
        raise ValidationError(
            f"Le contenu de « {upload.name} » ne correspond pas à un fichier {extension.upper()} : "
            "déposez le fichier produit par le numériseur."
        )


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PLACEHOLDER_HELP = "Variables possibles : " + ", ".join(
    f"{{{{ {name} }}}} ({label})" for name, label in PLACEHOLDERS.items() if name != "partenaire"
) + " ; dans une annexe, aussi {{ partenaire }}."


MAX_DURATION_MONTHS = 1200  # a hundred years, as the API allows
MAX_POSITION = 9999


class AgreementForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label="Nature", choices=[(AgreementKind.CONVENTION, "Convention"),
                                 (AgreementKind.RECIPROCITY_CONTRACT, "Contrat de réciprocité")],
    )
    duration_months = CountInput(label="Durée (en mois)", min_value=1, max_value=MAX_DURATION_MONTHS, required=False)

    class Meta:
        model = Agreement
        fields = ["kind", "title", "preamble", "duration_months", "starts_on", "ends_on", "place"]
        widgets = {"starts_on": DATE_WIDGET, "ends_on": DATE_WIDGET, "preamble": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "preamble": "Visas et considérants. " + PLACEHOLDER_HELP,
            "place": "Lieu de signature, imprimé au-dessus des blocs de signature (« Fait à … »).",
        }

    def __init__(self, *args, amendment=False, **kwargs):
        super().__init__(*args, **kwargs)
        if amendment:
            del self.fields["kind"]

    def clean_preamble(self):
        preamble = self.cleaned_data["preamble"]
        check_placeholders(preamble)
        return preamble

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "La date d'échéance ne peut pas précéder la date de prise d'effet.")
        return data


class ArticleForm(forms.Form):
    title = forms.CharField(label="Intitulé", max_length=200)
    body = forms.CharField(max_length=DOCUMENT_LENGTH, label="Texte", required=False,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="Séparez les paragraphes par une ligne vide. " + PLACEHOLDER_HELP)
    position = IntegerInput(label="Ordre", min_value=0, max_value=MAX_POSITION, required=False)

    def __init__(self, *args, in_annex=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.in_annex = in_annex

    def clean_body(self):
        body = self.cleaned_data["body"]
        check_placeholders(body, in_annex=self.in_annex)
        return body


class AnnexForm(forms.Form):
    partnership = forms.ModelChoiceField(label="Partenaire", queryset=None, required=False,
                                         empty_label="Tous les partenaires actifs")

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = cooperation.partnerships.select_related("organization")


class SignatoryForm(forms.Form):
    partner = forms.ModelChoiceField(label="Partenaire signataire", queryset=None, required=False)
    outside = forms.ModelChoiceField(
        label="Ou cosignataire extérieur à la coopération", queryset=None, required=False,
        help_text="L'État (préfecture), par exemple : il cosigne sans être partenaire de la coopération.",
    )
    signer_title = forms.CharField(label="Qualité du signataire", max_length=200, required=False,
                                   help_text="Par exemple : « Le Président », « Le Préfet d'Indre-et-Loire ».")

    def __init__(self, *args, cooperation, **kwargs):
        super().__init__(*args, **kwargs)
        partner_ids = cooperation.partnerships.values_list("organization_id", flat=True)
        self.fields["partner"].queryset = Organization.objects.filter(
            active_partnership("partnerships"), partnerships__cooperation=cooperation,
        )
        self.fields["outside"].queryset = Organization.objects.exclude(pk__in=partner_ids).exclude(
            kind="collectivite",
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("partner")) == bool(data.get("outside")):
            raise ValidationError("Choisissez soit un partenaire, soit un cosignataire extérieur.")
        return data

    @property
    def organization(self):
        return self.cleaned_data.get("partner") or self.cleaned_data.get("outside")


class SignatureForm(forms.Form):
    signed_on = forms.DateField(label="Date de signature", widget=DATE_WIDGET)
    deliberation_reference = forms.CharField(
        label="Référence de la délibération", max_length=200, required=False,
        help_text="Par exemple : « Délibération n° 2019-142 du conseil départemental ».",
    )
    scan = forms.FileField(label="Exemplaire signé numérisé", required=False,
                           help_text="PDF, PNG ou JPEG, 10 Mo au plus.")

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan:
            validate_scan(scan)
        return scan


class ScanForm(forms.Form):
    scan = forms.FileField(label="Exemplaire signé numérisé", help_text="PDF, PNG ou JPEG, 10 Mo au plus.")

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        validate_scan(scan)
        return scan


class CommentForm(forms.Form):
    body = forms.CharField(label="Votre commentaire", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                           required=False)
    proposed_body = forms.CharField(
        label="Proposition de rédaction", widget=forms.Textarea(attrs={"rows": 6}), max_length=20000, required=False,
        help_text="Facultatif : le texte complet de l'article tel que vous le proposez. La coordination peut le "
                  "retenir tel quel ; l'historique gardera votre nom.",
    )

    def clean(self):
        data = super().clean()
        if not (data.get("body") or "").strip() and not (data.get("proposed_body") or "").strip():
            raise ValidationError("Écrivez un commentaire ou proposez une nouvelle rédaction.")
        return data


class CharterForm(forms.Form):
    kind = forms.ChoiceField(label="Nature", choices=CharterKind.choices)
    title = forms.CharField(label="Titre", max_length=200)
    with_presets = forms.BooleanField(
        label="Partir des rubriques proposées", required=False, initial=True,
        help_text="Charte de fonctionnement : qui vient, quelle fréquence, quels lieux, compte rendu et relevé de "
                  "décisions, structure et animation des réunions, circulation de l'information, règles de "
                  "co-pilotage ; contrat moral : parité de parole, droit au désaccord…",
    )
    with_moral_rules = forms.BooleanField(
        label="Y joindre les règles du contrat moral", required=False, initial=True,
        help_text="Pour une charte de fonctionnement : parité de parole, droit au désaccord, droit de se mêler avec "
                  "bienveillance et réciprocité, pouvoir d'amendement, respect de la parole et de la personne.",
    )


class SectionForm(forms.Form):
    title = forms.CharField(label="Intitulé", max_length=200)
    body = forms.CharField(max_length=DOCUMENT_LENGTH, label="Contenu", required=False,
                           widget=forms.Textarea(attrs={"rows": 5}))
    position = IntegerInput(label="Ordre", min_value=0, max_value=MAX_POSITION, required=False)


class PresetSectionForm(forms.Form):
    code = forms.ChoiceField(label="Rubrique type", choices=())

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        present = set(version.sections.exclude(code="").values_list("code", flat=True))
        self.fields["code"].choices = [
            (group, [(code, title) for code, title, _body in rows if code not in present])
            for group, rows in (("Charte de fonctionnement", presets.CHARTER_HEADINGS),
                                ("Contrat moral", presets.MORAL_RULES))
            if any(code not in present for code, _title, _body in rows)
        ]


class CharterBodiesForm(forms.Form):
    bodies = forms.ModelMultipleChoiceField(
        label="Instances régies par la charte", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bodies"].queryset = queryset


class DiffForm(forms.Form):
    de = IntegerInput(label="Version de départ", min_value=1, max_value=MAX_POSITION)
    a = IntegerInput(label="Version d'arrivée", min_value=0, max_value=MAX_POSITION,
                           help_text="0 pour le texte en cours de rédaction (convention en brouillon).")


class DeriveForm(forms.Form):
    partnerships = forms.ModelMultipleChoiceField(
        label="Partenaires avec qui décliner un contrat bilatéral", queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Chaque contrat reprend le tronc commun et reçoit l'annexe de son partenaire, tirée du portefeuille.",
    )
    contract_signer_title = forms.CharField(label="Qualité des signataires des partenaires", max_length=200,
                                            required=False)

    def __init__(self, *args, agreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].queryset = agreement.cooperation.partnerships.active().select_related(
            "organization")
