"""Render the directory's pages as HTML fragments, in an autoescaping Jinja environment of our own.

Every page is a `Page`: where it goes, its title and description, and its body. The site
engine only wraps bodies in its layout; nothing here knows which engine that is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .. import wording
from ..profiles import bio, vocabulary
from ..profiles.model import Mentor
from ..profiles.vocabulary import Vocabulary
from ..settings import STUDENT_FIELDS, Settings, fill_template
from . import contact, environment, kept, mailto
from .cards import (
    BLANK,
    Card,
    hue,
    initials,
    latin_form,
    long_date,
    scheme_labels,
    scheme_names,
    status_text,
    topic_phrase,
)
from .directory import KINDS, Directory, Group
from .photos import Photo

LINK_LABELS = {
    "website": "Website",
    "linkedin": "LinkedIn",
    "orcid": "ORCID",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "github": "GitHub",
}
SETTINGS_SCRIPT = "assets/mentor-directory/settings.js"
GROUP_LEADS = {  # a browse index's noun and verb; each group page's lead is a counted phrase (wording.py)
    "topics": ("topic", "who talk about it"),
    "sectors": ("sector", "who work in it"),
    "countries": ("country", "based there"),
    "languages": ("language", "who speak it"),
}


@dataclass(frozen=True)
class Page:
    """One page of the directory. `path` is its folder URL relative to the site root, ending in '/'."""

    path: str
    title: str
    description: str
    body: str

    def markdown(self) -> str:
        """The page as Markdown for any site engine: YAML front matter, then the HTML body."""
        meta = {"title": self.title, "description": self.description}
        # Values are JSON strings (valid YAML, always quoted); a brace is written as a \u escape, so that no
        # engine that reads template tags in front matter finds one.
        front = "\n".join(f"{key}: {_inert(json.dumps(value, ensure_ascii=False))}" for key, value in meta.items())
        return f"---\n{front}\n---\n\n{_entities(self.body)}\n"


# Jekyll, Eleventy, Hugo and MkDocs with macros read '{{', '{%' and '{#' in a page as template code. The
# generated HTML has no braces of its own (no inline scripts or styles), so every brace came from a
# profile: as an HTML entity it shows the same and runs nothing.
def _entities(html: str) -> str:
    return html.replace("{", "&#123;").replace("}", "&#125;")


def _inert(text: str) -> str:
    return text.replace("{", "\\u007b").replace("}", "\\u007d")


class Renderer:
    """Turns the directory into pages, with links relative to each page."""

    def __init__(
        self,
        directory: Directory,
        vocab: Vocabulary,
        settings: Settings,
        photos: dict[str, Photo],
        cache: Path | None = None,
    ) -> None:
        """`cache`: where mentor pages are kept between builds (site/kept.py); None: not kept."""
        self.kept = kept.folder(cache, "pages", vocab, settings)
        self.keys = kept.Keys(photos)
        self.directory = directory
        self.vocab = vocab
        self.settings = settings
        self.photos = photos
        labels = scheme_labels(settings.scheme)
        # What every template may use, whatever the page: set once, so macros compile once.
        self.env = environment.make(
            today=settings.today,
            index="" if settings.directory_urls else "index.html",
            photo_path=self._photo_path,
            hue=hue,
            initials=initials,
            long_date=long_date,
            country_name=self.country_name,
            topic_label=self.topic_label,
            sector_label=lambda slug: vocab.sectors[slug].label,
            scheme_label=labels.__getitem__,
            link_label=LINK_LABELS.__getitem__,
            status_text=lambda m: status_text(m, settings.today),
            latin_form=latin_form,
            topic_phrase=topic_phrase,
            card_view=self.card_view,
            blank_card=BLANK,
            say=wording.say,
        )

    def assets(self) -> dict[str, str]:
        """Scripts the pages share, generated from the settings: path -> text."""
        email = {
            "subject": self.settings.subject_template,
            "body": self.settings.body_template,
            "programme": self.settings.programme,
            "scheme": self.settings.scheme,
            "placeholders": STUDENT_FIELDS,
            "max": mailto.MAX_LINK,
        }
        script = f"window.mentorDirectory = {json.dumps({'email': email}, ensure_ascii=False, sort_keys=True)};\n"
        return {SETTINGS_SCRIPT: script}

    def engine_pages(self) -> Iterator[Page]:
        """The few pages the site engine renders itself: the directory's first page and the browse indexes."""
        yield self.directory_page(1)
        for kind, groups in self.directory.groups.items():
            yield self.group_index(kind, groups)

    def generated_pages(self, part: int = 0, parts: int = 1) -> Iterator[Page]:
        """The pages that grow with the directory, or every `parts`-th of them from `part` on."""
        count = self.directory_page_count()
        makers = [(self.directory_page, n) for n in range(2, count + 1)]
        makers += [(self.mentor_page, m) for m in self.directory.mentors]
        makers += [(self.group_page, g) for groups in self.directory.groups.values() for g in groups]
        for make, item in makers[part::parts]:
            yield self._kept_page(make, item)

    def _kept_page(self, make, item) -> Page:
        """A generated page, kept from an earlier build if nothing it is made from has changed."""
        entry = self._entry(item)
        if (fields := kept.unpack_page(self.kept.get(entry))) is not None:
            return Page(*fields)
        page = make(item)
        self.kept.put(entry, kept.pack_page(page.path, page.title, page.description, page.body))
        return page

    def _entry(self, item: Mentor | Group | int) -> str:
        """The key of what a page is made from, besides the build's context (site/kept.py)."""
        if isinstance(item, Mentor):
            return self.keys.mentor(item)
        if isinstance(item, Group):
            return self.keys.listing(item.mentors, "group", item.kind, item.key, item.label)
        return self.keys.listing(self._chunk(item), "directory", str(item), str(len(self.directory.mentors)))

    # -- pages -------------------------------------------------------------------------

    def mentor_page(self, m: Mentor) -> Page:
        path = f"mentors/{m.slug}/"
        html = self._render(
            "mentor.html",
            path,
            m=m,
            bio_html=jinja2.filters.Markup(bio.to_html(m.bio)),
            edit_url=self._edit_url(m),
            report_url=contact.report_link(m, self.settings),
            **self._contact(m),
        )
        return Page(path, m.name, f"{m.headline}. {self.country_name(m.country)}.", html)

    def _contact(self, m: Mentor) -> dict:
        """The contact section's values: the mentor's address only for a one-off conversation."""
        found = contact.contact(m, self.settings, scheme_names(self.settings.scheme))
        values = dict(contact=found, asks=contact.ASKS, schemes_page=contact.SCHEMES_PAGE)
        if found.kind != "ask":
            return values
        topics = [topic_phrase(self.topic_label(t)) for t in m.topics]
        topic = topics[0]
        fields = dict(STUDENT_FIELDS, why=contact.why_prompt(m, topic))
        filled = dict(mentor_name=m.name, programme=self.settings.programme, scheme=self.settings.scheme, topic=topic)
        filled |= fields
        subject = fill_template(self.settings.subject_template, filled)
        body = fill_template(self.settings.body_template, filled)
        return values | dict(
            mx=mailto.obfuscate(m.email),
            mailto=mailto.link(m.email, subject, body),
            why_prompt=fields["why"],
            why_hint=contact.why_hint(m, topics),
        )

    def group_page(self, group: Group) -> Page:
        path = f"{group.kind}/{group.key}/"
        lead = wording.say(f"group_{group.kind}", len(group.mentors), label=group.label)
        html = self._render(
            "group.html", path, mentors=group.mentors, kind=group.kind, kind_label=KINDS[group.kind], lead=lead
        )
        return Page(path, f"Mentors: {group.label}", f"{lead}.", html)

    def group_index(self, kind: str, groups: tuple[Group, ...]) -> Page:
        path = f"{kind}/"
        noun, verb = GROUP_LEADS[kind]
        html = self._render("group_index.html", path, groups=groups, kind=kind, noun=noun, verb=verb)
        return Page(path, f"Mentors by {noun}", f"Browse the mentor directory by {noun}.", html)

    def directory_page_count(self) -> int:
        return max(1, -(-len(self.directory.mentors) // self.settings.cards_per_page))

    def directory_page(self, number: int) -> Page:
        mentors = self.directory.mentors
        size = self.settings.cards_per_page
        path = self.directory_path(number)
        chunk = self._chunk(number)
        html = self._render(
            "directory.html",
            path,
            mentors=chunk,
            number=number,
            pages=self.directory_page_count(),
            total=len(mentors),
            first=(number - 1) * size + 1,
            last=(number - 1) * size + len(chunk),
            page_link=lambda n: self.link(self.directory_path(n), path),
        )
        title = "Find a mentor" if number == 1 else f"Find a mentor: page {number}"
        description = "Search alumni who offer a conversation to students, by topic, country, sector and language."
        return Page(path, title, description, html)

    def _chunk(self, number: int) -> list[Mentor]:
        """The mentors on the directory's page `number`."""
        size = self.settings.cards_per_page
        return self.directory.mentors[(number - 1) * size : number * size]

    @staticmethod
    def directory_path(number: int) -> str:
        return "mentors/" if number == 1 else f"directory/{number}/"

    # -- helpers -----------------------------------------------------------------------

    def link(self, target: str, here: str) -> str:
        """A relative URL from the page at `here` to the folder URL `target`."""
        prefix = "../" * here.count("/")
        if self.settings.directory_urls:
            return prefix + target or "./"
        return prefix + target + "index.html"

    def doc_link(self, doc: str, here: str) -> str:
        """A relative URL to a page the site engine renders from `doc`.md (a guidance page)."""
        if self.settings.directory_urls:
            return self.link(doc + "/", here)
        return "../" * here.count("/") + doc + ".html"

    def _render(self, template: str, path: str, **context) -> str:
        return self.env.get_template(template).render(
            root="../" * path.count("/"),
            link=lambda target: self.link(target, path),
            doc_link=lambda doc: self.doc_link(doc, path),
            **context,
        )

    def _photo_path(self, m: Mentor, size: str) -> str | None:
        photo = self.photos.get(m.slug)
        return photo.path(size) if photo else None

    def card_view(self, m: Mentor) -> Card:
        """What the card of a mentor shows."""
        photo = self._photo_path(m, "card")
        latin = latin_form(m)
        return Card(
            slug=m.slug,
            name=m.name,
            latin=latin or None,
            pronouns=m.pronouns or None,
            headline=m.headline,
            status=m.status(self.settings.today),
            status_text=status_text(m, self.settings.today),
            schemes=tuple(scheme_names(self.settings.scheme)[s] for s in m.schemes),
            country=self.country_name(m.country),
            languages=", ".join(vocabulary.languages()[code] for code in m.languages),
            topics=tuple(self.topic_label(t) for t in m.topics),
            photo=photo,
            initials=None if photo else initials(m.name),
            hue=hue(m.slug),
            unconfirmed=m.last_confirmed is None,
        )

    def topic_label(self, slug: str) -> str:
        return self.vocab.topics[slug].label

    @staticmethod
    def country_name(code: str) -> str:
        return vocabulary.countries()[code]

    def _edit_url(self, m: Mentor) -> str | None:
        if not self.settings.repo_url:
            return None
        repo = self.settings.repo_url.rstrip("/")
        return f"{repo}/edit/{self.settings.edit_branch}/{self.settings.profiles_dir}/{m.slug}.yml"
