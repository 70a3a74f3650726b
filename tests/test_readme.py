"""The README's example output is the real output of the command it shows.

Run `python tests/test_readme.py` to rewrite the block after a change to the example.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COMMAND = "comply parcels examples/district-2012/parcels.csv --as-of 2012-08-31"
BLOCK = re.compile(
    r"(<!-- example-output[^>]*-->\n```console\n)(.*?)(```\n<!-- /example-output -->)", re.DOTALL
)


def real_output() -> str:
    sys.path.insert(0, str(ROOT))
    from cli import main

    result = CliRunner().invoke(main, COMMAND.split()[1:], catch_exceptions=False)
    assert result.exit_code == 0
    return f"$ {COMMAND}\n{result.output}"


def test_readme_shows_the_real_output() -> None:
    match = BLOCK.search(README.read_text(encoding="utf-8"))
    assert match, "README lost its example-output block"
    assert match.group(2) == real_output(), "run: python tests/test_readme.py"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(
        BLOCK.sub(lambda m: m.group(1) + real_output() + m.group(3), text), encoding="utf-8"
    )
