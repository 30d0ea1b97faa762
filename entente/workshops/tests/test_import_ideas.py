"""Import of pistes: all or nothing, every error reported by line and column."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from entente.workshops.factories import WorkshopFactory
from entente.workshops.import_services import import_ideas
from entente.workshops.models import Idea
from entente.workshops.services import ensure_domains

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(world):
    ensure_domains(world.own)
    return WorkshopFactory(cooperation=world.own)


def upload(text, name="pistes.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding))


def partner_name(world, index=0):
    return world.partners[world.own.pk][index].organization.name


def test_a_valid_csv_imports_every_line_with_its_origin(world, workshop):
    name = partner_name(world)
    report = import_ideas(
        workshop,
        upload(
            f"intitulé;description;domaine;organisation\nFormation commune;Des cadres;Ressources humaines;{name}\n"
            f"Observatoire partagé;;;{name.upper()}\n"
        ),
    )
    assert report.errors == []
    assert report.imported == 2
    idea = Idea.objects.get(title="Formation commune")
    assert idea.domain.label == "Ressources humaines"
    assert idea.organization.name == name
    assert idea.origin == "import"


def test_comma_separator_and_blank_lines_are_accepted(world, workshop):
    report = import_ideas(workshop, upload("Titre,Description\n\nPiste A,texte\n,\nPiste B,\n"))
    assert report.errors == []
    assert report.imported == 2


def test_one_wrong_line_imports_nothing_and_every_error_is_reported(world, workshop):
    report = import_ideas(
        workshop,
        upload("intitulé;domaine;organisation\nBonne piste;;\n;;\nAutre piste;Astronomie;Mairie inconnue\n;Achats;\n"),
    )
    assert Idea.objects.count() == 0
    assert (4, "domaine", "Domaine inconnu : « Astronomie ».") in report.errors
    assert any(line == 4 and column == "organisation" for line, column, _ in report.errors)
    assert (5, "intitulé", "L'intitulé est vide.") in report.errors


def test_wrong_columns_are_reported_on_the_header_line(world, workshop):
    report = import_ideas(workshop, upload("nom de la chose;couleur\nA;rouge\n"))
    assert Idea.objects.count() == 0
    assert report.errors and all(line == 1 for line, _column, _message in report.errors)
    assert any(column == "couleur" for _line, column, _message in report.errors)


def test_a_wrong_encoding_is_reported(world, workshop):
    report = import_ideas(workshop, upload("intitulé\nSéminaire des cadres\n", encoding="latin-1"))
    assert Idea.objects.count() == 0
    assert "Encodage" in report.errors[0][2]


def test_an_xlsx_file_is_imported(world, workshop):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Intitulé", "Description"])
    book.active.append(["Marché public commun", "Approlys"])
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_ideas(workshop, SimpleUploadedFile("pistes.xlsx", buffer.getvalue()))
    assert report.imported == 1
    assert Idea.objects.get().title == "Marché public commun"


def test_a_damaged_xlsx_is_reported(world, workshop):
    report = import_ideas(workshop, SimpleUploadedFile("pistes.xlsx", b"not a zip"))
    assert "illisible" in report.errors[0][2]


def test_import_is_refused_outside_the_proposing_phase(world, workshop):
    workshop.phase = "evaluation"
    with pytest.raises(PermissionDenied):
        import_ideas(workshop, upload("intitulé\nA\n"))


def test_lines_are_numbered_as_in_the_file(world, workshop):
    text = '\n\nintitulé;description\n"Piste A";"sur\ndeux lignes"\n;vide\n'
    report = import_ideas(workshop, upload(text))
    assert report.errors == [(6, "intitulé", "L'intitulé est vide.")]


def test_a_file_imported_twice_is_refused_the_second_time(world, workshop):
    text = f"intitulé;organisation\nFormation commune;{partner_name(world)}\nObservatoire;\n"
    assert import_ideas(workshop, upload(text)).imported == 2
    report = import_ideas(workshop, upload(text))
    assert report.imported == 0
    assert [(line, column) for line, column, _message in report.errors] == [(2, "intitulé"), (3, "intitulé")]
    assert "déjà dans l'atelier" in report.errors[0][2]
    assert Idea.objects.count() == 2


def test_a_line_repeated_in_the_file_is_reported(world, workshop):
    report = import_ideas(workshop, upload("intitulé\nFormation commune\nformation  COMMUNE\n"))
    assert report.errors == [(3, "intitulé", "Même piste qu'à la ligne 2 : « formation  COMMUNE ».")]
    assert Idea.objects.count() == 0


def test_the_same_title_from_two_partners_is_two_pistes(world, workshop):
    first, second = partner_name(world, 0), partner_name(world, 1)
    text = f"intitulé;organisation\nFormation commune;{first}\nFormation commune;{second}\n"
    assert import_ideas(workshop, upload(text)).imported == 2


def test_a_whiteboard_export_is_understood(world, workshop):
    report = import_ideas(
        workshop, upload("Content,Category,Notes\nGroupement d'achats,Achats et commande publique,\n")
    )
    assert report.errors == []
    assert Idea.objects.get().domain.label == "Achats et commande publique"


def test_a_broken_quote_is_reported_with_its_line(world, workshop):
    report = import_ideas(workshop, upload('intitulé;description\nA;B\nC;"non fermé\n'))
    assert Idea.objects.count() == 0
    assert report.errors == [(3, "", "Ligne 3 illisible : vérifiez les guillemets et le séparateur.")]


@pytest.mark.parametrize("spelling", ["Département de {name}", "CONSEIL DÉPARTEMENTAL {name}", "CD{code}", "{code}"])
def test_a_partner_is_recognised_under_its_usual_names(world, workshop, spelling):
    organization = world.partners[world.own.pk][0].organization
    code = organization.territory.code if organization.territory_id else organization.name
    text = "intitulé;organisation\nFormation commune;" + spelling.format(name=organization.name, code=code) + "\n"
    report = import_ideas(workshop, upload(text))
    assert report.errors == []
    assert Idea.objects.get().organization == organization


def test_a_file_with_only_its_header_is_reported(world, workshop):
    report = import_ideas(workshop, upload("intitulé;description\n\n"))
    assert report.imported == 0
    assert report.errors == [(2, "intitulé", "Aucune piste dans le fichier : seule la ligne des colonnes est remplie.")]


def test_the_template_offered_on_the_import_page_imports_cleanly(world, workshop):
    from pathlib import Path

    import entente.workshops

    template = Path(entente.workshops.__file__).parent / "static" / "workshops" / "modele-import-pistes.csv"
    organization = world.partners[world.own.pk][0].organization.name
    text = template.read_text(encoding="utf-8-sig").replace("Indre-et-Loire", organization)
    report = import_ideas(workshop, upload(text))
    assert report.errors == []
    assert report.imported == 1


def huge_xlsx(rows: int, declare_size: bool) -> bytes:
    """A real workbook of `rows` pistes, written as raw XML: openpyxl would take minutes to write it."""
    import zipfile

    body = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Piste {n}</t></is></c></row>' for n in range(2, rows + 2)
    )
    dimension = f'<dimension ref="A1:A{rows + 1}"/>' if declare_size else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'{dimension}<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Intitulé</t></is></c></row>{body}'
        "</sheetData></worksheet>"
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006"
    files = {
        "[Content_Types].xml": f'<?xml version="1.0"?><Types xmlns="{package}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<?xml version="1.0"?><Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{main}" xmlns:r="{rel}">'
        '<sheets><sheet name="Pistes" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0"?><Relationships xmlns="{package}/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("declare_size", [True, False], ids=["taille-declaree", "sans-taille-declaree"])
def test_a_300000_row_workbook_is_refused_without_reading_it_all(world, workshop, declare_size):
    import time

    content = huge_xlsx(300_000, declare_size)
    assert len(content) < 5 * 1024 * 1024  # within the upload cap: what a client can really send
    started = time.monotonic()
    report = import_ideas(workshop, SimpleUploadedFile("pistes.xlsx", content))
    elapsed = time.monotonic() - started
    assert "Trop de lignes" in report.errors[0][2]
    assert not Idea.objects.exists()
    # Reading it all took 21 s on the demo; now a few thousand rows at most are read (well under a
    # second on an idle machine; the margin is for a busy test machine).
    assert elapsed < 5, f"{elapsed:.1f} s"


def test_a_workbook_at_the_cap_is_still_read_whole():
    from entente.workshops.import_services import read_table

    rows, fatal = read_table(SimpleUploadedFile("pistes.xlsx", huge_xlsx(2000, declare_size=True)))
    assert fatal is None
    assert len(rows) == 2001
    assert rows[-1] == (2001, ["Piste 2001"])


def test_a_csv_past_the_cap_is_refused(world, workshop):
    text = "intitulé\n" + "".join(f"Piste {n}\n" for n in range(2001))
    report = import_ideas(workshop, upload(text))
    assert "Trop de lignes" in report.errors[0][2]
