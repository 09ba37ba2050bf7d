"""Command-line commands for outside data: ``ceasefire schema`` and ``ceasefire convert``.

``convert`` turns an ACLED or UCDP GED export into an ordinary event file, which
``ceasefire status --events`` then reads like any other. The adapters are
imported inside each command, so the command line starts quickly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .cli import EXIT_USER_ERROR, main

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@main.command()
@click.argument("kind", type=click.Choice(["agreement", "events", "rules"]))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write the schema to this file instead of printing it.")
def schema(kind: str, out: Path | None) -> None:
    """Print the JSON Schema of an agreement, event or mapping-rule file.

    Point your editor at it to check files as you write them. Example:
    ceasefire schema events --out docs/schemas/events.schema.json
    """
    from .schema import schema_text

    text = schema_text(kind)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)


@main.group()
def convert() -> None:
    """Turn a dataset export into an ordinary event file for `ceasefire status --events`."""


def _common(command: Any) -> Any:
    options = [
        click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The event file to write (YAML)."),
        click.option("--agreement", type=_FILE, help="Agreement file; by default the bundled 2020 statement."),
        click.option("--rules", type=_FILE, help="Mapping-rule file. With the bundled statement, 'convert acled' uses its bundled ACLED rules by default; no UCDP GED rules ship, so 'convert ucdp' links no event unless given one."),
        click.option("--no-rules", is_flag=True, help="Make no links: every event is written unlinked."),
        click.option("--zone", help="Zone the export's dates are read in; by default the agreement's local zone."),
        click.option("--skip-bad-rows", is_flag=True, help="Write the rows that can be read and list the others, instead of refusing the file."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@convert.command("acled")
@click.argument("export", type=_FILE)
@click.option("--deletions", type=_FILE, help="ACLED's deleted-events file (event_id_cnty, deleted_timestamp).")
@_common
def convert_acled_command(export: Path, deletions: Path | None, **options: Any) -> None:
    """Convert an ACLED export (CSV, or API JSON) into an event file.

    Example: ceasefire convert acled acled.csv --deletions deleted.csv --out acled-events.yaml
    """
    from .adapters import convert_acled

    agreement, rules = _setup(options, "ACLED")
    done = convert_acled(export, agreement=agreement, rules=rules, zone=options["zone"], deletions=deletions)
    _write(done, export, "ACLED", options)


@convert.command("ucdp")
@click.argument("export", type=_FILE)
@click.option("--released", help="The date the GED version was released: every row's version, and the reported time of rows without source dates.")
@_common
def convert_ucdp_command(export: Path, released: str | None, **options: Any) -> None:
    """Convert a UCDP GED CSV file into an event file.

    Example: ceasefire convert ucdp GEDEvent_v24_1.csv --released 2024-06-01 --rules my-ged-rules.yaml --out ged-events.yaml
    """
    from .adapters import convert_ucdp

    agreement, rules = _setup(options, "UCDP GED")
    done = convert_ucdp(export, agreement=agreement, rules=rules, zone=options["zone"], released=released)
    _write(done, export, "UCDP GED", options)


def _setup(options: dict[str, Any], dataset: str) -> tuple[Any, Any]:
    from . import bundled
    from .adapters import load_rules
    from .loading import load_agreement

    agreement = load_agreement(options["agreement"]) if options["agreement"] else bundled.agreement()
    if options["no_rules"]:
        return agreement, None
    if options["rules"]:
        return agreement, load_rules(options["rules"])
    if options["agreement"] is None and dataset == "ACLED":
        return agreement, load_rules(bundled.DATA / "rules" / "nk-2020-acled.yaml")
    return agreement, None


def _write(done: Any, export: Path, dataset: str, options: dict[str, Any]) -> None:
    import yaml

    ctx = click.get_current_context()
    for problem in done.problems:
        click.echo(f"bad row: {problem}", err=True)
    if done.problems and not options["skip_bad_rows"]:
        click.echo(f"error: {len(done.problems)} rows of {export} could not be read; nothing written (use --skip-bad-rows to write the others)", err=True)
        ctx.exit(EXIT_USER_ERROR)
    data = done.log.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    header = f"# Events read from {export} ({dataset}) by `ceasefire convert`.\n# {done.summary()}\n"
    options["out"].write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    click.echo(f"{done.summary()}\nwrote {options['out']}")


@main.command()
@click.option("--agreement", type=_FILE, help="Agreement file (YAML or JSON); by default the bundled 2020 statement.")
@click.option("--events", multiple=True, type=_FILE, help="Event file; repeat for several.")
@click.option("--history", "event_ids", multiple=True, help="Also list every version and deletion of this event id; repeat for several.")
def data(agreement: Path | None, events: tuple[Path, ...], event_ids: tuple[str, ...]) -> None:
    """List the files the evidence comes from: events, records, deletions and newest timestamp of each.

    Example: ceasefire data --events first.yaml --events later.yaml --history AZE1001
    """
    from .cli import make_tracker

    tracker = make_tracker(agreement, events)
    for source in tracker.data_sources():
        click.echo(str(source))
    histories = {event_id: tracker.history(event_id) for event_id in event_ids}
    for event_id, history in histories.items():
        click.echo(f"history of {event_id}:")
        for revision in history:
            click.echo(f"  {revision}")
