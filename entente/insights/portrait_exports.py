"""The cross portrait as documents: PDF and DOCX, through `core.documents`, from the same facts as the page.

Both take the `Portrait` read once by the view, so the page and its documents carry the same text and figures.
"""

from django.utils import timezone

from entente.core.documents import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    add_page_footer,
    add_table,
    docx_bytes,
    new_docx,
    render_pdf_template,
)

UNANSWERED = "Aucun axe, chantier ni action n'y répond encore."
ILLUSTRATIVE = "* valeur illustrative, pour la démonstration : elle ne vient d'aucune source publique."


def portrait_pdf(cooperation, portrait) -> bytes:
    context = {
        "cooperation": cooperation,
        "portrait": portrait,
        "generated": timezone.localtime(),
        "unanswered": UNANSWERED,
    }
    return render_pdf_template("insights/portrait/pdf.html", context)


def answers_of(view) -> list[str]:
    """What answers a challenge, one line each: « Axe : … », « Chantier : … », « Action : … »."""
    return (
        [f"Axe : {axis.title}" for axis in view.axes]
        + [f"Chantier : {stream.title}" for stream in view.workstreams]
        + [f"Action : {action.title}" for action in view.actions]
    )


def _cell_text(cell) -> str:
    year = f" ({cell.year})" if cell.year else (f" ({cell.note})" if cell.note else "")
    return cell.shown + year + (" *" if cell.illustrative else "")


def portrait_docx(cooperation, portrait) -> bytes:
    document = new_docx()
    document.add_heading(f"Portrait croisé — {cooperation.name}", level=0)
    if portrait.partners:
        document.add_heading("Les partenaires côte à côte", level=1)
        add_table(
            document,
            ["", *(partner.label for partner in portrait.partners)],
            ([row.label, *(_cell_text(cell) for cell in row.cells)] for row in portrait.figures),
        )
        if portrait.any_illustrative:
            document.add_paragraph(ILLUSTRATIVE)
    document.add_heading("Les fondements partagés", level=1)
    for foundation in portrait.foundations:
        document.add_heading(foundation.title, level=2)
        if foundation.text:
            document.add_paragraph(foundation.text)
    if not portrait.foundations:
        document.add_paragraph("Aucun fondement partagé n'est encore écrit.")
    _challenges(document, portrait)
    document.add_paragraph(f"Document produit par Entente le {timezone.localtime():%d/%m/%Y}.")
    add_page_footer(document, f"Portrait croisé — {cooperation.name}")
    return docx_bytes(document)


def _challenges(document, portrait) -> None:
    document.add_heading("Les défis communs", level=1)
    if portrait.unanswered:
        count, total = len(portrait.unanswered), len(portrait.challenges)
        document.add_paragraph(f"{count} défi{'s' if count > 1 else ''} sur {total} sans réponse à ce jour.")
    for view in portrait.challenges:
        document.add_heading(view.challenge.title, level=2)
        if view.challenge.text:
            document.add_paragraph(view.challenge.text)
        for line in answers_of(view):
            document.add_paragraph(line, style="List Bullet")
        if not view.answered:
            document.add_paragraph().add_run(f"Sans réponse : {UNANSWERED}").bold = True
    if not portrait.challenges:
        document.add_paragraph("Aucun défi commun n'est encore écrit.")


FORMATS = {"pdf": (PDF_CONTENT_TYPE, portrait_pdf), "docx": (DOCX_CONTENT_TYPE, portrait_docx)}
