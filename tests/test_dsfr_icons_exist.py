"""An icon class that the DSFR does not define draws an empty square (or hides a button's text):
every `fr-icon-…` class written in a template or in Python must exist in the DSFR's icons."""

import re
from pathlib import Path

import dsfr

ROOT = Path(__file__).resolve().parent.parent
ICONS_CSS = Path(dsfr.__file__).parent / "static" / "dsfr" / "dist" / "utility" / "utility.min.css"
ICON = re.compile(r"fr-icon-[a-z0-9-]+")


def _used_icons() -> dict[str, str]:
    used = {}
    for path in (ROOT / "entente").rglob("*"):
        if path.suffix in {".html", ".py"} and "migrations" not in path.parts:
            for name in ICON.findall(path.read_text(encoding="utf-8")):
                used.setdefault(name, str(path.relative_to(ROOT)))
    return used


def test_every_icon_class_exists_in_the_design_system():
    defined = set(re.findall(r"\.(fr-icon-[a-z0-9-]+)(?=[:{,\s])", ICONS_CSS.read_text(encoding="utf-8")))
    assert defined, "the DSFR's icon classes were not found"
    missing = {name: where for name, where in _used_icons().items() if name not in defined}
    assert missing == {}
