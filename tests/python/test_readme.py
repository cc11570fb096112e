"""Every ```python block of README.md runs as written (each in a fresh namespace, in a scratch
working directory, on the Agg backend). The HTML comment on the line right before a block can
change that: ``<!-- readme-test: skip (reason) -->`` for a block that needs a network, a
scheduler or a long run; ``<!-- readme-test: pytester -->`` for a block that is a pytest test
file: it is run by pytest with the l2lab plugin and every test in it must pass."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

pytest_plugins = ["pytester"]

README = Path(__file__).resolve().parents[2] / "README.md"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)
MARK = re.compile(r"<!--\s*readme-test:\s*(skip|pytester)\b.*?-->\s*$")


def python_blocks(text: str) -> list[tuple[int, str, str | None]]:
    """(line number, code, marker comment or None) for each ```python block."""
    out = []
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        before = text[:m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        mark = MARK.search(before)
        out.append((line, m.group(1), mark.group(0) if mark else None))
    return out


BLOCKS = python_blocks(README.read_text(encoding="utf-8"))


def test_blocks_are_found_and_the_skip_marker_works() -> None:
    assert len(BLOCKS) >= 4 and any(b[2] and "pytester" in b[2] for b in BLOCKS)
    text = "a\n<!-- readme-test: skip (needs a scheduler) -->\n```python\nx = 1\n```\n" \
           "```python\ny = 2\n```\n"
    blocks = python_blocks(text)
    assert [(b[1], b[2] is not None) for b in blocks] == [("x = 1\n", True), ("y = 2\n", False)]


@pytest.mark.parametrize("line, code, skip", BLOCKS, ids=[f"README.md:{b[0]}" for b in BLOCKS])
def test_readme_block_runs(line: int, code: str, skip: str | None, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if skip and "pytester" in skip:
        pytester = request.getfixturevalue("pytester")
        pytester.makepyfile(test_readme_block=code)
        res = pytester.runpytest("-p", "no:l2lab", "-p", "l2lab.pytest_plugin",
                                 "-p", "no:cacheprovider")
        outcomes = res.parseoutcomes()
        assert res.ret == 0 and outcomes.get("passed", 0) >= 1, res.stdout.str()
        return
    if skip:
        pytest.skip(skip)
    import matplotlib.pyplot as plt

    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"readme_block_{line}"}
    try:
        exec(compile(code, f"README.md:{line}", "exec"), namespace)  # noqa: S102
    finally:
        plt.close("all")
