"""The portfolio tables rendered in Python.

A portfolio can hold hundreds of actions; Django's template engine costs ~0.5 ms per row,
which alone would exceed the page's 150 ms budget. The rows are therefore built here, every
value escaped with `html.escape`, from the plain rows of `selectors.portfolio_rows`.
"""

from html import escape

from django.utils.safestring import mark_safe

from entente.core.formatting import format_money

ORDER_HEAD = '<th scope="col">Ordre</th>'


def _move(url: str, title: str, csrf_token: str) -> str:
    return (
        f'<td><form method="post" action="{url}deplacer/" class="entente-inline">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{csrf_token}">'
        '<button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-up-line" name="sens" '
        f'value="up" title="Monter « {title} »">Monter</button>'
        '<button class="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-icon-arrow-down-line" name="sens" '
        f'value="down" title="Descendre « {title} »">Descendre</button></form></td>'
    )


def _participants(names: list[str], externals: list[str]) -> str:
    if not names:
        text = "—"
    elif len(names) <= 3:
        text = escape(", ".join(names))
    else:
        text = f"<details><summary>{len(names)} partenaires</summary>{escape(', '.join(names))}</details>"
    if externals:
        text += f'<br><span class="fr-text--xs">avec {escape(", ".join(externals))} (hors coopération)</span>'
    return text


def _late(count: int) -> str:
    if not count:
        return ""
    return (f' <span class="fr-badge fr-badge--sm fr-badge--error">{count} jalon{"s" if count > 1 else ""} '
            "en retard</span>")


def row_html(row, move: bool, csrf_token: str) -> str:
    title, url = escape(row["title"]), escape(row["url"])
    purposes = "".join(f' <span class="fr-tag fr-tag--sm">{escape(p)}</span>' for p in row["purposes"])
    remainder = format_money(row["remainder"]) if row["remainder"] is not None else "—"
    lead = escape(row["lead__organization__name"] or "à désigner")
    return (
        f'<tr><td><a href="{url}">{title}</a>{purposes}</td>'
        f'<td><span class="fr-badge fr-badge--sm fr-badge--no-icon {row["badge"]}">{escape(row["status_label"])}'
        f'</span>{_late(row["late"])}</td>'
        f'<td><progress max="100" value="{int(row["progress"])}" aria-hidden="true"></progress> '
        f'{int(row["progress"])}\u00a0%</td><td>{lead}</td>'
        f'<td class="fr-text--sm">{_participants(row["participants"], row["externals"])}</td>'
        f'<td class="entente-nowrap">{remainder}</td>{_move(url, title, escape(csrf_token)) if move else ""}</tr>'
    )


def group_table(group, abilities: dict, csrf_token: str) -> str:
    """`abilities`: each action's verbs by pk (rules.abilities_for_many); its order arrows follow `move`."""
    title = f"{group['axis']} — {group['workstream']}" if group["axis"] else group["workstream"]
    moves = [abilities[row["pk"]]["move"] for row in group["actions"]]
    manage = any(moves)
    body = "".join(row_html(row, move, csrf_token) for row, move in zip(group["actions"], moves, strict=True))
    return (
        f'<div class="fr-table fr-mb-3w"><table><caption>{escape(title)}</caption><thead><tr>'
        '<th scope="col">Action</th><th scope="col">Statut</th><th scope="col">Avancement</th>'
        '<th scope="col">Chef de file</th><th scope="col">Participants</th><th scope="col">Reste à charge</th>'
        f'{ORDER_HEAD if manage else ""}</tr></thead><tbody>{body}</tbody></table></div>'
    )


def portfolio_tables(groups, abilities: dict, csrf_token: str) -> str:
    # Every interpolated value above went through html.escape.
    return mark_safe("".join(group_table(group, abilities, csrf_token) for group in groups))  # noqa: S308
