"""``klantinteracties bench seed | run | compare``."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import typer

from klantinteracties.settings import get_settings

# The commands import their machinery when they run: `klantinteracties --help`, `serve` and the
# other commands must not pay for (or depend on) the load driver and the data generator.
bench_app = typer.Typer(help="Benchmarks: generate data, load a server.", no_args_is_help=True)
DEFAULT_TOKEN_FILE = Path("bench-token.txt")


def _database_url() -> str:
    return get_settings().resolved_database_url()


@bench_app.command("seed")
def seed_command(
    tier: Annotated[str, typer.Option(help="S (10k partijen), M (100k) or L (1M).")] = "S",
    reset: Annotated[bool, typer.Option(help="Delete existing data first.")] = False,
    token_file: Annotated[
        Path, typer.Option(help="Where to write the API key.")
    ] = DEFAULT_TOKEN_FILE,
) -> None:
    """Fill the database (DATABASE_URL) with generated data; deterministic per tier."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from klantinteracties.core.db import Database

    from .generate import TIERS
    from .seed import NotEmpty, seed

    chosen = TIERS.get(tier.upper())
    if chosen is None:
        raise typer.BadParameter("choose S, M or L", param_hint="--tier")
    rows = 0

    async def work(progress: Progress) -> None:
        task = progress.add_task(f"tier {chosen.name}", total=chosen.partijen)

        def advance(done: int, written: int) -> None:
            nonlocal rows
            rows += written
            progress.update(task, completed=done, description=f"tier {chosen.name}: {rows:,} rows")

        db = Database(_database_url())
        try:
            result = await seed(
                db, chosen, reset_first=reset, token_file=token_file, progress=advance
            )
        finally:
            await db.dispose()
        progress.stop()
        typer.echo(f"Seeded tier {chosen.name} in {result.seconds:.1f} s:")
        for name, count in result.rows.items():
            typer.echo(f"  {name:22} {count:>10,}")
        typer.echo(f"API token (identifier 'bench') written to {token_file}")

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with Progress(*columns) as progress:
            asyncio.run(work(progress))
    except NotEmpty as exc:
        typer.echo(f"Not seeded: {exc}.", err=True)
        raise typer.Exit(1) from None


@bench_app.command("run")
def run_command(
    url: Annotated[
        str, typer.Option(help="Server to load (ignored with --spawn).")
    ] = "http://127.0.0.1:8000",
    spawn: Annotated[
        bool, typer.Option(help="Start `klantinteracties serve` for the run.")
    ] = False,
    workers: Annotated[int, typer.Option(help="Server worker processes (with --spawn).")] = 1,
    server_pid: Annotated[
        int | None, typer.Option(help="Server pid, for CPU/RSS (default: asked via /_bench/stats).")
    ] = None,
    concurrency: Annotated[int, typer.Option(help="Concurrent clients.")] = 50,
    requests: Annotated[int, typer.Option(help="Requests per request type.")] = 1000,
    mix: Annotated[int, typer.Option(help="Requests of the weighted mix (0: none).")] = 5000,
    soak: Annotated[
        int, typer.Option(help="Extra mix requests that sample server memory (0: none).")
    ] = 0,
    rate: Annotated[
        float | None, typer.Option(help="Open loop: total requests per second.")
    ] = None,
    warmup: Annotated[int, typer.Option(help="Unmeasured requests before each phase.")] = 50,
    only: Annotated[
        list[str] | None, typer.Option(help="Request type(s) to run; repeatable.")
    ] = None,
    token: Annotated[
        str | None, typer.Option(help="API key (default: --token-file, else a new one).")
    ] = None,
    token_file: Annotated[Path, typer.Option(help="File with the API key.")] = DEFAULT_TOKEN_FILE,
    server_log: Annotated[
        Path, typer.Option(help="Output of the spawned server (errors land here).")
    ] = Path("bench-server.log"),
    output: Annotated[Path | None, typer.Option(help="Write the JSON report here.")] = None,
) -> None:
    """Load a server over HTTP; report req/s, latency, CPU, SQL statements and memory."""
    from .driver import BenchError, bench_run
    from .report import summary
    from .run import RunConfig, RunFailed
    from .workload import BY_NAME

    unknown = [name for name in only or [] if name not in BY_NAME]
    if unknown:
        raise typer.BadParameter(f"unknown: {', '.join(unknown)}; known: {', '.join(BY_NAME)}")
    config = RunConfig(
        base_url=url.rstrip("/"),
        token="",
        database_url=_database_url(),
        server_pid=server_pid,
        concurrency=concurrency,
        requests=requests,
        mix_requests=mix,
        warmup=warmup,
        types=list(only or BY_NAME),
        rate=rate,
        soak=soak,
    )
    try:
        report = asyncio.run(
            bench_run(
                config,
                spawn=spawn,
                workers=workers,
                token=token,
                token_file=token_file,
                server_log=server_log if spawn else None,
            )
        )
    except (BenchError, RunFailed) as exc:
        typer.echo(f"Cannot run: {exc}.", err=True)
        raise typer.Exit(1) from None
    if output is not None:  # first: a long run's data must survive a failing printout
        output.write_text(json.dumps(report, indent=2) + "\n")
    typer.echo(summary(report))
    if output is not None:
        typer.echo(f"\nJSON report written to {output}")


@bench_app.command("compare")
def compare_command(
    small: Annotated[Path, typer.Argument(help="JSON report of the smaller tier.")],
    big: Annotated[Path, typer.Argument(help="JSON report of the bigger tier.")],
) -> None:
    """Growth of the cost per request from one report to another (1.00x = flat)."""
    from .report import growth_table

    typer.echo(growth_table(json.loads(small.read_text()), json.loads(big.read_text())))
