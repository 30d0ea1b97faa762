"""Reflexivity API: maturity campaigns, mirror sessions, learning boards, exchanges, the network."""

from ninja import Router

router = Router()
TAG = "Réflexivité"
