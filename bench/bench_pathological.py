"""Linear time on pathological input: every rule alone, and every profile, at N and 4N.

    python bench/bench_pathological.py [--size 262144] [--timeout 30] [--only CODE]

For each input kind (1 MB of spaces, of "a ", of "人 ", of "[ ", of "![](", of newlines,
of 锟斤拷, of mojibake fragments, of tokenized Chinese, a single 5 MB line...) it times
each rule at N and 4N characters and prints seconds per MB at 4N and time(4N)/time(N),
which stays near 4 for a linear rule. A measurement over --timeout seconds is cut off and
shown as such. Exit status 1 when any ratio exceeds 6 or any rule needs over 3 s/MB.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Callable
from types import FrameType

import cleaners
from cleaners.model import Context, Rule
from cleaners.profiles import load_profiles
from cleaners.registry import all_rules

UNIT = {
    "spaces": " ",
    "a-space": "a ",
    "han-space": "人 ",
    "bracket-space": "[ ",
    "image-open": "![](",
    "newlines": "\n",
    "kunjinkao": "锟斤拷",
    "mojibake": "æœ¬æŠ¥è®¯ï¼ˆ浣犲ソ ÄãºÃ ",
    "tokenized": "马斯克 等 千 名 科技 人士 比 GPT - 4 更 强大 的 AI系统 hom e . png 3 . 5亿\n",
    "wechat-ui": "预览时标签不可点\n微信扫一扫\n![](https://mmbiz.qpic.cn/a/640)\n",
    "dash-run": "-",
    "digits-dots": "1 . ",
}
ONE_LINE = "一段很长的没有换行的正文，包含 OpenAI 和 GPT-4 与 3.5亿。"


class Timeout(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Timeout


def timed(func: Callable[[], object], limit: float) -> float:
    """Seconds ``func`` takes, or ``inf`` when it runs past ``limit``."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        func()
    except Timeout:
        return float("inf")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - start


def make(kind: str, size: int) -> str:
    unit = UNIT.get(kind, ONE_LINE)
    return (unit * (size // len(unit) + 1))[:size]


def run_rule(rule: Rule, text: str) -> Callable[[], object]:
    ctx = Context({}, {rule.when: True} if rule.when else {}, True, {})
    return lambda: rule.apply(text, ctx)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1 << 18, help="N in characters (4N is timed too)")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--only", help="one rule code")
    args = parser.parse_args()
    kinds = [*UNIT, "one-line"]
    subjects: list[tuple[str, Callable[[str], Callable[[], object]]]] = [
        (rule.code, lambda text, rule=rule: run_rule(rule, text))
        for rule in all_rules()
        if not args.only or rule.code == args.only
    ]
    if not args.only:
        for name in sorted(load_profiles()):
            pipeline = cleaners.Pipeline(name)
            subjects.append((f"profile:{name}", lambda text, p=pipeline: lambda: p.clean(text)))
    worst_ratio, worst_rate, failed = (0.0, ""), (0.0, ""), False
    print(f"{'subject':<22} {'input':<14} {'s/MB@4N':>9} {'4N/N':>6}")
    for name, runner in subjects:
        for kind in kinds:
            small, big = make(kind, args.size), make(kind, 4 * args.size)
            t_small = timed(runner(small), args.timeout)
            t_big = timed(runner(big), args.timeout) if t_small != float("inf") else float("inf")
            mb = len(big.encode("utf-8")) / 1e6
            rate = t_big / mb
            ratio = t_big / t_small if t_small > 0 else 0.0
            if t_big > 0.05 or rate > 0.5:  # only what takes measurable time is worth a line
                print(f"{name:<22} {kind:<14} {rate:>9.3f} {ratio:>6.1f}")
            worst_rate = max(worst_rate, (rate, f"{name} {kind}"))
            if t_big > 0.05:  # ratios of tiny timings are noise
                worst_ratio = max(worst_ratio, (ratio, f"{name} {kind}"))
            failed |= rate > 3.0 or (t_big > 0.05 and ratio > 6.0)
    print(
        f"\nslowest: {worst_rate[0]:.3f} s/MB ({worst_rate[1]}); worst ratio: {worst_ratio[0]:.1f} ({worst_ratio[1]})"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
