"""Extension points that apps above governance fill in their AppConfig.ready().

Imports run one way (governance < … < reflexivity): a meeting's page does not import the apps that
attach something to a meeting. Reflexivity registers here the block that keeps a "temps miroir"'s
synthesis with the meeting's minutes.
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
