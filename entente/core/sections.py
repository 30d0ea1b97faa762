"""Sections of a cooperation's space, contributed by the domain apps.

An app registers its sections in its AppConfig.ready(); the cooperation home page shows the
sections whose ability the user holds, so no app edits another app's templates.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str  # reversed with the cooperation's slug as only argument
    ability: str = "view"
    order: int = 50
    icon: str = "fr-icon-arrow-right-line"


SECTIONS: list[Section] = []


def register_section(section: Section) -> None:
    if all(existing.url_name != section.url_name for existing in SECTIONS):
        SECTIONS.append(section)
        SECTIONS.sort(key=lambda s: s.order)


def sections_for(abilities: dict[str, bool]) -> list[Section]:
    return [section for section in SECTIONS if abilities.get(section.ability)]


@dataclass(frozen=True)
class HomeBlock:
    """A block an app adds to a cooperation's home page (e.g. follow-ups due soon)."""

    template: str
    context: object  # callable(request, cooperation) -> dict
    ability: str = "view"
    order: int = 50


HOME_BLOCKS: list[HomeBlock] = []


def register_home_block(block: HomeBlock) -> None:
    if all(existing.template != block.template for existing in HOME_BLOCKS):
        HOME_BLOCKS.append(block)
        HOME_BLOCKS.sort(key=lambda b: b.order)


def home_blocks() -> list[HomeBlock]:
    return list(HOME_BLOCKS)
