"""The wheel carries the default fact base: installed anywhere, `check` works from any directory."""

from __future__ import annotations

import os
import re
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_installed_wheel_runs_from_anywhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = wheels.glob("liaoning_tui-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert "liaoning_tui/data/facts.toml" in names
    assert "liaoning_tui/data/liaoning-map.json" in names
    assert any(name.endswith(".data/data/share/man/man1/liaoning-tui.1") for name in names)
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    own_site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    dependencies = "\n".join(site.getsitepackages())
    Path(own_site, "_dependencies.pth").write_text(dependencies + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            "--force-reinstall",
            str(wheel),
        ],
        check=True,
    )
    assert (
        env_dir / "share" / "man" / "man1" / "liaoning-tui.1"
    ).is_file()  # beside bin/: man finds it
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    for command in (
        [str(env_dir / "bin" / "liaoning-tui"), "check"],
        [str(python), "-m", "liaoning_tui", "check"],
    ):
        result = subprocess.run(command, cwd=elsewhere, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert ": ok: " in result.stdout
        assert str(env_dir) in result.stdout.split(": ok: ")[0]

    boundaries = (
        "from liaoning_tui.geo.boundaries import load_boundaries as b; print(b().cities[0])"
    )
    mapped = subprocess.run(
        [str(python), "-c", boundaries], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert mapped.returncode == 0, mapped.stderr
    assert "name='Shenyang', name_zh='沈阳'" in mapped.stdout

    script = elsewhere / "example.py"
    script.write_text(_readme_example(), encoding="utf-8")
    ran = subprocess.run([str(python), str(script)], env=env, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert "Siasun Robot & Automation Co" in ran.stdout
    typed = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-executable", str(python), str(script)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert typed.returncode == 0, typed.stdout


def _readme_example() -> str:
    """The README's script example: its one Python block, which uses the model from a script."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    return str(block)
