"""API of observation, one router: health and the national view (health_api.py, which declares the
router), shared indicators (indicator_api.py), the cross portrait (portrait_api.py) and the annual
report (report_api.py). Importing them registers their operations; none imports this module back."""

from . import indicator_api, portrait_api, report_api
from .health_api import TAG, router

__all__ = ["TAG", "indicator_api", "portrait_api", "report_api", "router"]
