"""Workshops and portfolio templates compare phases, statuses and kinds through the models, not through
stored values: renaming a TextChoices value cannot silently turn a branch of a page off."""

import re
from pathlib import Path

import pytest

from entente.core.models import JobStatus
from entente.portfolio.models import ActionStatus, SharingKey
from entente.workshops.models import ArbitrationStatus, BoundRule, CriterionKind, Phase

ROOT = Path(__file__).resolve().parent.parent / "entente"
TEMPLATES = sorted(path for app in ("workshops", "portfolio") for path in (ROOT / app / "templates").rglob("*.html"))
STORED_VALUES = {
    choice.value
    for choices in (Phase, ArbitrationStatus, BoundRule, CriterionKind, ActionStatus, SharingKey, JobStatus)
    for choice in choices
    if choice.value
}
# `x == "value"`, `"value" != x`, `x in "value"` inside a template tag.
COMPARISON = re.compile(r"""(?:==|!=|\bin)\s*["']([^"']+)["']|["']([^"']+)["']\s*(?:==|!=)""")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_compares_with_a_stored_choice_value(template):
    compared = set()
    for tag in re.findall(r"{%.*?%}", template.read_text(), flags=re.S):
        for match in COMPARISON.finditer(tag):
            compared.add(match.group(1) or match.group(2))
    assert not compared & STORED_VALUES, f"{template.name} compare avec {sorted(compared & STORED_VALUES)}"
