"""Reflexivity API: maturity campaigns, mirror sessions, learning boards, exchanges, the network."""

from ninja import Router

router = Router()
TAG = "Réflexivité"

# Each sub-domain registers its operations on this router.
from . import board_api, exchange_api, format_api, maturity_api, mirror_api, network_api  # noqa: E402, F401
