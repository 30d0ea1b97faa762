"""Reflexivity: the collective looking at itself (maturity, mirror sessions, learning boards,
functions and formats of its meetings, "Vis ma vie" exchanges, the actor network).

Each sub-domain keeps its models in `<subdomain>_models.py`; they are imported here so that
Django registers them with the app.
"""

from .board_models import *  # noqa: E402,F403
from .exchange_models import *  # noqa: E402,F403
from .maturity_models import MaturityCampaign, MaturityParticipation, MaturityResponse  # noqa: F401
from .mirror_models import MirrorQuestion, MirrorResponse, MirrorSession  # noqa: F401
