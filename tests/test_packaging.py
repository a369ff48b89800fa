"""The wheel carries the rule files, and an installed copy loads them from inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_wheel_ships_rule_files_and_loads_them(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    shipped = {Path(name).name for name in names if name.startswith("cleaners/_rules/")}
    assert shipped == {p.name for p in (ROOT / "rules").glob("*.toml")}
    assert "cleaners/py.typed" in names
    probe = (
        "import cleaners.registry as r; d = r.builtin_rules_dir(); "
        "assert d.name == '_rules', d; "
        "assert any(rule.origin.endswith('.toml') for rule in r.all_rules()); print('ok')"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path / "site")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "ok"
