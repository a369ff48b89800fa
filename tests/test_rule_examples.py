"""Every rule's own examples, run as tests: input -> expected, or unchanged when none is given."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaners
from cleaners.model import Context, Example, Rule
from cleaners.registry import all_rules
from cleaners.ruledoc import rules_markdown

CASES = [
    pytest.param(rule, example, id=f"{rule.code}-{rule.name}-{i}")
    for rule in all_rules()
    for i, example in enumerate(rule.examples)
]


def run_alone(rule: Rule, text: str) -> str:
    """The rule by itself, its condition taken as met (as the profile that assumes it would)."""
    return rule.apply(text, Context({}, {rule.when: True} if rule.when else {}, True, {}))


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule: Rule, example: Example) -> None:
    expected = example.input if example.expected is None else example.expected
    if example.profile is not None:
        assert cleaners.clean(example.input, profile=example.profile) == expected
        return
    assert run_alone(rule, example.input) == expected
    assert run_alone(rule, expected) == expected, "not idempotent"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert rule.summary and rule.doc.startswith(rule.summary.split()[0])
    assert any(e.expected is not None and e.expected != e.input for e in rule.examples), "needs a before/after example"
    assert any(e.expected is None or e.expected == e.input for e in rule.examples), "needs an example left unchanged"


def test_codes_and_names_are_unique() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_rule_reference_is_up_to_date() -> None:
    reference = Path(__file__).parent.parent / "docs" / "RULES.md"
    assert reference.read_text(encoding="utf-8") == rules_markdown(all_rules()), (
        "docs/RULES.md is stale: python -m cleaners.ruledoc > docs/RULES.md"
    )
