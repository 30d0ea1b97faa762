from django import forms
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError

from entente.core.throttle import client_address
from entente.territories.models import Organization

from .models import Function, User
from .services import clear_login_failures, record_login_failure, sign_in_wait


class LoginForm(forms.Form):
    email = forms.EmailField(label="Adresse électronique", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label="Mot de passe", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        self.retry_after = 0  # seconds; set when too many failures: the view answers 429
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        email, password = cleaned.get("email"), cleaned.get("password")
        if not email or not password:
            return cleaned
        ip_address = client_address(self.request)
        self.retry_after = sign_in_wait(email, ip_address)
        if self.retry_after:
            minutes = -(-self.retry_after // 60)
            raise ValidationError(
                f"Trop de tentatives de connexion infructueuses. Réessayez dans {minutes} minute"
                f"{'s' if minutes > 1 else ''}, ou faites réinitialiser votre mot de passe par votre administrateur."
            )
        self.user = authenticate(self.request, email=email.lower(), password=password)
        if self.user is None:
            record_login_failure(email, ip_address)
            raise ValidationError("Adresse électronique ou mot de passe incorrect.")
        clear_login_failures(email, ip_address)
        return cleaned


class ProfileForm(forms.ModelForm):
    organization = forms.ModelChoiceField(
        label="Organisation", queryset=Organization.objects.order_by("name"), required=False,
        help_text="Votre collectivité ou organisation, si elle participe déjà à une coopération.",
    )

    class Meta:
        model = User
        fields = ["display_name", "first_name", "last_name", "organization", "function", "job_title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].choices = [("", "— choisir —"), *Function.choices]


class SignupForm(ProfileForm):
    email = forms.EmailField(label="Adresse électronique professionnelle")
    password1 = forms.CharField(label="Mot de passe", strip=False, widget=forms.PasswordInput,
                                help_text="Au moins 10 caractères, pas uniquement des chiffres.")
    password2 = forms.CharField(label="Confirmation du mot de passe", strip=False, widget=forms.PasswordInput)

    class Meta(ProfileForm.Meta):
        fields = ["email", "display_name", "organization", "function", "job_title"]

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email=email).exists():
            raise ValidationError("Un compte existe déjà avec cette adresse.")
        return email

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise ValidationError("Indiquez le nom sous lequel les autres membres vous verront.")
        return name

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Les deux mots de passe ne correspondent pas.")
        elif first:
            try:
                password_validation.validate_password(first, User(email=cleaned.get("email", "")))
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class TokenForm(forms.Form):
    name = forms.CharField(label="Nom du jeton", max_length=100,
                           help_text="Par exemple : « Tableau de bord du département ».")
