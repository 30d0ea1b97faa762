"""Every date typed in a form lies between 1900 and 2100: one validator, on Django's own date fields."""

import pytest
from django import forms

from entente.governance.meeting_forms import MeetingForm

pytestmark = pytest.mark.django_db

MESSAGE = "La date doit être comprise entre le 01/01/1900 et le 31/12/2100."


def test_a_meeting_in_year_9999_is_refused_in_french(world):
    form = MeetingForm(
        data={
            "title": "Comité",
            "starts_at": "9999-12-31T23:30",
            "ends_at": "9999-12-31T23:45",
            "format": "reunion_travail",
        },
        cooperation=world.own,
    )
    assert not form.is_valid()
    assert form.errors["starts_at"] == [MESSAGE]


@pytest.mark.parametrize("value", ["1899-12-31", "2101-01-01", "9999-12-31"])
def test_any_form_date_outside_the_range_is_refused(value):
    class AnyForm(forms.Form):
        day = forms.DateField()

    form = AnyForm(data={"day": value})
    assert not form.is_valid() and form.errors["day"] == [MESSAGE]


def test_dates_within_the_range_are_accepted():
    class AnyForm(forms.Form):
        day = forms.DateField()

    assert AnyForm(data={"day": "1900-01-01"}).is_valid() and AnyForm(data={"day": "2100-12-31"}).is_valid()
