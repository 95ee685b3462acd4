"""What each `mentor-directory` command does; errors are raised with their exit status, printed by `cli.main`."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml

from . import clock, settings
from .maintainers import fromissue, newprofile, ownership, stale
from .maintainers.gitdiff import GitError
from .maintainers.importer import run as run_import
from .maintainers.summary import summarise
from .offline.archive import build_copy, write_zip
from .profiles import loader, problems, yaml_strict
from .profiles.characters import shown
from .profiles.photocheck import unused as unused_photos
from .profiles.problems import ProfileError
from .profiles.validate import Rules, profile, rules_for
from .site import build
from .site.export import write_directory, zensical_project
from .site.render import long_date
from .wording import say


class CommandError(Exception):
    """Something the person running the command must fix (usage, a file, git): one line, exit status 2."""

    exit_code = 2

    def __init__(self, message: str, where: str | Path = "") -> None:
        super().__init__(message)
        self.message, self.where = message, str(where)

    def show(self) -> None:
        """Print the error to stderr, naming the file when there is one."""
        print(f"{self.where}: error: {self.message}" if self.where else f"error: {self.message}", file=sys.stderr)


class Refused(CommandError):
    """The input was read and has problems (profiles, an issue, a new profile): exit status 1."""

    exit_code = 1

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))

    def show(self) -> None:
        """Print every problem, one a line."""
        print(self.message, file=sys.stderr)


@contextmanager
def reading(where: str | Path = "") -> Iterator[None]:
    """Turn what goes wrong reading files, profiles or git into the command's error, naming `where`."""
    try:
        yield
    except ProfileError as exc:
        raise CommandError(exc.message, f"{where}:{exc.line}:{exc.col}" if where else "") from None
    except build.ProfilesInvalid as exc:
        raise Refused([problem.text() for problem in exc.problems]) from None
    except (OSError, ValueError, yaml.YAMLError, GitError) as exc:  # UnicodeDecodeError is a ValueError
        raise CommandError(str(exc), where) from None


def cmd_check(args: argparse.Namespace) -> int:
    """Validate profiles; exit 1 if any has an error."""
    with reading(args.config):
        programme, folder = settings.load(args.config, args.today or clock.build_date())
    paths = args.paths or [folder]
    result = loader.load(paths, rules_for(programme))
    result.problems += unused_photos(paths)
    found = sorted(result.problems, key=lambda p: (p.path, p.line, p.col))
    if args.format == "json":
        print(problems.to_json(found))
    else:
        for problem in found:
            print(problem.github() if args.format == "github" else problem.text())
        if result.files == 0 and not found:
            print(_nothing_found(paths))
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
    """Write <profiles folder>/<slug>.yml from the template, asking for what the flags did not give."""
    if args.from_issue is not None:
        return cmd_new_from_issue(args)
    today = args.today or clock.build_date()
    rules, folder = _programme(args, today)
    template_path = folder / loader.TEMPLATE_FILE
    try:
        template = loader.read_text(template_path)
    except ProfileError as exc:
        raise CommandError(exc.message, template_path) from None
    interactive = sys.stdin.isatty()
    name = args.name or _ask("Your name, as students should see it", interactive)
    email = args.email or _ask("The email address students should write to", interactive)
    if name is None or email is None:
        raise CommandError("give --name and --email (or run this in a terminal to be asked)")
    text = newprofile.fill(template, name.strip(), email.strip(), today)
    errors = _errors_in(text, folder, rules)
    if errors:
        raise Refused([f"error: {line}" for line in errors])
    slug = _usable(args.slug or _choose_slug(name, email, interactive))
    path = folder / f"{newprofile.free_slug(folder, slug)}.yml"
    path.write_text(text, encoding="utf-8")
    print(f"Created {path}. Open it, replace the example values, then run: mentor-directory check {path}")
    return 0


def _usable(slug: str) -> str:
    if not loader.SLUG.match(slug):
        raise CommandError(f"'{slug}' is not a file name we can use: lowercase letters, digits and hyphens.")
    return slug


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


def _errors_in(text: str, folder: Path, rules: Rules) -> list[str]:
    """What is wrong with the name or email given, checked by the same rules as every profile."""
    doc = yaml_strict.parse(text)
    vocab, _ = loader.load_vocabulary(folder / loader.VOCABULARY_FILE)
    rules = dataclasses.replace(rules, photos_dir=folder / "photos")
    _, found = profile(doc, "new", folder / "new.yml", vocab, rules)
    return [message for line, col, severity, message in found if severity == "error"]


def _programme(args: argparse.Namespace, today: dt.date) -> tuple[Rules, Path]:
    """The checking rules and profiles folder (--dir, else mkdocs.yml's) of the programme in --config."""
    try:
        programme, folder = settings.load(args.config, today)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError):
        # A broken mkdocs.yml is the build's to report, not a new mentor's.
        programme, folder = settings.Settings(today=today), args.config.parent / settings.Settings.profiles_dir
    return rules_for(programme), args.dir or folder


def cmd_new_from_issue(args: argparse.Namespace) -> int:
    """Write a profile from an 'Add me as a mentor' issue body, or say what the issue still needs."""
    today = args.today or clock.build_date()
    rules, folder = _programme(args, today)
    with reading():
        made = fromissue.make(fromissue.read_body(args.from_issue), folder, today, rules)
    if made.errors:
        raise Refused([fromissue.refusal(args.from_issue, made.errors)])
    slug = _usable(args.slug or _choose_slug(made.name, made.email, False))
    try:
        path = fromissue.write(made, folder / f"{newprofile.free_slug(folder, slug)}.yml")
    except OSError as exc:
        raise CommandError(f"the profile cannot be written: {exc}") from None
    print(f"Created {path} from the issue. Read it through, then run: mentor-directory check {path}")
    return 0


def cmd_generate(args: argparse.Namespace) -> int:
    """Write every generated page as Markdown (front matter + HTML), plus photos and assets."""
    root = args.config.parent
    with reading(args.config):
        text = loader.read_text(args.config)
        config, profiles = settings.from_mkdocs_yml(text, args.today or clock.build_date(root))
        built = build.build(root / profiles, config)
    count = write_directory(built, args.out, root)
    print(f"Wrote {say('pages', count)} to {args.out}.")
    return 0


def cmd_zensical(args: argparse.Namespace) -> int:
    """Write a Zensical project; nothing is written if the settings, the folder or a profile is wrong."""
    with reading():
        count = zensical_project(args.config, args.out, args.today or clock.build_date(args.config.parent))
    print(f"Wrote a Zensical project with {count} directory pages to {args.out}. Build it there with: zensical build")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Turn a CSV or JSON list of mentors into checked profiles (by default into mkdocs.yml's profiles folder)."""
    today = args.today or clock.build_date()
    if args.out is None:
        with reading(args.config):
            args.out = settings.load(args.config, today)[1]
    return run_import(args.file, args.out, args.map, args.config, today)


def cmd_ownership(args: argparse.Namespace) -> int:
    """Exit 0 if the author may merge on their own, 1 if a maintainer must review, 2 if git cannot tell."""
    if not args.author.strip():
        raise CommandError("--author is empty: give the pull request author's GitHub user name.")
    with reading():
        findings = ownership.check(args.author, args.base, args.head, args.repo)
    print("\n".join(ownership.report(findings, args.format)))
    return 1 if any(not f.ok for f in findings) else 0


def cmd_summary(args: argparse.Namespace) -> int:
    """Print the pull request's job summary as Markdown."""
    with reading():
        text = summarise(args.base, args.head, args.repo, args.today or clock.build_date())
    sys.stdout.write(text)
    return 0


def cmd_stale(args: argparse.Namespace) -> int:
    """List profiles to reconfirm; the list is information, so it exits 0 unless the usage is wrong."""
    today = args.today or clock.build_date()
    with reading():
        programme, folder = stale.programme(args.config, today, args.path)
    found = stale.report([folder], programme)
    print({"json": stale.as_json, "markdown": stale.markdown}.get(args.format, stale.text)(found))
    return 0


def cmd_offline_zip(args: argparse.Namespace) -> int:
    """`offline-zip OUT.zip` builds the offline copy from --config and packs it; `SITE_DIR OUT.zip` packs a build."""
    if len(args.paths) > 2:
        raise CommandError("give OUT.zip (or SITE_DIR OUT.zip to pack an offline copy already built)")
    *given, out = args.paths
    day = args.today or clock.build_date(args.config.resolve().parent)
    with reading(args.config):
        programme, _ = settings.load(args.config, day)
        if not given and not args.config.is_file():
            raise ValueError("no such file: run this where mkdocs.yml is, or give --config")
    name = programme.site_name or "the mentor directory"
    with tempfile.TemporaryDirectory(prefix="mentor-directory-offline-") as tmp:
        site = given[0] if given else Path(tmp) / "site"
        with reading():
            if not given:  # built apart, so the site/ of the hosted build is left as it is
                build_copy(args.config, site, day)
            count = write_zip(site, out, name, day, programme.site_url)
    print(f"Wrote {out}: {say('files', count)} of the offline copy, built {long_date(day)}.")
    return 0
