"""The annual report as a PDF (WeasyPrint) and a DOCX (python-docx), made by the worker and kept per content.

Both are made from the same `annual_report.Report`. A file is named by the fingerprint of the
report's printable HTML (without its edition date), so a new meeting, decision, value or word of the
foreword makes a new file; a GET serves the file already made, the worker makes the missing one.
Everyone who may read the report gets the same content: one job per year, format and content.
"""

import hashlib
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from entente.cooperations.models import Cooperation
from entente.cooperations.rules import get_cooperation_for_user
from entente.core import documents
from entente.core.jobs import JobFailed, JobKind, JobOutput, register, start_job
from entente.core.storage import private_storage, write_atomically

from .annual_report import Report, annual_report, report_url

ANNUAL_REPORT_DOCUMENT = "insights.annual_report_document"
FORMAT_VERSION = "1"  # bump when the PDF template or the DOCX layout changes, to make the files again
CONTENT_TYPES = {"pdf": documents.PDF_CONTENT_TYPE, "docx": documents.DOCX_CONTENT_TYPE}


def printable_html(report: Report, generated=None) -> str:
    return render_to_string("insights/report/annual_pdf.html", {"report": report, "generated": generated})


class ReportDocument:
    def __init__(self, report: Report, fmt: str):
        if fmt not in CONTENT_TYPES:
            raise Http404("Format inconnu.")
        self.report, self.fmt = report, fmt
        self.fingerprint = hashlib.sha256((printable_html(report) + FORMAT_VERSION).encode()).hexdigest()[:16]
        self.key = f"{report.cooperation.pk}:{report.year}:{fmt}:{self.fingerprint}"
        self.filename = f"rapport-activite-{report.year}-{report.cooperation.slug}.{fmt}"
        self.content_type = CONTENT_TYPES[fmt]

    @property
    def path(self) -> Path:
        folder = f"documents/annual-reports/{self.report.cooperation.pk}"
        return Path(private_storage().path(f"{folder}/rapport-{self.report.year}-{self.fingerprint}.{self.fmt}"))

    def stored(self) -> Path | None:
        return self.path if self.path.exists() else None

    def make(self) -> Path:
        path = self.path
        if not path.exists():
            data = render_pdf(self.report) if self.fmt == "pdf" else render_docx(self.report)
            write_atomically(path, data)
            for stale in path.parent.glob(f"rapport-{self.report.year}-*.{self.fmt}"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        return path

    def start(self, user):
        report = self.report
        return start_job(
            kind=ANNUAL_REPORT_DOCUMENT,
            key=self.key,
            user=user,
            cooperation=report.cooperation,
            label=f"{report.title} — {report.cooperation.name} ({self.fmt.upper()})",
            params={"year": report.year, "format": self.fmt},
            back=(report.title, report_url(report.cooperation, report.year)),
        )


def render_pdf(report: Report) -> bytes:
    return documents.render_pdf(printable_html(report, timezone.localtime()))


def render_docx(report: Report) -> bytes:
    document = documents.new_docx()
    document.add_heading(f"{report.title}", level=0)
    document.add_paragraph(report.cooperation.name)
    documents.add_toc(document, [(1, heading) for heading in docx_headings(report)])
    documents.add_page_break(document)
    _docx_texts(document, "Avant-propos", report.texts.foreword)
    document.add_heading("L'année en chiffres", level=1)
    documents.add_table(document, ["Chiffre", "Valeur"], report.key_figures)
    for heading, parts in _docx_parts(report):
        document.add_heading(heading, level=1)
        for part in parts:
            _docx_table(document, part)
    document.add_heading("Indicateurs partagés", level=1)
    if not report.indicators:
        document.add_paragraph(f"Aucune valeur d'indicateur n'est saisie pour {report.year}.")
    for block in report.indicators:
        document.add_heading(block.indicator.name, level=2)
        rows = [[row.label, row.shown + (" (illustrative)" if row.illustrative else "")] for row in block.rows]
        if block.reference is not None:
            rows.append([block.reference_label, block.reference_shown])
        documents.add_table(document, ["Partenaire", "Valeur"], rows)
        document.add_paragraph(block.source_line)
    document.add_heading("Santé de la coopération", level=1)
    for section in report.health.sections:
        document.add_heading(section.title, level=2)
        for figure in section.figures:
            mark = " — à regarder" if figure.alert else ""
            document.add_paragraph(f"{figure.title} : {figure.value}{mark}. {figure.sentence}", style="List Bullet")
    _docx_texts(document, "Conclusion", report.texts.conclusion)
    documents.add_page_footer(document, f"{report.cooperation.name} — {report.title}")
    return documents.docx_bytes(document)


def docx_headings(report: Report) -> list[str]:
    return [
        "Avant-propos",
        "L'année en chiffres",
        *(heading for heading, _parts in _docx_parts(report)),
        "Indicateurs partagés",
        "Santé de la coopération",
        "Conclusion",
    ]


def _docx_parts(report: Report) -> list[tuple[str, list]]:
    return [
        ("Les partenaires", [report.partners]),
        ("Instances, réunions et ateliers", [report.bodies, report.meetings, report.workshops]),
        ("Décisions et leur suivi", [report.decisions, report.followups.table]),
        ("Le portefeuille d'actions", [report.actions, report.actions_by_status.table, report.journal]),
        ("Les moyens engagés", [report.money.table, report.fundings]),
    ]


def _docx_table(document, table) -> None:
    document.add_paragraph(table.caption, style="Caption")
    if table.rows:
        documents.add_table(document, table.headers, table.rows)
    else:
        document.add_paragraph("Rien à signaler pour l'année.")


def _docx_texts(document, heading: str, text: str) -> None:
    document.add_heading(heading, level=1)
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    for paragraph in paragraphs or ["(Non rédigé.)"]:
        document.add_paragraph(paragraph)


def _run_annual_report_document(job, progress) -> JobOutput:
    cooperation = Cooperation.objects.filter(pk=job.cooperation_id).first()
    if cooperation is None:
        raise JobFailed("La coopération a été supprimée depuis la demande : il n'y a plus de rapport à produire.")
    report = annual_report(cooperation, job.params["year"])
    progress(50)
    document = ReportDocument(report, job.params["format"])
    path = document.make()
    return JobOutput(
        content=path.read_bytes(),
        filename=document.filename,
        message=f"Le rapport d'activité {report.year} est prêt ; il est aussi servi aussitôt depuis sa page.",
    )


def _sees_annual_report(user, job) -> bool:
    """Whoever may read the cooperation's annual report (one content for all its readers)."""
    if job.cooperation is None:
        return user.is_authenticated and job.requested_by_id == user.pk
    try:
        get_cooperation_for_user(user, job.cooperation.slug, "insights_view_report")
    except (Http404, PermissionDenied):
        return False
    return True


register(JobKind(ANNUAL_REPORT_DOCUMENT, run=_run_annual_report_document, visible_to=_sees_annual_report))
