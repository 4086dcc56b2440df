"""The fact model stays usable from scripts: importing it loads no Textual and switches nothing
process-wide."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path


def test_model_imports_no_textual() -> None:
    code = (
        "import sys\n"
        "import liaoning_tui.facts, liaoning_tui.facts.display, liaoning_tui.facts.periods\n"
        "liaoning_tui.facts.load_default()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in {'textual', 'rich'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_nothing_but_the_command_line_touches_the_collector() -> None:
    """The model never touches the garbage collector; the one setting is at the command's start."""
    src = Path(__file__).resolve().parents[1] / "src" / "liaoning_tui"
    touching = sorted(
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if re.search(r"^\s*(import gc|from gc import)", path.read_text(), flags=re.MULTILINE)
    )
    # The fork server starts the explorers it forks, so it sets the same thresholds as cli.py.
    assert touching == ["cli.py", "serve/forkserver.py"]
    code = (
        "import gc\n"
        "before = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())\n"
        "import liaoning_tui.facts\n"
        "from liaoning_tui.facts.cache import load_cached\n"
        "import tempfile, pathlib\n"
        "cache = pathlib.Path(tempfile.mkdtemp())\n"
        "load_cached(liaoning_tui.facts.default_path(), cache)\n"
        "load_cached(liaoning_tui.facts.default_path(), cache)\n"
        "print(before == (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "True"
