"""The portfolio's block on a cooperation's home page: how many actions, where they stand."""

from django.db.models import Avg, Count
from django.urls import reverse

from .models import STATUS_BADGES, Action, ActionStatus


def portfolio_home_context(request, cooperation) -> dict:
    """Actions by status and average progress, in one grouped query."""
    rows = (
        Action.objects.filter(cooperation=cooperation)
        .values("status")
        .annotate(count=Count("pk"), progress=Avg("progress"))
    )
    by_value = {row["status"]: row for row in rows}
    count = sum(row["count"] for row in by_value.values())
    average = round(sum(row["progress"] * row["count"] for row in by_value.values()) / count) if count else 0
    return {
        "portfolio_block": {
            "count": count,
            "average": average,
            "by_status": [
                (STATUS_BADGES.get(value, ""), label, by_value[value]["count"])
                for value, label in ActionStatus.choices
                if value in by_value
            ],
            "list_url": reverse("portfolio:list", args=[cooperation.slug]),
            "board_url": reverse("portfolio:board", args=[cooperation.slug]),
        }
    }
