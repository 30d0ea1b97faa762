"""The cooperation's own history page: its presentation, partners, members and timeline steps.

Built by `entente.core.history`; each app's history page lists its own sources the same way.
"""

from entente.accounts.models import User
from entente.core.history import Ref, Source, history_entries
from entente.territories.models import Organization

from .models import Membership, Partnership, TimelineStep


def entries_for_cooperation(cooperation, limit=300):
    """Every historised change of the cooperation, newest first, with the fields it changed."""
    return history_entries(
        [
            Source("Coopération", cooperation.history.all(), lambda r: r.name),
            Source(
                "Partenaire",
                Partnership.history.filter(cooperation_id=cooperation.pk),
                lambda r: Ref(Organization, r.organization_id),
            ),
            Source("Membre", Membership.history.filter(cooperation_id=cooperation.pk), lambda r: Ref(User, r.user_id)),
            Source("Étape", TimelineStep.history.filter(cooperation_id=cooperation.pk), lambda r: r.title),
        ],
        limit=limit,
    )
