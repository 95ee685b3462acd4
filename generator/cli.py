"""The `mentor-directory` command: check profiles, start a new one, write the pages for any engine."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path

import yaml

from . import clock, settings
from .maintainers import fromissue, newprofile, ownership, stale
from .maintainers.gitdiff import GitError
from .maintainers.importer import run as run_import
from .maintainers.summary import summarise
from .offline.archive import cmd_offline_zip
from .profiles import loader, problems, yaml_strict
from .profiles.characters import shown
from .profiles.photocheck import unused as unused_photos
from .profiles.problems import ProfileError
from .profiles.validate import Rules, profile, rules_for
from .site import build
from .site.export import write_directory, zensical_project


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 clean, 1 problems, 2 bad usage)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mentor-directory",
        description="Check mentor profiles and build the mentor directory.",
    )
    commands = parser.add_subparsers(metavar="COMMAND")

    check = commands.add_parser("check", help="check profiles and print every problem with its line")
    check.add_argument(
        "paths", nargs="*", type=Path, default=[Path("mentors")], help="files or folders (default: mentors/)"
    )
    check.add_argument("--format", choices=["text", "github", "json"], default="text", help="how to print problems")
    check.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the programme's rules from this")
    _add_today(check)
    check.set_defaults(func=cmd_check)

    new = commands.add_parser("new", help="create a new profile from the template")
    new.add_argument("--name", help="your name as students should see it")
    new.add_argument("--email", help="the address students write to")
    new.add_argument("--slug", help="the file name to use, without .yml (default: made from your name)")
    new.add_argument("--dir", type=Path, default=Path("mentors"), help="the profiles folder (default: mentors/)")
    new.add_argument(
        "--from-issue",
        metavar="FILE",
        help="make the profile from a saved 'Add me as a mentor' issue body (- for stdin)",
    )
    _add_today(new)
    new.set_defaults(func=cmd_new)

    generate = commands.add_parser("generate", help="write the directory's pages as Markdown for any site engine")
    generate.add_argument("--out", type=Path, required=True, help="the folder to write into")
    generate.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read settings from this file")
    _add_today(generate)
    generate.set_defaults(func=cmd_generate)

    owner = commands.add_parser("ownership", help="say whether a pull request's author may merge it on their own")
    owner.add_argument("--author", required=True, help="the GitHub user name of the pull request's author")
    _add_refs(owner)
    owner.add_argument("--format", choices=["text", "github"], default="text", help="plain lines or workflow commands")
    owner.set_defaults(func=cmd_ownership)

    summary_ = commands.add_parser("summary", help="Markdown for a pull request's job summary: profiles and problems")
    _add_refs(summary_)
    _add_today(summary_)
    summary_.set_defaults(func=cmd_summary)

    stale_ = commands.add_parser("stale", help="list profiles due for reconfirmation and those already hidden")
    stale_.add_argument(
        "path", nargs="?", type=Path, help="the profiles folder (default: from mkdocs.yml, or mentors/)"
    )
    stale_.add_argument("--format", choices=["text", "markdown", "json"], default="text", help="how to print the list")
    stale_.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the month limits from this file")
    _add_today(stale_)
    stale_.set_defaults(func=cmd_stale)

    _add_import(commands)
    _add_zensical(commands)

    zip_ = commands.add_parser("offline-zip", help="zip the offline build for download, the same bytes every time")
    zip_.add_argument("site_dir", type=Path, metavar="SITE_DIR", help="the build of mkdocs-offline.yml")
    zip_.add_argument("out", type=Path, metavar="OUT.zip", help="the zip file to write")
    zip_.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the site's name from this file")
    _add_today(zip_)
    zip_.set_defaults(func=cmd_offline_zip)
    return parser


def _add_import(commands: argparse._SubParsersAction) -> None:
    import_ = commands.add_parser("import", help="turn a CSV or JSON list of mentors into profiles, each checked")
    import_.add_argument("file", type=Path, metavar="FILE", help="a .csv (from a form or a sheet) or .json")
    import_.add_argument("--out", type=Path, default=Path("mentors"), help="the profiles folder (default: mentors/)")
    import_.add_argument("--map", type=Path, metavar="MAP.yml", help="which column fills which field")
    import_.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the programme's rules from this")
    _add_today(import_)
    import_.set_defaults(func=lambda a: run_import(a.file, a.out, a.map, a.config, a.today or clock.build_date()))


def _add_zensical(commands: argparse._SubParsersAction) -> None:
    zensical = commands.add_parser("zensical", help="write a ready Zensical project: directory, guidance, assets")
    zensical.add_argument("--out", type=Path, required=True, help="a new or empty folder to write the project into")
    zensical.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="read the site's settings from this")
    _add_today(zensical)
    zensical.set_defaults(func=cmd_zensical)


def cmd_zensical(args: argparse.Namespace) -> int:
    """Write a Zensical project; nothing is written if the settings, the folder or a profile is wrong."""
    try:
        today = args.today or clock.build_date(args.config.parent)
        count = zensical_project(args.config, args.out, today)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except build.ProfilesInvalid as exc:
        for problem in exc.problems:
            print(problem.text(), file=sys.stderr)
        return 1
    print(f"Wrote a Zensical project with {count} directory pages to {args.out}. Build it there with: zensical build")
    return 0


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


def cmd_check(args: argparse.Namespace) -> int:
    """Validate profiles; exit 1 if any has an error."""
    try:
        programme, _ = settings.load(args.config, args.today or clock.build_date())
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        print(f"{args.config}: error: {exc}", file=sys.stderr)
        return 2
    result = loader.load(args.paths, rules_for(programme))
    result.problems += unused_photos(args.paths)
    found = sorted(result.problems, key=lambda p: (p.path, p.line, p.col))
    if args.format == "json":
        print(problems.to_json(found))
    else:
        for problem in found:
            print(problem.github() if args.format == "github" else problem.text())
        if result.files == 0 and not found:
            print(_nothing_found(args.paths))
        else:
            print(problems.summary(found, result.files))
    return 0 if result.ok else 1


def _nothing_found(paths: list[Path]) -> str:
    where = ", ".join(shown(f"{p}/" if p.is_dir() else str(p)) for p in paths)
    return (
        f"No profiles were found in {where}: a profile is a .yml file there whose name does not start "
        "with '_' (such as mentors/ada-okafor.yml). Add one with: mentor-directory new"
    )


def cmd_new(args: argparse.Namespace) -> int:
    """Write mentors/<slug>.yml from the template, asking for what the flags did not give."""
    if getattr(args, "from_issue", None) is not None:
        return cmd_new_from_issue(args)
    folder: Path = args.dir
    template_path = folder / loader.TEMPLATE_FILE
    try:
        template = loader.read_text(template_path)
    except ProfileError as exc:
        print(f"{template_path}: error: {exc.message}", file=sys.stderr)
        return 2
    interactive = sys.stdin.isatty()
    name = args.name or _ask("Your name, as students should see it", interactive)
    email = args.email or _ask("The email address students should write to", interactive)
    if name is None or email is None:
        print("error: give --name and --email (or run this in a terminal to be asked)", file=sys.stderr)
        return 2
    today = args.today or clock.build_date()
    text = newprofile.fill(template, name.strip(), email.strip(), today)
    errors = _errors_in(text, folder, today)
    if errors:
        for line in errors:
            print(f"error: {line}", file=sys.stderr)
        return 1
    slug = args.slug or _choose_slug(name, email, interactive)
    if not loader.SLUG.match(slug):
        print(f"error: '{slug}' is not a file name we can use: lowercase letters, digits and hyphens.", file=sys.stderr)
        return 2
    path = folder / f"{newprofile.free_slug(folder, slug)}.yml"
    path.write_text(text, encoding="utf-8")
    print(f"Created {path}. Open it, replace the example values, then run: mentor-directory check {path}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write every generated page as Markdown (front matter + HTML), plus photos and assets."""
    root = args.config.parent
    try:
        text = loader.read_text(args.config)
        today = args.today or clock.build_date(root)
        config, profiles = settings.from_mkdocs_yml(text, today)
        built = build.build(root / profiles, config)
    except ProfileError as exc:
        print(f"{args.config}:{exc.line}:{exc.col}: error: {exc.message}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"{args.config}: error: {exc}", file=sys.stderr)
        return 2
    except build.ProfilesInvalid as exc:
        for problem in exc.problems:
            print(problem.text(), file=sys.stderr)
        return 1
    count = write_directory(built, args.out)
    print(f"Wrote {count} pages to {args.out}.")
    return 0


def _ask(prompt: str, interactive: bool) -> str | None:
    if not interactive:
        return None
    answer = input(f"{prompt}: ").strip()
    return answer or None


def _choose_slug(name: str, email: str, interactive: bool) -> str:
    slug, from_name = newprofile.proposed_slug(name, email)
    if from_name:
        return slug
    if interactive:
        answer = input(
            f"Your name has no Latin letters, so the file needs another name. Use '{slug}'? [Enter, or type one]: "
        )
        return answer.strip() or slug
    print(f"Note: the file is named '{slug}.yml' after your email address; run again with --slug to choose another.")
    return slug


def _errors_in(text: str, folder: Path, today: dt.date) -> list[str]:
    """What is wrong with the name or email given, checked by the same rules as every profile."""
    doc = yaml_strict.parse(text)
    vocab, _ = loader.load_vocabulary(folder / loader.VOCABULARY_FILE)
    rules = dataclasses.replace(_programme_rules(today), photos_dir=folder / "photos")
    _, found = profile(doc, "new", folder / "new.yml", vocab, rules)
    return [message for line, col, severity, message in found if severity == "error"]


def _programme_rules(today: dt.date) -> Rules:
    """The checking rules of the programme in this folder's mkdocs.yml, or the defaults."""
    try:
        return rules_for(settings.load(Path("mkdocs.yml"), today)[0])
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):
        return Rules(today=today)  # a broken mkdocs.yml is the build's to report, not a new mentor's


def cmd_new_from_issue(args: argparse.Namespace) -> int:
    """Write a profile from an 'Add me as a mentor' issue body, or say what the issue still needs."""
    try:
        today = args.today or clock.build_date()
        made = fromissue.make(fromissue.read_body(args.from_issue), args.dir, today, _programme_rules(today))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if made.errors:
        print(fromissue.refusal(args.from_issue, made.errors), file=sys.stderr)
        return 1
    slug = args.slug or _choose_slug(made.name, made.email, False)
    if not loader.SLUG.match(slug):
        print(f"error: '{slug}' is not a file name we can use: lowercase letters, digits and hyphens.", file=sys.stderr)
        return 2
    try:
        path = fromissue.write(made, args.dir / f"{newprofile.free_slug(args.dir, slug)}.yml")
    except OSError as exc:
        print(f"error: the profile cannot be written: {exc}", file=sys.stderr)
        return 2
    print(f"Created {path} from the issue. Read it through, then run: mentor-directory check {path}")
    return 0


def cmd_ownership(args: argparse.Namespace) -> int:
    """Exit 0 if the author may merge on their own, 1 if a maintainer must review, 2 if git cannot tell."""
    if not args.author.strip():
        print("error: --author is empty: give the pull request author's GitHub user name.", file=sys.stderr)
        return 2
    try:
        findings = ownership.check(args.author, args.base, args.head, args.repo)
    except GitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print("\n".join(ownership.report(findings, args.format)))
    return 1 if any(not f.ok for f in findings) else 0


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the pull request's job summary as Markdown."""
    try:
        text = summarise(args.base, args.head, args.repo, args.today or clock.build_date())
    except GitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


def cmd_stale(args: argparse.Namespace) -> int:
    """List profiles to reconfirm; the list is information, so it exits 0 unless the usage is wrong."""
    today = args.today or clock.build_date()
    try:
        warn, hide, folder = stale.limits(args.config, today, args.path)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    found = stale.report([folder], today, warn, hide)
    print({"json": stale.as_json, "markdown": stale.markdown}.get(args.format, stale.text)(found))
    return 0
