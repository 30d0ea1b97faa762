"""API of reflexivity, one router declared by maturity_api.py: maturity campaigns, mirror sessions,
functions and formats, learning boards, exchanges, the network. Importing the modules registers their
operations; none imports this module back."""

from . import board_api, exchange_api, format_api, mirror_api, network_api
from .maturity_api import TAG, router

__all__ = ["TAG", "board_api", "exchange_api", "format_api", "mirror_api", "network_api", "router"]
