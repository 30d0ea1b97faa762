"""Exports neutralise spreadsheet formulas, in CSV and XLSX."""

import io

import pytest
from django.urls import reverse

from entente.workshops.factories import IdeaFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    workshop = WorkshopFactory(cooperation=world.own)
    IdeaFactory(workshop=workshop, title='=HYPERLINK("http://example.org")', description="+33 1 23")
    return workshop


def test_csv_cells_starting_with_a_formula_sign_are_neutralised(client, world, workshop):
    client.force_login(world.users["membre"])
    content = client.get(reverse("workshops:export", args=[world.own.slug, workshop.pk, "pistes", "csv"]))
    text = content.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert "'+33 1 23" in text


def test_xlsx_cells_starting_with_a_formula_sign_are_text(client, world, workshop):
    from openpyxl import load_workbook

    client.force_login(world.users["membre"])
    response = client.get(reverse("workshops:export", args=[world.own.slug, workshop.pk, "pistes", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ['\'=HYPERLINK("http://example.org")']


def test_an_unknown_export_is_not_found(client, world, workshop):
    client.force_login(world.users["membre"])
    response = client.get(reverse("workshops:export", args=[world.own.slug, workshop.pk, "secrets", "csv"]))
    assert response.status_code == 404


def test_the_contributor_cannot_export(client, world, workshop):
    client.force_login(world.users["contributeur"])
    response = client.get(reverse("workshops:export", args=[world.own.slug, workshop.pk, "notes", "csv"]))
    assert response.status_code == 403


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_criterion_label_in_the_ranking_header_is_neutralised(client, world, workshop, fmt):
    from openpyxl import load_workbook

    criterion = workshop.grid.criteria.first()
    criterion.label = "=1+1"
    criterion.save()
    client.force_login(world.users["membre"])
    response = client.get(reverse("workshops:export", args=[world.own.slug, workshop.pk, "classement", fmt]))
    if fmt == "csv":
        header = response.content.decode("utf-8-sig").splitlines()[0].split(";")
    else:
        header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert "'=1+1 — nombre" in header
    assert not any(str(cell).startswith(("=", "+", "-", "@")) for cell in header)
