"""The README's example outputs are the real outputs of the commands they show.

Run `python tests/test_readme.py` to rewrite the blocks after a change to an example.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(
    r"(<!-- example-output[^>]*-->\n```console\n\$ (comply [^\n]*)\n)"
    r"(.*?)(```\n<!-- /example-output -->)",
    re.DOTALL,
)


def real_output(command: str) -> str:
    sys.path.insert(0, str(ROOT))
    from comply.cli import main

    result = CliRunner().invoke(main, shlex.split(command)[1:], catch_exceptions=False)
    assert result.exit_code == 0
    return result.output


def test_readme_shows_the_real_outputs() -> None:
    blocks = BLOCK.findall(README.read_text(encoding="utf-8"))
    assert len(blocks) == 4, "README lost an example-output block"
    for _, command, shown, _ in blocks:
        assert shown == real_output(command), "run: python tests/test_readme.py"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(
        BLOCK.sub(lambda m: m.group(1) + real_output(m.group(2)) + m.group(4), text),
        encoding="utf-8",
    )
