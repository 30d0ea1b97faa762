"""API of the portfolio, one router: actions (action_api.py), axes and chantiers (structure_api.py),
financing plans (financing_api.py). Importing the three registers their operations."""

from . import financing_api, structure_api
from .action_api import TAG, router

__all__ = ["TAG", "financing_api", "router", "structure_api"]
