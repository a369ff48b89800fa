"""The ``cleaners`` command: ``clean``, ``explain`` and ``rules``.

``cleaners clean`` takes files, folders (walked recursively), globs, JSONL (``.jsonl``,
``.jsonl.gz``) and Parquet files, or ``-`` for stdin (bytes in, UTF-8 out); with ``-o DIR``
it mirrors the input tree, cleaning in ``--jobs`` worker processes.

Exit codes: 0 ok, 1 ``--check`` found something to change, 2 some input failed
(the others are still processed) or the command line was wrong.
"""

from __future__ import annotations

import argparse
import codecs
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cleaners.batch import default_jobs
from cleaners.corpus import CHECK, DIFF, WRITE, CorpusRun, RunOptions, total_bytes
from cleaners.formats import TEXT, format_of
from cleaners.io import STDIN, Source, iter_sources
from cleaners.loader import RuleFileError
from cleaners.model import Result
from cleaners.pipeline import Pipeline
from cleaners.profiles import load_profiles
from cleaners.progress import Progress
from cleaners.registry import all_rules, find_rule
from cleaners.report import format_changes

EXIT_OK, EXIT_CHANGED, EXIT_FAILED = 0, 1, 2


class UserError(Exception):
    """A problem with the command line, reported as one line without a traceback."""


def _codes(value: str) -> list[str]:
    return [code.strip() for code in value.split(",") if code.strip()]


def _jobs(value: str) -> int:
    jobs = int(value)
    if jobs < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return jobs


def _encoding(value: str) -> str:
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding {value!r}") from None


def _pipeline_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", default="auto", help="profile to run (default: auto; see 'cleaners rules')")
    parser.add_argument(
        "--select", type=_codes, help="only these rules: codes, prefixes, names or groups, comma-separated"
    )
    parser.add_argument("--ignore", type=_codes, default=[], help="leave out these rules (same forms as --select)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="add the rule files of DIR")
    parser.add_argument("--encoding", type=_encoding, help="decode inputs with this encoding instead of detecting it")
    parser.add_argument(
        "--front-matter",
        choices=["keep", "strip"],
        default="keep",
        help="keep YAML front matter in the text (default) or strip it; it is parsed into metadata either way",
    )
    parser.add_argument("--keep-images", action="store_true", help="keep markdown images instead of removing stubs")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaners", description="Repair damaged scraped text, above all Chinese web text."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    clean = commands.add_parser("clean", help="clean files, folders, globs, JSONL, Parquet or stdin (-)")
    clean.add_argument(
        "inputs",
        nargs="*",
        metavar="PATH",
        help="files, folders (walked recursively), globs (quoted: 'data/**/*.jsonl'), or - for stdin",
    )
    clean.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help="where to write (mirrors the input tree); required for several inputs",
    )
    mode = clean.add_mutually_exclusive_group()
    mode.add_argument("--diff", action="store_true", help="print a unified diff instead of writing output")
    mode.add_argument("--check", action="store_true", help="write nothing; exit 1 when anything would change")
    clean.add_argument("--explain", action="store_true", help="print the change log on stderr")
    batch = clean.add_argument_group("batch")
    batch.add_argument(
        "-j", "--jobs", type=_jobs, default=None, help=f"worker processes (default: the cores, {default_jobs()})"
    )
    batch.add_argument("--field", default="text", help="JSONL/Parquet: the field to clean (default: text)")
    batch.add_argument(
        "--metadata-field", metavar="NAME", help="JSONL/Parquet: add what the run extracted and changed in NAME"
    )
    batch.add_argument("--resume", action="store_true", help="skip inputs whose output is already complete")
    batch.add_argument("--report", metavar="FILE", help="write the run's summary as JSON to FILE")
    verbosity = batch.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    verbosity.add_argument("-v", "--verbose", action="store_true", help="name each output written or skipped")
    _pipeline_options(clean)

    explain = commands.add_parser("explain", help="what each rule changes, line by line")
    explain.add_argument("inputs", nargs="+", metavar="PATH")
    _pipeline_options(explain)

    rules = commands.add_parser("rules", help="list every rule, or show one rule's documentation")
    rules.add_argument("code", nargs="?", help="a rule code or name")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR", help="add the rule files of DIR")
    return parser


def _make_pipeline(args: argparse.Namespace) -> Pipeline:
    options: dict[str, Any] = {"front_matter": args.front_matter, "keep_images": args.keep_images}
    if args.encoding:
        options["encoding"] = args.encoding
    return Pipeline(args.profile, select=args.select, ignore=args.ignore, rules_dirs=args.rules, **options)


def _sources(inputs: Sequence[str]) -> tuple[list[Source], int]:
    sources, failed = [], 0
    for item in iter_sources(inputs):
        if isinstance(item, Source):
            sources.append(item)
        else:
            print(f"cleaners: {item[0]}: {item[1]}", file=sys.stderr)
            failed += 1
    return sources, failed


def _is_single(inputs: Sequence[str]) -> bool:
    """One named file (or stdin): its output may go to stdout or to the file ``-o`` names."""
    return len(inputs) == 1 and (inputs[0] == STDIN or Path(inputs[0]).is_file())


def cmd_clean(args: argparse.Namespace) -> int:
    if not args.inputs:
        raise UserError("no input given; name files or folders, or - for stdin")
    single = _is_single(args.inputs)
    mode = CHECK if args.check else DIFF if args.diff else WRITE
    if not single and args.output is None and mode == WRITE:
        raise UserError("several inputs need -o/--output DIR (or --diff or --check)")
    pipeline = _make_pipeline(args)
    one_document = single and (args.inputs[0] == STDIN or format_of(Path(args.inputs[0])) == TEXT)
    jobs = args.jobs or (1 if one_document else default_jobs())
    options = RunOptions(
        output=args.output,
        single=single,
        mode=mode,
        explain=args.explain,
        field=args.field,
        metadata_field=args.metadata_field,
        resume=args.resume,
        jobs=jobs,
        quiet=args.quiet,
        verbose=args.verbose,
    )
    show_bar = not args.quiet and sys.stderr.isatty()
    progress = Progress(sys.stderr, total_bytes(args.inputs) if show_bar else None, enabled=show_bar)
    run = CorpusRun(args.inputs, pipeline, options, progress)
    summary = run.run()
    names = {rule.code: rule.name for rule in pipeline.rules}
    if args.report:
        summary.write_json(Path(args.report), names)
    if not args.quiet and (args.verbose or (args.output is not None and not one_document)):
        sys.stderr.write(summary.format(names))
    if summary.error_count:
        return EXIT_FAILED
    return EXIT_CHANGED if mode == CHECK and run.would_clean else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    pipeline = _make_pipeline(args)
    sources, failed = _sources(args.inputs)
    for source in sources:
        try:
            result: Result = pipeline.explain(source.read())
        except OSError as exc:
            print(f"cleaners: {source.name}: {exc.strerror or exc}", file=sys.stderr)
            failed += 1
            continue
        sys.stdout.write(format_changes(source.name, result.changes))
        print(f"{source.name}: metadata {json.dumps(result.metadata, ensure_ascii=False, default=str)}")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    rules = all_rules(tuple(args.rules))
    if args.code:
        rule = find_rule(args.code, rules)
        if rule is None:
            raise UserError(f"no rule with code or name {args.code!r}")
        print(
            f"{rule.code} {rule.name}  (stage: {rule.stage.label}"
            + (f", when: {rule.when}" if rule.when else "")
            + ("" if rule.default else ", off by default")
            + f", defined in {rule.origin})\n"
        )
        print(rule.doc)
        for example in rule.examples:
            print("\nExample" + (f" (profile {example.profile})" if example.profile else "") + ":")
            print("  input:    " + json.dumps(example.input, ensure_ascii=False))
            expected = example.expected if example.expected is not None else example.input
            print(
                "  expected: "
                + json.dumps(expected, ensure_ascii=False)
                + ("" if example.expected is not None else "  (unchanged)")
            )
        return EXIT_OK
    print(f"{'code':<7} {'name':<28} {'stage':<12} {'when':<12} summary")
    for rule in rules:
        when = (rule.when or "") + ("" if rule.default else " (off)")
        print(f"{rule.code:<7} {rule.name:<28} {rule.stage.label:<12} {when:<12} {rule.summary}  [{rule.origin}]")
    print("\nprofiles: " + ", ".join(load_profiles(tuple(args.rules))))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"clean": cmd_clean, "explain": cmd_explain, "rules": cmd_rules}[args.command]
    try:
        return handler(args)
    except (UserError, RuleFileError, ValueError) as exc:
        print(f"cleaners: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("cleaners: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
