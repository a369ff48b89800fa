"""Rule files: loading, the generic kinds, and errors that name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaners
from cleaners.loader import RuleFileError, load_rule_file
from cleaners.model import Context
from cleaners.safety import check_pattern

GOOD = """
[defaults]
stage = "boilerplate"

[[rule]]
code = "TS101"
name = "test-ui-line"
kind = "remove-lines"
doc = "Remove the test UI line."
literals = ["点我"]
region = "tail"
region_lines = 2

[[rule.examples]]
input = "正文。\\n\\n点我\\n"
expected = "正文。\\n"
"""


def write(tmp_path: Path, text: str, name: str = "extra.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_rules_dir_adds_rules(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    pipeline = cleaners.Pipeline("generic", rules_dirs=[str(tmp_path)])
    assert pipeline.rule("TS101") is not None
    assert pipeline.clean("点我\n正文。\n\n点我\n") == "点我\n正文。\n", "the head is outside the tail region"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kind = "remove-lines"', 'kind = "remove-everything"'), "key 'kind': unknown kind"),
        (('code = "TS101"', 'code = "ts-1"'), "key 'code'"),
        (('name = "test-ui-line"', 'name = "Test UI"'), "key 'name'"),
        (("region_lines = 2", 'region_lines = "two"'), "key 'region_lines': expected int"),
        (('literals = ["点我"]', 'literals = ["点我"]\npatterns = ["(a+)+"]'), "key 'patterns': unsafe regex"),
        (('literals = ["点我"]', 'literals = ["点我"]\npatterns = ["(unclosed"]'), "key 'patterns': invalid regex"),
        (('literals = ["点我"]', 'literals = ["点我"]\nbogus = 1'), "key 'bogus'"),
        (('stage = "boilerplate"', 'stage = "later"'), "key 'stage'"),
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(RuleFileError) as info:
        load_rule_file(path)
    assert str(path) in str(info.value)
    assert "TS101" in str(info.value) or "rule[0]" in str(info.value)
    assert message in str(info.value)


def test_toml_syntax_error_names_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[[rule]\ncode=")
    with pytest.raises(RuleFileError, match=str(path)):
        load_rule_file(path)


def test_kinds(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[defaults]
stage = "boilerplate"

[[rule]]
code = "TS201"
name = "test-block"
kind = "remove-block"
doc = "Remove a block."
start = "开始"
end = "结束"
max_lines = 5

[[rule]]
code = "TS202"
name = "test-replace"
kind = "replace"
doc = "Replace."
pattern = '(\\d+) 元'
replacement = '\\1元'

[[rule]]
code = "TS203"
name = "test-meta"
kind = "extract-metadata"
doc = "Extract."
pattern = 'author : (?P<author>.+)'
""",
    )
    block, replace, meta = load_rule_file(path)
    ctx = Context({}, {}, True, {})
    assert block.apply("a\n\n开始\nx\n结束\n\nb", ctx) == "a\n\nb"
    assert block.apply("a\n开始\n1\n2\n3\n4\n5\n结束\nb", ctx) == "a\n开始\n1\n2\n3\n4\n5\n结束\nb", "end too far"
    assert replace.apply("价格 100 元", ctx) == "价格 100元"
    assert meta.apply("正文\nauthor : 张三\n", ctx) == "正文\n"
    assert ctx.metadata == {"test-meta": {"author": "张三"}}


@pytest.mark.parametrize("pattern", [r"(a+)+", r"(?:\s*x)*", r"([a-z]+)*b", r"(?:a{2,})+"])
def test_nested_quantifiers_are_refused(pattern: str) -> None:
    assert check_pattern(pattern)


@pytest.mark.parametrize("pattern", [r"(?:ab)+", r"a+b*", r"(?>a+)+", r"(?:a++)+", r"[(]+", r"\(a+\)+"])
def test_safe_patterns_pass(pattern: str) -> None:
    assert check_pattern(pattern) is None


def test_unknown_profile_and_selector_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown profile"):
        cleaners.Pipeline("nope")
    with pytest.raises(ValueError, match="unknown rule selector"):
        cleaners.Pipeline(select=["ZZ999"])
