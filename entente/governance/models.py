"""Governance models, one module per sub-domain; Django discovers them through this module.

- `body_models.py`: bodies, seats, rotation order, vote weights, council dates;
- `meeting_models.py`: meetings, agenda, documents, attendance, minutes, calendar tokens;
- `decision_models.py`: decisions, votes, follow-ups, ratifications.
"""

from entente.governance import body_models, decision_models, meeting_models  # noqa: F401
