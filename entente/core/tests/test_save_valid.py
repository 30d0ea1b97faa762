"""save_valid: a form page's one way to run a service and show its refusal on the form."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from entente.core.forms import save_valid


class TitleForm(forms.Form):
    title = forms.CharField()


def test_valid_data_reaches_the_service():
    received = []
    assert save_valid(TitleForm({"title": "Atelier"}), received.append) is True
    assert received == [{"title": "Atelier"}]


def test_an_invalid_form_never_calls_the_service():
    received = []
    assert save_valid(TitleForm({"title": ""}), received.append) is False
    assert received == []


def test_the_services_refusal_stands_above_the_form():
    def refuse(data):
        raise ValidationError(["Ce titre est déjà pris.", "Choisissez-en un autre."])

    form = TitleForm({"title": "Atelier"})
    assert save_valid(form, refuse) is False
    assert form.non_field_errors() == ["Ce titre est déjà pris. Choisissez-en un autre."]


def test_other_refusals_only_when_named():
    def deny(data):
        raise PermissionDenied("Vous ne pouvez saisir que les valeurs de votre territoire.")

    form = TitleForm({"title": "Atelier"})
    assert save_valid(form, deny, refusals=(ValidationError, PermissionDenied)) is False
    assert form.non_field_errors() == ["Vous ne pouvez saisir que les valeurs de votre territoire."]
