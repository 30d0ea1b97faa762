"""Observation's work in the worker (found by `autodiscover_modules("jobs")`)."""

from . import report_documents  # noqa: F401  (registers the annual report's PDF and DOCX job)
