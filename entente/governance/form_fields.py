"""Widgets and fields shared by the governance forms: dates, partners and people of a cooperation."""


from django import forms

from entente.accounts.models import User
from entente.cooperations.models import Partnership

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local", "class": "fr-input"}, format="%Y-%m-%dT%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "fr-input"}, format="%Y-%m-%d")


def partner_choices(cooperation):
    # The territory gives each partner's article ("Rang de la Loire").
    return Partnership.objects.filter(cooperation=cooperation).select_related("organization__territory").order_by(
        "organization__name")


class PartnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.organization.name


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.public_name


def cooperation_people(cooperation):
    return User.objects.filter(memberships__cooperation=cooperation, is_active=True).order_by("display_name", "email")
