"""API of the formats and functions of meetings: their tags, and their balance per semester or year."""

from typing import Literal

from django.http import Http404
from ninja import Query, Schema
from ninja.pagination import paginate

from entente.cooperations.rules import get_cooperation_for_user
from entente.core.api_contract import Pagination, errors
from entente.core.bounds import Id, Slug, text
from entente.governance.meeting_models import AgendaItem, Meeting

from . import format_services as services
from .format_balance import function_periods, meeting_periods
from .maturity_api import router

TAG = "Réflexivité"


class ItemTagsOut(Schema):
    id: int
    title: str
    format: str
    functions: list[str]


class MeetingTagsOut(Schema):
    id: int
    meeting: str
    starts_at: str
    format: str
    functions: list[str]
    items: list[ItemTagsOut]


class MeetingTagsIn(Schema):
    format: text(24, 1)
    functions: list[text(20)] = []


class PeriodOut(Schema):
    period: str
    formats: dict[str, int]
    functions: dict[str, int]


class BalanceQuery(Schema):
    par: Literal["semestre", "annee"] = "semestre"


def _tags(meeting, items) -> dict:
    return {
        "id": meeting.pk,
        "meeting": str(meeting),
        "starts_at": meeting.starts_at.isoformat(),
        "format": meeting.format,
        "functions": meeting.functions,
        "items": [{"id": i.pk, "title": i.title, "format": i.format, "functions": i.functions} for i in items],
    }


@router.get(
    "/cooperations/{slug}/meeting-tags",
    response={200: list[MeetingTagsOut], **errors(403)},
    summary="Formats et fonctions des réunions et de leurs points",
    tags=[TAG],
)
@paginate(Pagination)
def list_tags(request, slug: Slug):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view")
    meetings = list(Meeting.objects.filter(body__cooperation=cooperation).select_related("body").order_by("-starts_at"))
    items: dict = {}
    for item in AgendaItem.objects.filter(meeting__body__cooperation=cooperation).order_by("position"):
        items.setdefault(item.meeting_id, []).append(item)
    return [_tags(meeting, items.get(meeting.pk, [])) for meeting in meetings]


@router.put(
    "/cooperations/{slug}/meeting-tags/{meeting_id}",
    response={200: MeetingTagsOut, **errors(400)},
    summary="Étiqueter une réunion : son format et les fonctions du collectif qu'elle sert",
    tags=[TAG],
)
def put_tags(request, slug: Slug, meeting_id: Id, payload: MeetingTagsIn):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_manage")
    meeting = Meeting.objects.select_related("body").filter(body__cooperation=cooperation, pk=meeting_id).first()
    if meeting is None:
        raise Http404("Réunion introuvable.")
    services.tag_meeting(meeting, user=request.user, format=payload.format, functions=payload.functions)
    return _tags(meeting, meeting.items.all())


@router.get(
    "/cooperations/{slug}/meeting-balance",
    response={200: list[PeriodOut], **errors(403)},
    summary="Équilibre des formats et des fonctions des réunions, par semestre ou par année",
    tags=[TAG],
)
def get_balance(request, slug: Slug, query: Query[BalanceQuery]):
    cooperation = get_cooperation_for_user(request.user, slug, "reflexivity_view")
    formats = {p.label: p for p in meeting_periods(cooperation, query.par)}
    functions = {p.label: p for p in function_periods(cooperation, query.par)}
    labels = [p.label for p in sorted([*formats.values(), *functions.values()], key=lambda p: p.key)]
    return [
        {
            "period": label,
            "formats": dict(formats[label].counts) if label in formats else {},
            "functions": dict(functions[label].counts) if label in functions else {},
        }
        for label in dict.fromkeys(labels)
    ]
