"""Score whole-page cleaning on bench/data/pages with the founders' ``score_pages.py``.

Usage (needs rapidfuzz, a bench-only tool)::

    .venv/bin/python bench/bench_pages.py [--data bench/data/pages] [--pages]
        [--scorer /work/shared/bench/score_pages.py]

Prints three runs of ``score_pages.py``: the pages as given to the package (``--py cleaners:clean``,
with the scorer's ``identity`` baseline), then the bare articles (``NN.bare.txt``: the same article
wrapped and segmented the same way, without any furniture) in the place of the pages. The bare run
is the floor that de-tokenization leaves; what the pages lose beyond it is furniture left behind or
article removed with it. ``--pages`` adds one line per page: gold paragraphs missing from the output
(``lost``; ``bare-lost`` says how many of them the bare article loses too) and ``extra`` lines, with
their first characters, so every failure can be read.
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import shutil
import subprocess
import sys
import tempfile
from types import ModuleType

import cleaners

ROOT = pathlib.Path(__file__).resolve().parent


def run_scorer(scorer: pathlib.Path, data: pathlib.Path) -> None:
    cmd = [sys.executable, str(scorer), str(data), "--py", "cleaners:clean"]
    print("$", " ".join(cmd[1:]), flush=True)
    subprocess.run(cmd, check=True)


def load_scorer(scorer: pathlib.Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_pages", scorer)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def per_page(scorer: ModuleType, data: pathlib.Path) -> None:
    for page in sorted(data.glob("*.page.txt")):
        gold = page.with_name(page.name.replace(".page.", ".gold.")).read_text(encoding="utf-8")
        bare = page.with_name(page.name.replace(".page.", ".bare.")).read_text(encoding="utf-8")
        golds = [scorer.lenient(p) for p in scorer.paras(gold)]
        out = cleaners.clean(page.read_text(encoding="utf-8"))
        found = scorer.lenient("\n".join(scorer.paras(out)))
        found_bare = scorer.lenient("\n".join(scorer.paras(cleaners.clean(bare))))
        lost = [p for p in golds if p not in found]
        extra = [
            x
            for x in (scorer.lenient(line.strip()) for line in out.split("\n"))
            if x and not any(x in p for p in golds)
        ]
        print(f"{page.name[:2]} lost={len(lost)} bare-lost={sum(p not in found_bare for p in lost)} extra={len(extra)}")
        for p in lost:
            print(f"   lost  {'(bare too) ' if p not in found_bare else ''}{p[:70]}")
        for x in extra:
            print(f"   extra {x[:70]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=pathlib.Path, default=ROOT / "data" / "pages")
    ap.add_argument("--scorer", type=pathlib.Path, default=pathlib.Path("/work/shared/bench/score_pages.py"))
    ap.add_argument("--pages", action="store_true", help="list each page's lost paragraphs and extra lines")
    args = ap.parse_args()
    print("# pages (the furniture and the article)")
    run_scorer(args.scorer, args.data)
    with tempfile.TemporaryDirectory() as tmp:
        for bare in sorted(args.data.glob("*.bare.txt")):
            stem = bare.name.split(".")[0]
            shutil.copy(bare, pathlib.Path(tmp) / f"{stem}.page.txt")
            shutil.copy(args.data / f"{stem}.gold.txt", pathlib.Path(tmp) / f"{stem}.gold.txt")
        print("# bare articles (no furniture: the de-tokenization floor)")
        run_scorer(args.scorer, pathlib.Path(tmp))
    if args.pages:
        per_page(load_scorer(args.scorer), args.data)


if __name__ == "__main__":
    main()
