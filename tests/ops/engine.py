"""Whether this machine can run containers: a docker or podman CLI that runs ``hello-world``.
``python -m tests.ops.engine`` prints the answer in one line (``.ci/run`` shows it)."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache


@cache
def container_engine() -> tuple[str | None, str]:
    """(the engine's program, "") when one runs containers, else (None, why not)."""
    reasons = []
    for name in ("docker", "podman"):
        program = shutil.which(name)
        if program is None:
            reasons.append(f"no {name} CLI")
            continue
        try:
            done = subprocess.run(
                [program, "run", "--rm", "hello-world"],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except subprocess.TimeoutExpired:
            reasons.append(f"{name} run hello-world took over 120 s")
            continue
        if done.returncode == 0:
            return program, ""
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[0]
        reasons.append(f"{name} cannot run containers ({last.strip()})")
    return None, "; ".join(reasons)


if __name__ == "__main__":
    engine, why = container_engine()
    if engine:
        print(f"container: {engine} runs containers; tests/ops/test_container.py builds the image")
    else:
        print(f"container: tests/ops/test_container.py image test SKIPPED: {why}")
