"""`make system-deps`, the first step of `make run` and `make test` on a fresh Debian machine.

The recipe runs with a PATH of stand-ins only: `apt-get` records what it was asked for, `sudo`
resets the environment as the real one does, and nothing is installed.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
MAKE = shutil.which("make")
ALL_PACKAGES = "python3.11-venv chromium fonts-noto-cjk poppler-utils"

APT_GET = """#!/bin/bash
echo "DEBIAN_FRONTEND=${DEBIAN_FRONTEND:-} apt-get $*" >> "$APT_LOG"
"""
# The real sudo keeps almost nothing of the caller's environment (env_reset).
SUDO = """#!/bin/bash
echo "sudo" >> "$APT_LOG"
exec /usr/bin/env -i PATH="$PATH" APT_LOG="$APT_LOG" "$@"
"""
PRESENT = {
    "chromium": "#!/bin/bash\n",
    "pdftoppm": "#!/bin/bash\n",
    "fc-list": '#!/bin/bash\necho "/usr/share/fonts/NotoSansCJK.ttc: Noto Sans CJK SC"\n',
}


@dataclass(frozen=True)
class Machine:
    root: bool
    sudo: bool
    complete: bool  # venv module, Chromium, the CJK font and poppler all present


def _stand_ins(bin_dir: Path, machine: Machine) -> None:
    scripts = {
        "apt-get": APT_GET,
        "id": f"#!/bin/bash\necho {0 if machine.root else 1000}\n",
        # `python3.11 -c "import ensurepip"` fails on Debian until python3.11-venv is in.
        "python3.11": f"#!/bin/bash\nexit {0 if machine.complete else 1}\n",
    }
    if machine.sudo:
        scripts["sudo"] = SUDO
    if machine.complete:
        scripts.update(PRESENT)
    for name, text in scripts.items():
        path = bin_dir / name
        path.write_text(text)
        path.chmod(0o755)
    for tool in ("grep", "env"):
        real = shutil.which(tool)
        assert real is not None
        (bin_dir / tool).symlink_to(real)


def _system_deps(tmp_path: Path, machine: Machine) -> tuple[subprocess.CompletedProcess[str], str]:
    assert MAKE is not None
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _stand_ins(bin_dir, machine)
    log = tmp_path / "apt.log"
    log.touch()
    result = subprocess.run(
        [MAKE, "--no-print-directory", "-f", str(REPO / "Makefile"), "system-deps"],
        cwd=tmp_path,
        env={"PATH": str(bin_dir), "APT_LOG": str(log), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return result, log.read_text()


INSTALL = f"DEBIAN_FRONTEND=noninteractive apt-get install -y -qq {ALL_PACKAGES}"


@pytest.mark.parametrize(
    ("machine", "calls"),
    [
        (Machine(root=True, sudo=False, complete=True), []),
        (
            Machine(root=True, sudo=False, complete=False),
            ["DEBIAN_FRONTEND= apt-get update -qq", INSTALL],
        ),
        (
            Machine(root=False, sudo=True, complete=False),
            ["sudo", "DEBIAN_FRONTEND= apt-get update -qq", "sudo", INSTALL],
        ),
    ],
    ids=["everything_present", "fresh_machine_as_root", "fresh_machine_with_sudo"],
)
def test_system_deps_installs_what_is_missing_without_asking(
    tmp_path: Path, machine: Machine, calls: list[str]
) -> None:
    result, log = _system_deps(tmp_path, machine)
    assert result.returncode == 0, result.stderr
    assert log.splitlines() == calls


def test_system_deps_without_root_or_sudo_says_what_to_run(tmp_path: Path) -> None:
    result, log = _system_deps(tmp_path, Machine(root=False, sudo=False, complete=False))
    assert result.returncode != 0
    assert (
        f"请以 root 身份运行 apt-get install {ALL_PACKAGES}，然后重新运行 make。" in result.stderr
    )
    assert log == ""
