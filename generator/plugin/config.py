"""The plugin's options in mkdocs.yml, each with what it sets; every default is Settings' own."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..settings import Settings


class MentorDirectoryConfig(base.Config):
    profiles = c.Type(str, default=Settings.profiles_dir)
    """The folder of profile files, relative to mkdocs.yml."""
    programme = c.Type(str, default=Settings.programme)
    """The programme's name, as students see it."""
    scheme = c.Type(str, default=Settings.scheme)
    """The name of the one-off conversation scheme, used in the email subject."""
    contact = c.Type(str, default=Settings.contact)
    """The coordinators' email address."""
    edit_branch = c.Type(str, default=Settings.edit_branch)
    """The branch that 'Edit this profile' and 'Become a mentor' links open."""
    email_subject = c.Type(str, default=Settings.subject_template)
    """Subject of the pre-filled email; placeholders in braces."""
    email_body = c.Type(str, default=Settings.body_template)
    """Body of the pre-filled email; placeholders in braces."""
    warn_after_months = c.Type(int, default=Settings.warn_after_months)
    """Warn about profiles not confirmed for this many months."""
    hide_after_months = c.Type(int, default=Settings.hide_after_months)
    """Leave profiles not confirmed for this many months off the site."""
    cards_per_page = c.Type(int, default=Settings.cards_per_page)
    """Mentor cards on each page of the directory without JavaScript."""
    min_bio_length = c.Type(int, default=Settings.min_bio_length)
    """The fewest characters a bio may have."""
    imported_profiles = c.Type(str, default=Settings.imported_profiles)
    """'show' imported profiles not yet confirmed, marked as such, or 'hide' them until confirmed."""
