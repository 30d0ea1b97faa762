from entente.core.sections import sections_for

from .rules import get_abilities


def space_context(request, cooperation, *, page_title: str = "", crumbs=(), **extra) -> dict:
    """Context shared by every page inside a cooperation's space."""
    abilities = get_abilities(request.user, cooperation)
    sections = sections_for(abilities)
    breadcrumb = [(cooperation.name, cooperation.get_absolute_url() if page_title else None), *crumbs]
    if page_title and not crumbs:
        breadcrumb.append((page_title, None))
    return {
        "cooperation": cooperation,
        "abilities": abilities,
        "sections": sections,
        "space_menu": bool(sections),
        "title": f"{page_title} — {cooperation.name}" if page_title else cooperation.name,
        "breadcrumb": breadcrumb,
        **extra,
    }
