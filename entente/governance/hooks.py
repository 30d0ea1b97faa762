"""Extension points that apps above governance fill in their AppConfig.ready().

Imports run one way (governance < … < reflexivity): a meeting's page does not import the apps that
attach something to a meeting. Reflexivity registers here the block that keeps a "temps miroir"'s
synthesis with the meeting's minutes, on the meeting's page and in the minutes' PDF.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MeetingBlock:
    template: str
    # (request, meeting, abilities) -> the template's context, or None when there is nothing to show
    context: Callable


_blocks: list[MeetingBlock] = []


def register_meeting_block(block: MeetingBlock) -> None:
    if all(existing.template != block.template for existing in _blocks):
        _blocks.append(block)


def meeting_blocks() -> list[MeetingBlock]:
    return list(_blocks)


@dataclass(frozen=True)
class MinutesSection:
    """A section that a higher app adds at the end of a meeting's minutes document (PDF)."""

    name: str
    # (meeting, members: bool) -> (title, escaped HTML body), or None when there is nothing to add.
    # `members` is False for the public's version of the minutes, which only shows approved minutes.
    content: Callable


_minutes_sections: list[MinutesSection] = []


def register_minutes_section(section: MinutesSection) -> None:
    if all(existing.name != section.name for existing in _minutes_sections):
        _minutes_sections.append(section)


def minutes_sections(meeting, *, members: bool) -> list[tuple[str, str]]:
    """The (title, HTML) sections registered apps add to this meeting's minutes, in registration order."""
    found = (section.content(meeting, members) for section in _minutes_sections)
    return [section for section in found if section]
