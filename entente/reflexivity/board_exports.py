"""A learning board as a spreadsheet (CSV or XLSX): one line per card, with its dots and what it became."""

from django.db.models import Sum

from entente.core.documents import Sheet, xlsx_bytes
from entente.core.exports import csv_bytes

from .board_models import Card, CardColumn

COLUMNS = [
    "Colonne",
    "Regroupement",
    "Carte",
    "Gommettes",
    "Rédigée par",
    "Réunion liée",
    "Action liée",
    "Décision liée",
    "Transformée en",
    "Créée le",
]


def board_rows(board) -> list[list]:
    """One query for the cards with their links, one for the conversions; columns in the seed's order."""
    order = {value: index for index, value in enumerate(CardColumn.values)}
    cards = (
        Card.objects.filter(board=board)
        .select_related("group", "author", "meeting__body", "action", "decision")
        .prefetch_related("conversions")
        .annotate(dot_total=Sum("dots__count"))
    )
    rows = []
    for card in sorted(cards, key=lambda c: (order[c.column], -(c.dot_total or 0), c.pk)):
        rows.append(
            [
                card.get_column_display(),
                card.group.title if card.group else "",
                card.text,
                card.dot_total or 0,
                card.author.public_name if card.author else "",
                str(card.meeting) if card.meeting else "",
                card.action.title if card.action else "",
                card.decision.reference if card.decision else "",
                ", ".join(conversion.get_kind_display() for conversion in card.conversions.all()),
                card.created_at.date(),
            ]
        )
    return rows


def board_csv(board) -> bytes:
    return csv_bytes(COLUMNS, board_rows(board))


def board_xlsx(board) -> bytes:
    sheet = Sheet(
        title="Tableau",
        header=COLUMNS,
        rows=board_rows(board),
        formats={10: "DD/MM/YYYY"},
        widths=[30, 26, 70, 11, 26, 30, 30, 14, 26, 12],
        wrap=[3],
    )
    return xlsx_bytes(sheet)
