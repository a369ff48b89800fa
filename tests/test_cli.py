"""The ``cleaners`` command: single files, stdin, folders, JSONL, Parquet, errors, --resume, --report."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cleaners
from cleaners import corpus
from cleaners.cli import main
from cleaners.io import binary_reason

DIRTY = "今天天气很好，我们去公园散步。\r\n第二段落也是中文内容。  \r\n"
CLEANED = "今天天气很好，我们去公园散步。\n第二段落也是中文内容。\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def run_cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The command as a user runs it: the installed entry point if there is one, else ``python -m``."""
    entry = Path(sys.executable).parent / "cleaners"
    command = [str(entry)] if entry.exists() else [sys.executable, "-m", "cleaners.cli"]
    return subprocess.run([*command, *args], input=stdin, capture_output=True, check=False, timeout=120)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small input tree: text in UTF-8 and GBK, an empty file, a JSONL file, a nested folder."""
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_bytes(DIRTY.encode("utf-8"))
    (root / "sub" / "gbk.txt").write_bytes(DIRTY.encode("gbk"))
    (root / "sub" / "empty.txt").write_bytes(b"")
    (root / "clean.txt").write_text("already clean\n", encoding="utf-8")
    records = [{"id": i, "text": DIRTY if i % 2 else "ok\n", "tags": ["x", i]} for i in range(5)]
    (root / "docs.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return root


def test_single_file_goes_to_stdout(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    source = tmp_path / "a.txt"
    source.write_bytes(DIRTY.encode("utf-8"))
    assert main(["clean", str(source)]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out.decode("utf-8") == CLEANED
    assert captured.err == b""


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-16-le"])
def test_stdin_bytes_come_out_as_utf8(encoding: str) -> None:
    done = run_cli("clean", "-", "--profile", "generic", stdin=DIRTY.encode(encoding))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == CLEANED


def test_folder_is_mirrored_and_inputs_are_untouched(tree: Path, tmp_path: Path) -> None:
    before = snapshot(tree)
    out = tmp_path / "out"
    assert main(["clean", str(tree), "-o", str(out), "--jobs", "2", "--quiet"]) == 0
    assert snapshot(tree) == before
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        "a.txt",
        "clean.txt",
        "docs.jsonl",
        "sub/empty.txt",
        "sub/gbk.txt",
    ]
    assert (out / "a.txt").read_text("utf-8") == CLEANED
    assert (out / "sub" / "gbk.txt").read_text("utf-8") == CLEANED
    assert (out / "sub" / "empty.txt").read_bytes() == b""
    assert not list(out.rglob(".*.tmp"))
    plain = tmp_path / "plain.txt"
    plain.write_text("x", "utf-8")
    assert (out / "a.txt").stat().st_mode == plain.stat().st_mode


def test_jobs_two_writes_what_jobs_one_writes(tree: Path, tmp_path: Path) -> None:
    for i in range(40):
        (tree / "many" / f"{i:02}.txt").parent.mkdir(exist_ok=True)
        (tree / "many" / f"{i:02}.txt").write_text(f"doc {i}  \r\n" * (i + 1), "utf-8")
    assert main(["clean", str(tree), "-o", str(tmp_path / "one"), "-j", "1", "-q"]) == 0
    assert main(["clean", str(tree), "-o", str(tmp_path / "two"), "-j", "2", "-q"]) == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_check_exit_codes(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--check", str(tree / "clean.txt")]) == 0
    assert main(["clean", "--check", str(tree)]) == 1
    out = capsys.readouterr().out
    assert f"would clean: {tree / 'a.txt'}" in out
    assert f"would clean: {tree / 'docs.jsonl'}:2" in out
    assert "clean.txt" not in out


def test_diff_shows_the_changed_lines(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--diff", str(tree / "a.txt")]) == 0
    out = capsys.readouterr().out
    assert f"+++ b/{tree / 'a.txt'}" in out
    assert "+第二段落也是中文内容。\n" in out and "-第二段落也是中文内容。  \r\n" in out


def test_missing_and_binary_inputs_fail_alone(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tree / "image.txt").write_bytes(PNG)
    (tree / "nul.dat").write_bytes(b"abc\x00\x00\x00\x01\x02" * 10)
    out = tmp_path / "out"
    missing = str(tmp_path / "nowhere.txt")
    assert main(["clean", missing, str(tree), "-o", str(out), "-q"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert f"cleaners: {missing}: no such file or folder" in errors
    assert f"cleaners: {tree / 'image.txt'}: binary file (PNG image)" in errors
    assert f"cleaners: {tree / 'nul.dat'}: binary file (NUL bytes)" in errors
    assert len(errors) == 3
    assert (out / "in" / "a.txt").read_text("utf-8") == CLEANED  # several inputs: each under its own name
    assert not (out / "in" / "image.txt").exists() and not (out / "in" / "nul.dat").exists()


def test_several_folders_do_not_collide_under_one_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder, line in (("a", "第一个。"), ("b", "第二个。"), ("c/a", "同名文件夹。")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "x.txt").write_text(line + "  \n", encoding="utf-8")
    out = tmp_path / "out"
    inputs = [str(tmp_path / name) for name in ("a", "b", "c/a")]
    assert main(["clean", *inputs, "-o", str(out), "-q"]) == 2
    assert (out / "a" / "x.txt").read_text("utf-8") == "第一个。\n"
    assert (out / "b" / "x.txt").read_text("utf-8") == "第二个。\n"
    assert capsys.readouterr().err.splitlines() == [
        f"cleaners: {inputs[2]}: its outputs would overwrite those of {inputs[0]} (same name 'a')"
    ]


def test_utf16_text_without_bom_is_not_binary() -> None:
    assert binary_reason(DIRTY.encode("utf-16-le")) is None
    assert binary_reason("plain ascii text\n".encode("utf-32-be")) is None
    assert binary_reason("中文 and English, 一二三\n".encode("utf-16-be")) is None
    assert binary_reason(b"\x00\x01\x02\x03" * 100) == "binary file (NUL bytes)"
    assert binary_reason(b"text with one stray\x00\x00\x00\x00 run of NULs") == "binary file (NUL bytes)"


def test_jsonl_keeps_order_and_other_fields_and_reports_broken_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "d.jsonl"
    source.write_text(
        '{"text": "a  \\r\\nb", "id": 1, "score": 0.5}\n'
        "{broken\n"
        "\n"
        '{"id": 3, "text": null}\n'
        '{"id": 4, "text": "你好\\u200b", "meta": {"k": [1, 2]}}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["clean", str(source), "-o", str(out) + "/", "-q", "--metadata-field", "cleaning"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cleaners: {source}:2: invalid JSON")
    assert err.count("\n") == 1
    records = [json.loads(line) for line in (out / "d.jsonl").read_text("utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 3, 4]
    assert records[0]["text"] == "a\nb" and records[0]["score"] == 0.5
    assert records[1] == {"id": 3, "text": None}
    assert records[2]["text"] == "你好" and records[2]["meta"] == {"k": [1, 2]}
    assert "UC102" in records[2]["cleaning"]["changed_by"]


def test_jsonl_gz_with_another_field(tmp_path: Path) -> None:
    source = tmp_path / "d.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        for i in range(300):
            handle.write(json.dumps({"body": f"行{i}  \r\n", "text": "untouched  "}, ensure_ascii=False) + "\n")
    out = tmp_path / "clean.jsonl.gz"
    assert main(["clean", str(source), "-o", str(out), "--field", "body", "-q", "-j", "2"]) == 0
    with gzip.open(out, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    assert [r["body"] for r in records] == [f"行{i}\n" for i in range(300)]
    assert {r["text"] for r in records} == {"untouched  "}


def test_resume_skips_complete_outputs(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["clean", str(tree), "-o", str(out), "-q"]) == 0
    (out / "a.txt").write_text("kept from the first run\n", encoding="utf-8")
    (out / "clean.txt").unlink()
    report = tmp_path / "report.json"
    assert main(["clean", str(tree), "-o", str(out), "-q", "--resume", "--report", str(report)]) == 0
    assert (out / "a.txt").read_text("utf-8") == "kept from the first run\n"
    assert (out / "clean.txt").read_text("utf-8") == "already clean\n"
    summary = json.loads(report.read_text("utf-8"))
    assert summary["skipped_complete"] == 4 and summary["files"] == 1


def test_report_json(tree: Path, tmp_path: Path) -> None:
    (tree / "image.txt").write_bytes(PNG)
    report = tmp_path / "report.json"
    assert main(["clean", str(tree), "-o", str(tmp_path / "out"), "-q", "--report", str(report)]) == 2
    summary = json.loads(report.read_text("utf-8"))
    assert summary["files"] == 5
    assert summary["documents"] == 4 + 5
    assert summary["changed"] == 2 + 2
    assert summary["rules"]["UC101"] == 4
    assert summary["rule_names"]["UC101"] == "crlf-line-break"
    assert summary["error_count"] == 1
    assert summary["errors"] == [{"source": str(tree / "image.txt"), "reason": "binary file (PNG image)"}]
    assert summary["bytes_in"] > 0 and summary["bytes_out"] > 0 and summary["seconds"] > 0


def test_report_sizes_are_the_bytes_read_and_written(tree: Path, tmp_path: Path) -> None:
    (tree / "docs.jsonl").unlink()  # text files only: their sizes on disk are what the report counts
    out, report = tmp_path / "out", tmp_path / "report.json"
    assert main(["clean", str(tree), "-o", str(out), "-q", "--jobs", "2", "--report", str(report)]) == 0
    summary = json.loads(report.read_text("utf-8"))
    assert summary["bytes_in"] == sum(p.stat().st_size for p in tree.rglob("*") if p.is_file())
    assert summary["bytes_out"] == sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert summary["bytes_out"] == 2 * len(CLEANED.encode("utf-8")) + len("already clean\n")


def test_unwritable_output_fails_alone(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").write_text("a file where the output needs a folder\n", "utf-8")
    assert main(["clean", str(tree), "-o", str(out), "-q", "--jobs", "2"]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [
        f"cleaners: {tree / 'sub' / name}: cannot write output: Not a directory" for name in ("empty.txt", "gbk.txt")
    ]
    assert (out / "a.txt").read_text("utf-8") == CLEANED
    assert not list(out.rglob(".*.tmp"))


def test_summary_on_stderr_for_a_folder(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(tree), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "9 documents in 5 files, 4 changed" in err
    assert "UC101" in err and "crlf-line-break" in err


def test_glob_mirrors_below_the_pattern_base(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["clean", str(tree / "**" / "*.txt"), "-o", str(out), "-q"]) == 0
    assert (out / "sub" / "gbk.txt").read_text("utf-8") == CLEANED
    assert not (out / "docs.jsonl").exists()


def test_output_never_overwrites_an_input(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(tree)
    assert main(["clean", str(tree), "-o", str(tree), "-q"]) == 2
    assert snapshot(tree) == before
    assert "the output would overwrite the input" in capsys.readouterr().err


def test_output_folder_inside_the_input_is_not_read(tree: Path) -> None:
    assert main(["clean", str(tree), "-o", str(tree / "cleaned"), "-q"]) == 0
    assert main(["clean", str(tree), "-o", str(tree / "cleaned"), "-q"]) == 0
    assert not (tree / "cleaned" / "cleaned").exists()


def test_interrupted_run_leaves_no_partial_output(tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = []

    def interrupt(self: corpus.JsonlJob, record: object, text: str | None, metadata: object) -> None:
        written.append(record)
        if len(written) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(corpus.JsonlJob, "accept", interrupt)
    out = tmp_path / "out"
    assert main(["clean", str(tree / "docs.jsonl"), "-o", str(out), "-q"]) == 130
    assert not out.exists() or not any(out.iterdir())
    assert not list(tmp_path.rglob("*.tmp"))


def test_parquet_is_cleaned_row_group_by_row_group(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = [DIRTY, None, "ok\n", "x  \r\n"] * 5
    table = pa.table({"id": list(range(20)), "content": texts})
    source = tmp_path / "d.parquet"
    pq.write_table(table, source, row_group_size=6)
    out = tmp_path / "out.parquet"
    assert main(["clean", str(source), "-o", str(out), "--field", "content", "--metadata-field", "m", "-q"]) == 0
    cleaned = pq.ParquetFile(out)
    assert cleaned.num_row_groups == 4
    result = cleaned.read()
    assert result.column("id").to_pylist() == list(range(20))
    assert result.column("content").to_pylist() == [None if t is None else cleaners.clean(t) for t in texts]
    assert result.column("m").to_pylist()[1] is None
    assert "UC101" in json.loads(result.column("m").to_pylist()[0])["changed_by"]


def test_parquet_without_the_field_fails_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pq.write_table(pa.table({"body": ["a"]}), tmp_path / "d.parquet")
    shutil.copy(tmp_path / "d.parquet", tmp_path / "e.parquet")
    (tmp_path / "f.txt").write_text("fine\n", "utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(tmp_path / "d.parquet"), str(tmp_path / "f.txt"), "-o", str(out), "-q"]) == 2
    assert "no column 'text'" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["f.txt"]


def test_several_inputs_need_an_output(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", str(tree)]) == 2
    assert "need -o" in capsys.readouterr().err
