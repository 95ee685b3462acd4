"""The `mentor-directory` command: check profiles, start a new one, write the pages for any engine."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import commands


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 clean, 1 problems found, 2 bad usage or input)."""
    parser = _parser()
    args = parser.parse_args(argv)  # bad usage: argparse prints it and exits 2
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except commands.CommandError as exc:  # the one place an error becomes output and an exit status
        exc.show()
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentor-directory",
        description="Check mentor profiles and build the mentor directory.",
    )
    subcommands = parser.add_subparsers(metavar="COMMAND")

    check = subcommands.add_parser("check", help="check profiles and print every problem with its line")
    check.add_argument(
        "paths", nargs="*", type=Path, help="files or folders (default: the profiles folder named in --config)"
    )
    check.add_argument("--format", choices=["text", "github", "json"], default="text", help="how to print problems")
    check.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the programme's rules from this")
    _add_today(check)
    check.set_defaults(func=commands.cmd_check)

    new = subcommands.add_parser("new", help="create a new profile from the template")
    new.add_argument("--name", help="your name as students should see it")
    new.add_argument("--email", help="the address students write to")
    new.add_argument("--slug", help="the file name to use, without .yml (default: made from your name)")
    new.add_argument("--dir", type=Path, help="the profiles folder (default: the one named in --config)")
    new.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the programme's rules from this")
    new.add_argument(
        "--from-issue",
        metavar="FILE",
        help="make the profile from a saved 'Add me as a mentor' issue body (- for stdin)",
    )
    _add_today(new)
    new.set_defaults(func=commands.cmd_new)

    generate = subcommands.add_parser("generate", help="write the directory's pages as Markdown for any site engine")
    generate.add_argument("--out", type=Path, required=True, help="the folder to write into")
    generate.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read settings from this file")
    _add_today(generate)
    generate.set_defaults(func=commands.cmd_generate)

    owner = subcommands.add_parser("ownership", help="say whether a pull request's author may merge it on their own")
    owner.add_argument("--author", required=True, help="the GitHub user name of the pull request's author")
    _add_refs(owner)
    owner.add_argument("--format", choices=["text", "github"], default="text", help="plain lines or workflow commands")
    owner.set_defaults(func=commands.cmd_ownership)

    summary_ = subcommands.add_parser(
        "summary", help="Markdown for a pull request's job summary: profiles and problems"
    )
    _add_refs(summary_)
    _add_today(summary_)
    summary_.set_defaults(func=commands.cmd_summary)

    stale_ = subcommands.add_parser("stale", help="list profiles due for reconfirmation and those already hidden")
    stale_.add_argument(
        "path", nargs="?", type=Path, help="the profiles folder (default: from mkdocs.yml, or mentors/)"
    )
    stale_.add_argument("--format", choices=["text", "markdown", "json"], default="text", help="how to print the list")
    stale_.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the month limits from this file")
    _add_today(stale_)
    stale_.set_defaults(func=commands.cmd_stale)

    _add_import(subcommands)
    _add_zensical(subcommands)

    zip_ = subcommands.add_parser(
        "offline-zip", help="build the offline copy and zip it for download, the same bytes every time"
    )
    zip_.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="[SITE_DIR] OUT.zip",
        help="the zip file to write; before it, an offline copy already built (OFFLINE=true mkdocs build)",
    )
    zip_.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="build the site this file describes")
    _add_today(zip_)
    zip_.set_defaults(func=commands.cmd_offline_zip)
    return parser


def _add_import(subcommands: argparse._SubParsersAction) -> None:
    import_ = subcommands.add_parser("import", help="turn a CSV or JSON list of mentors into profiles, each checked")
    import_.add_argument("file", type=Path, metavar="FILE", help="a .csv (from a form or a sheet) or .json")
    import_.add_argument("--out", type=Path, help="the profiles folder (default: the one named in --config)")
    import_.add_argument("--map", type=Path, metavar="MAP.yml", help="which column fills which field")
    import_.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the programme's rules from this")
    _add_today(import_)
    import_.set_defaults(func=commands.cmd_import)


def _add_zensical(subcommands: argparse._SubParsersAction) -> None:
    zensical = subcommands.add_parser("zensical", help="write a ready Zensical project: directory, guidance, assets")
    zensical.add_argument("--out", type=Path, required=True, help="a new or empty folder to write the project into")
    zensical.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the site's settings from this")
    _add_today(zensical)
    zensical.set_defaults(func=commands.cmd_zensical)


def _add_refs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", required=True, help="the branch or commit the pull request goes into")
    parser.add_argument("--head", default="HEAD", help="the pull request's branch or commit (default: HEAD)")
    parser.add_argument("--repo", type=Path, default=Path("."), help="the git checkout (default: here)")


def _add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=_date,
        default=None,
        help="check as of this date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH or today)",
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None
