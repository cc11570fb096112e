"""The dependency direction of DESIGN.md, enforced on the sources.

core -> crypto -> l1 -> sim -> {channel, rollup} -> {fault, validity}: an area may include its own
headers and those of the areas below it, never one above. CMake linkage mirrors this; this test
catches an #include that linkage alone would not (headers are all on one include path).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CPP = ROOT / "cpp" / "l2lab"

# Each area and the areas it may include (transitively closed).
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "crypto": {"core", "crypto"},
    "l1": {"core", "crypto", "l1"},
    "sim": {"core", "crypto", "l1", "sim"},
    "channel": {"core", "crypto", "l1", "sim", "channel"},
    "rollup": {"core", "crypto", "l1", "sim", "rollup"},
    "fault": {"core", "crypto", "l1", "sim", "rollup", "fault"},
    "validity": {"core", "crypto", "l1", "sim", "rollup", "validity"},
}
INCLUDE = re.compile(r'#\s*include\s*[<"]l2lab/([a-z0-9_]+)/')


def _sources() -> list[Path]:
    return sorted(p for p in CPP.rglob("*") if p.suffix in {".hpp", ".cpp", ".h"})


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(CPP)))
def test_includes_respect_dependency_direction(path: Path) -> None:
    area = path.relative_to(CPP).parts[0]
    assert area in ALLOWED, f"unknown area {area!r}: add it to DESIGN.md's order and ALLOWED"
    text = path.read_text()
    for m in INCLUDE.finditer(text):
        target = m.group(1)
        assert target in ALLOWED[area], (
            f"{path.relative_to(ROOT)} (area {area}) includes l2lab/{target}/, "
            f"which is above it in the dependency direction"
        )


def test_core_does_no_io() -> None:
    """The core never prints or touches files (DESIGN.md)."""
    banned = re.compile(r"\b(std::cout|std::cerr|printf|fopen|std::ofstream|std::ifstream)\b")
    for path in _sources():
        hits = banned.findall(path.read_text())
        assert not hits, f"{path.relative_to(ROOT)} does I/O: {sorted(set(hits))}"
