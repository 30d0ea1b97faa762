"""History pages: who changed what, and when, from django-simple-history's records.

One builder for every app. An app lists its sources, each a kind of object shown to people
("Réunion", "Partenaire") with the queryset of historical records to read and how to name one
record; `history_entries` turns them into `Entry` rows, newest first, each with the fields that
changed (before → after, as people read them) and the reason given, and the template
`core/_history_table.html` shows them:

    entries = history_entries([
        Source("Coopération", cooperation.history.all(), lambda r: r.name),
        Source("Membre", Membership.history.filter(cooperation_id=cooperation.pk), lambda r: Ref(User, r.user_id)),
    ])

Naming costs no query per row: a label or a changed value that is a foreign key is returned as
`Ref(model, pk)` and every Ref of the page is named at the end with one query per model
(`names` says how to name an object of a model, `related` what to select with it).

The diff hook: `history_entries(..., diff=hook)` calls `hook(field, old, new)` with the model
field and the raw values for every change; when it returns text (safe HTML, such as the
agreements' word diff of a long article), the change carries it as `change.diff` and the
template shows it instead of "old → new". A hook returns None for the fields it leaves alone.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models

from .formatting import format_short_date, format_short_datetime

# Bookkeeping columns of simple-history and denormalised copies no person changes.
UNTRACKED = frozenset(
    {
        "id",
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user",
        "history_user_id",
        "updated_at",
        "search_name",
        "search_text",
    }
)
OPERATIONS = {"+": "Création", "~": "Modification", "-": "Suppression"}
LONG_VALUE = 160  # characters shown of a changed value before it is cut with "…"


@dataclass(frozen=True)
class Ref:
    """A foreign key in a historical record, named once all entries are known (one query per model)."""

    model: type
    pk: object


@dataclass
class Source:
    """One kind of object on the page: its name for people, its historical records, how to name one.

    `describe(record)` returns the label: text, a `Ref`, or a tuple (prefix text, Ref). By default,
    the object's `str()` at the time of the record (which may cost a query per row for models whose
    `__str__` follows a foreign key: give a describe then).
    """

    kind: str
    queryset: models.QuerySet
    describe: Callable | None = None
    untracked: frozenset = frozenset()


class Change(tuple):
    """(field, old, new) as people read them; `diff` holds the diff hook's HTML when it gave one."""

    def __new__(cls, field_name, old, new, diff=""):
        change = super().__new__(cls, (field_name, old, new))
        change.diff = diff
        return change

    field = property(lambda self: self[0])
    old = property(lambda self: self[1])
    new = property(lambda self: self[2])


@dataclass
class Entry:
    date: datetime.datetime
    user: str
    kind: str
    label: object
    operation: str
    changes: list = field(default_factory=list)
    reason: str = ""
    record: object = None  # the historical record, for templates that need more of it


def _display(model_field, value):
    """A raw column value as people read it: choices by label, dates in French, foreign keys as Ref."""
    if value is None or value == "":
        return ""
    if model_field.many_to_one:
        return Ref(model_field.related_model, value)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return format_short_datetime(value)
    if isinstance(value, datetime.date):
        return format_short_date(value)
    text = str(value)
    return text if len(text) <= LONG_VALUE else text[: LONG_VALUE - 3] + "…"


def _changes(model, record, previous, untracked, diff) -> list[Change]:
    if previous is None:
        return []
    changes = []
    for model_field in model._meta.fields:
        if model_field.attname in untracked or model_field.name in untracked:
            continue
        raw_old, raw_new = getattr(previous, model_field.attname, None), getattr(record, model_field.attname, None)
        # Raw values are compared: two long texts differing after the cut would display alike.
        if raw_old == raw_new or (raw_old in (None, "") and raw_new in (None, "")):
            continue
        old, new = _display(model_field, raw_old), _display(model_field, raw_new)
        shown = diff(model_field, raw_old, raw_new) if diff is not None else None
        changes.append(Change(str(model_field.verbose_name), old, new, shown or ""))
    return changes


def _default_describe(record):
    return str(record.instance)


def _source_entries(source: Source, recent, diff, untracked) -> list[Entry]:
    """Entries with their before/after; with `recent`, only the objects among the `recent` latest changes
    (all their versions, to compute the differences), so that a large cooperation stays quick."""
    queryset = source.queryset
    model = queryset.model.instance_type
    describe = source.describe or _default_describe
    if recent is not None:
        latest = set(queryset.order_by("-history_date").values_list("id", flat=True)[:recent])
        queryset = queryset.filter(id__in=latest)
    previous_by_object, entries = {}, []
    for record in queryset.select_related("history_user").order_by("id", "history_date", "history_id"):
        previous = previous_by_object.get(record.id)
        entries.append(
            Entry(
                date=record.history_date,
                user=record.history_user.public_name if record.history_user else "Système",
                kind=source.kind,
                label=describe(record),
                operation=OPERATIONS.get(record.history_type, ""),
                changes=_changes(model, record, previous, untracked | source.untracked, diff),
                reason=record.history_change_reason or "",
                record=record,
            )
        )
        previous_by_object[record.id] = record
    return entries


def _default_name(obj) -> str:
    return obj.public_name if hasattr(obj, "public_name") else str(obj)


def _resolve(entries: list[Entry], names: dict, related: dict) -> list[Entry]:
    wanted = defaultdict(set)
    for entry in entries:
        label_ref = entry.label[1] if isinstance(entry.label, tuple) else entry.label
        if isinstance(label_ref, Ref):
            wanted[label_ref.model].add(label_ref.pk)
        for _field, old, new in entry.changes:
            for value in (old, new):
                if isinstance(value, Ref):
                    wanted[value.model].add(value.pk)
    known = {}
    for model, pks in wanted.items():
        queryset = model._default_manager.filter(pk__in=pks)
        if related.get(model):
            queryset = queryset.select_related(*related[model])
        name = names.get(model, _default_name)
        for obj in queryset:
            known[(model, obj.pk)] = name(obj)

    def named(value):
        if isinstance(value, Ref):
            return known.get((value.model, value.pk), f"n° {value.pk} (supprimé·e)")
        return value

    for entry in entries:
        entry.label = entry.label[0] + named(entry.label[1]) if isinstance(entry.label, tuple) else named(entry.label)
        entry.changes = [Change(c.field, named(c.old), named(c.new), c.diff) for c in entry.changes]
    return entries


def history_entries(
    sources: Iterable[Source],
    *,
    limit: int = 300,
    recent: int | None = None,
    diff: Callable | None = None,
    names: dict | None = None,
    related: dict | None = None,
    untracked: Iterable[str] = (),
) -> list[Entry]:
    """The `limit` latest entries of all `sources`, newest first, named and with their changes.

    recent: read only the objects among each source's `recent` latest changes (large histories);
    diff: the hook described above; names: {model: function(obj) -> str} for Refs (default: a
    user's public name, else str(obj)); related: {model: select_related fields} for those names;
    untracked: more fields to leave out of the changes.
    """
    skip = UNTRACKED | frozenset(untracked)
    entries = []
    for source in sources:
        entries += _source_entries(source, recent, diff, skip)
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return _resolve(entries[:limit], names or {}, related or {})
