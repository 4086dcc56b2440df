"""The fact model stays usable from scripts: importing it loads no Textual."""

from __future__ import annotations

import subprocess
import sys


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
