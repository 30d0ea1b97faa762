"""Observation's work in the worker (found by `autodiscover_modules("jobs")`)."""

from . import (
    indicator_import_jobs,  # noqa: F401  (registers the import of indicator values)
    report_documents,  # noqa: F401  (registers the annual report's PDF and DOCX job)
)
