"""Charters and agreements as documents: DOCX (editable), PDF (archivable) and HTML.

Both formats are drawn from one neutral `DocumentSpec`, so the Word file, the PDF and the
page on the site always say the same thing. Files are written to a temporary name and moved
into place, so a reader never gets a half-written document.
"""

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.utils import timezone
from django.utils.text import slugify

from entente.core.documents import (
    DOCX_CONTENT_TYPE,
    PDF_CONTENT_TYPE,
    add_page_break,
    add_page_footer,
    add_table,
    add_toc,
    docx_bytes,
    new_docx,
)
from entente.core.documents import render_pdf as html_to_pdf
from entente.core.formatting import format_date, format_list
from entente.core.french import agree, de
from entente.core.storage import write_atomically

from .charter_models import CharterVersionStatus, SectionKind
from .selectors import articles_heading, signature_rows, snapshot
from .text import fill_placeholders, french_typography, paragraphs

PDF_TEMPLATE = "agreements/documents/document_pdf.html"
FORMAT_VERSION = "3"  # bump when the rendering changes, to regenerate cached files
CONTENT_TYPES = {"docx": DOCX_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE}


class DocumentError(Exception):
    """A document could not be produced; the message is French and meant for the user."""


@dataclass
class Clause:
    heading: str
    paragraphs: list[str]


@dataclass
class Part:
    title: str
    anchor: str
    clauses: list[Clause] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    new_page: bool = False


@dataclass
class SignatureBlock:
    organization: str
    signer_title: str = ""
    signed_on: str = ""
    deliberation_reference: str = ""


@dataclass
class DocumentSpec:
    title: str
    kind_label: str
    subtitle: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    preamble: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    signatures: list[SignatureBlock] = field(default_factory=list)
    place_and_date: str = ""
    adoptions: list[tuple[str, str, str]] = field(default_factory=list)
    footer: str = ""

    def fingerprint(self) -> str:
        data = json.dumps(asdict(self), sort_keys=True, ensure_ascii=False) + FORMAT_VERSION
        return hashlib.sha256(data.encode()).hexdigest()[:16]


# ---------------------------------------------------------------- specs


def _fill(text: str, values: dict) -> list[str]:
    try:
        filled = fill_placeholders(text, values)
    except ValidationError as error:
        raise DocumentError(" ".join(error.messages)) from None
    return [french_typography(block) for block in paragraphs(filled)]


def agreement_content(agreement) -> dict:
    """What a document shows: the frozen version once submitted, the live text while drafting."""
    if not agreement.is_draft:
        version = agreement.versions.order_by("-number").first()
        if version is not None:
            return {**version.content, "version_number": version.number}
    return {**snapshot(agreement), "version_number": None}


def agreement_spec(agreement, content: dict | None = None) -> DocumentSpec:
    content = content or agreement_content(agreement)
    values = content["values"]
    trunk = Part(
        title=articles_heading(agreement, has_annexes=bool(content["annexes"])), anchor="tronc-commun",
        clauses=[
            Clause(french_typography(f"Article {index} — {a['title']}"), _fill(a["body"], values))
            for index, a in enumerate(content["articles"], start=1)
        ],
    )
    parts = [trunk]
    for number, annex in enumerate(content["annexes"], start=1):
        # Versions frozen before "partner_de" existed still read: the plain "de" form stands in.
        annex_values = {**values, "partenaire": annex["partner"],
                        "partenaire_de": annex.get("partner_de") or de(annex["partner"])}
        parts.append(Part(
            title=french_typography(f"Annexe {number} — {annex['title']}"), anchor=f"annexe-{number}", new_page=True,
            intro=[french_typography(f"Partenaire concerné : {annex['partner']}.")],
            clauses=[
                Clause(french_typography(f"{number}.{index} — {a['title']}"), _fill(a["body"], annex_values))
                for index, a in enumerate(annex["articles"], start=1)
            ],
        ))
    signed = signature_rows(agreement) if content.get("version_number") else {}
    signatures = [
        SignatureBlock(
            organization=s["organization"], signer_title=s["signer_title"],
            signed_on=format_date(_date(signed.get(s["organization"], {}).get("signed_on"))),
            deliberation_reference=signed.get(s["organization"], {}).get("deliberation_reference", ""),
        )
        for s in content["signatories"]
    ]
    return _typeset(DocumentSpec(
        title=content["title"], kind_label=content["kind_label"], subtitle=agreement.cooperation.name,
        meta=_agreement_meta(agreement, content), preamble=_fill(content["preamble"], values), parts=parts,
        signatures=signatures, place_and_date=_place_and_date(agreement, content),
        footer=f"{content['title']} — {_version_label(content)}",
    ))


def _typeset(spec: DocumentSpec) -> DocumentSpec:
    """French typography on every short text of a document (clauses are set as they are built)."""
    spec.title, spec.kind_label = french_typography(spec.title), french_typography(spec.kind_label)
    spec.subtitle, spec.footer = french_typography(spec.subtitle), french_typography(spec.footer)
    spec.place_and_date = french_typography(spec.place_and_date)
    spec.meta = [(french_typography(label), french_typography(value)) for label, value in spec.meta]
    for block in spec.signatures:
        block.organization = french_typography(block.organization)
        block.signer_title = french_typography(block.signer_title)
        block.deliberation_reference = french_typography(block.deliberation_reference)
    spec.adoptions = [tuple(french_typography(value) for value in row) for row in spec.adoptions]
    return spec


def _date(value) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _version_label(content) -> str:
    number = content.get("version_number")
    return f"version {number}" if number else "projet en cours de rédaction"


def _agreement_meta(agreement, content) -> list[tuple[str, str]]:
    meta = [("Statut", f"{agreement.status_label} ({_version_label(content)})")]
    if content.get("parent"):
        meta.append(("Convention modifiée", french_typography(content["parent"])))
    meta.append(("Prise d'effet", content["values"]["date_debut"]))
    meta.append(("Durée", content["values"]["duree"]))
    if agreement.signed_on and content.get("version_number"):
        meta.append((f"{agree('Signé', feminine=agreement.is_feminine)} le", format_date(agreement.signed_on)))
    return meta


def _place_and_date(agreement, content) -> str:
    place = content.get("place") or ""
    when = format_date(agreement.signed_on) if agreement.signed_on else ""
    if place and when:
        return f"Fait à {place}, le {when}, en autant d'exemplaires originaux que de signataires."
    if place:
        return f"Fait à {place}, le ……………………, en autant d'exemplaires originaux que de signataires."
    if when:
        return f"Fait le {when}, en autant d'exemplaires originaux que de signataires."
    return "Fait en autant d'exemplaires originaux que de signataires."


def charter_spec(version) -> DocumentSpec:
    charter = version.charter
    groups = [
        (SectionKind.HEADING, "Charte de fonctionnement"),
        (SectionKind.MORAL_RULE, "Contrat moral"),
        (SectionKind.FREE, "Autres dispositions"),
    ]
    sections = list(version.sections.all())
    parts = []
    number = 0
    for kind, title in groups:
        chosen = [s for s in sections if s.kind == kind]
        if not chosen:
            continue
        clauses = []
        for section in chosen:
            number += 1
            clauses.append(Clause(french_typography(f"{number}. {section.title}"),
                                  [french_typography(p) for p in paragraphs(section.body)]))
        parts.append(Part(title=title, anchor=f"partie-{kind}", clauses=clauses))
    adoptions = [
        (a.user.public_name, str(a.partner.organization) if a.partner_id else "", format_date(a.adopted_on))
        for a in version.adoptions.select_related("user", "partner__organization")
    ]
    status = version.get_status_display()
    if version.status == CharterVersionStatus.PUBLISHED and version.published_at:
        status += f", depuis le {format_date(timezone.localdate(version.published_at))}"
    meta = [("Version", str(version.number)), ("Statut", status)]
    bodies = [body.name for body in charter.bodies.all()]
    if bodies:
        meta.append(("Instances régies", format_list(bodies)))
    return _typeset(DocumentSpec(
        title=charter.title, kind_label=charter.get_kind_display(), subtitle=charter.cooperation.name,
        meta=meta, parts=parts, adoptions=adoptions, footer=f"{charter.title} — version {version.number}",
    ))


# ---------------------------------------------------------------- DOCX


def render_docx(spec: DocumentSpec) -> bytes:
    document = new_docx()
    document.add_heading(spec.title, level=0)
    document.add_paragraph(spec.kind_label + (f" — {spec.subtitle}" if spec.subtitle else ""), style="Subtitle")
    for label, value in spec.meta:
        paragraph = document.add_paragraph()
        paragraph.add_run(french_typography(f"{label} : ")).bold = True
        paragraph.add_run(value)
    document.add_heading("Sommaire", level=1)
    add_toc(document, _toc_entries(spec) or [(1, spec.title)])
    if spec.preamble:
        document.add_heading("Préambule", level=1)
        for text in spec.preamble:
            document.add_paragraph(text)
    for part in spec.parts:
        if part.new_page:
            add_page_break(document)
        document.add_heading(part.title, level=1)
        for text in part.intro:
            document.add_paragraph(text).runs[0].italic = True
        for clause in part.clauses:
            document.add_heading(clause.heading, level=2)
            for text in clause.paragraphs:
                document.add_paragraph(text)
    if spec.signatures:
        _docx_signatures(document, spec)
    if spec.adoptions:
        document.add_heading("Adoptions", level=1)
        add_table(document, ("Membre", "Au titre de", "Date d'adoption"), spec.adoptions)
    add_page_footer(document, spec.footer)
    return docx_bytes(document)


def _toc_entries(spec: DocumentSpec) -> list[tuple[int, str]]:
    entries = [(1, "Préambule")] if spec.preamble else []
    for part in spec.parts:
        entries.append((1, part.title))
        entries += [(2, clause.heading) for clause in part.clauses]
    if spec.signatures:
        entries.append((1, "Signatures"))
    if spec.adoptions:
        entries.append((1, "Adoptions"))
    return entries


def _docx_signatures(document, spec) -> None:
    document.add_heading("Signatures", level=1)
    document.add_paragraph(french_typography(spec.place_and_date))
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    row = None
    for index, block in enumerate(spec.signatures):
        if index % 2 == 0:
            row = table.add_row()
        cell = row.cells[index % 2]
        cell.paragraphs[0].add_run(french_typography(f"Pour {block.organization}")).bold = True
        if block.signer_title:
            cell.add_paragraph(french_typography(block.signer_title))
        cell.add_paragraph(french_typography(f"Date : {block.signed_on or '……………………'}"))
        if block.deliberation_reference:
            cell.add_paragraph(french_typography(f"Délibération : {block.deliberation_reference}"))
        cell.add_paragraph("Signature :")
        cell.add_paragraph("")
        cell.add_paragraph("")


# ---------------------------------------------------------------- PDF and HTML


def render_pdf(spec: DocumentSpec) -> bytes:
    return html_to_pdf(render_html(spec, PDF_TEMPLATE))


def render_html(spec: DocumentSpec, template_name: str) -> str:
    try:
        template = get_template(template_name)
    except TemplateDoesNotExist:
        raise DocumentError(
            f"Le modèle de document « {template_name} » est introuvable : le document n'a pas été produit."
        ) from None
    except TemplateSyntaxError as error:
        raise DocumentError(
            f"Le modèle de document « {template_name} » contient une erreur ({error}) : "
            "le document n'a pas été produit."
        ) from None
    return template.render({"spec": spec})


# ---------------------------------------------------------------- files


RENDERERS = {"docx": render_docx, "pdf": render_pdf}


def document_path(fingerprint: str, fmt: str, *, folder: str, stem: str) -> Path:
    """Where the document of one content (its fingerprint) and format is kept."""
    return Path(settings.MEDIA_ROOT) / "documents" / folder / f"{stem}-{fingerprint}.{fmt}"


def store_document(path: Path, data: bytes, *, stem: str) -> Path:
    """Keep the new file and drop the ones of earlier contents (same stem and format)."""
    write_atomically(path, data)
    for stale in path.parent.glob(f"{stem}-*{path.suffix}"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return path


def generate(spec: DocumentSpec, fmt: str, *, folder: str, stem: str) -> Path:
    """The document file for a spec, produced once per content and format."""
    if fmt not in RENDERERS:
        raise DocumentError(f"Format de document inconnu : « {fmt} » (formats possibles : DOCX, PDF).")
    path = document_path(spec.fingerprint(), fmt, folder=folder, stem=stem)
    if path.exists():
        return path
    return store_document(path, RENDERERS[fmt](spec), stem=stem)


def stored_document(spec: DocumentSpec, fmt: str, *, folder: str, stem: str) -> Path | None:
    """The file already produced for this very content, or None: reading it never renders anything."""
    path = document_path(spec.fingerprint(), fmt, folder=folder, stem=stem)
    return path if path.exists() else None


def agreement_place(agreement) -> dict:
    return {"folder": f"agreements/{agreement.cooperation_id}", "stem": f"convention-{agreement.pk}"}


def charter_place(version) -> dict:
    return {"folder": f"charters/{version.charter.cooperation_id}",
            "stem": f"charte-{version.charter_id}-v{version.number}"}


def agreement_document(agreement, fmt: str) -> Path:
    return generate(agreement_spec(agreement), fmt, **agreement_place(agreement))


def charter_document(version, fmt: str) -> Path:
    return generate(charter_spec(version), fmt, **charter_place(version))


def download_name(title: str, fmt: str) -> str:
    return f"{slugify(title)[:80] or 'document'}.{fmt}"
