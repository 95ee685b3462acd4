"""What a programme decides about its directory, independent of the site engine."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

DEFAULT_SUBJECT = "{scheme}: a conversation about {topic}"
DEFAULT_BODY = """Dear {mentor_name},

My name is {student_name} and I am studying {student_course}. I found your profile in the {programme} directory and I am writing because of your experience in {topic}.

{question}

Would you have time for a 20 to 30 minute call, or a short exchange of emails, in the next few weeks? I would also be grateful to know whom else you think I could talk to about this.

I know your time is limited, so please don't worry if now is not a good moment: a short no is completely fine.

With thanks,
{student_name}
"""  # noqa: E501

# What the student fills in: shown as these placeholders when the page has no JavaScript.
STUDENT_FIELDS = {
    "student_name": "[your name]",
    "student_course": "[your course and year]",
    "question": "[Your specific question, in one or two sentences.]",
}
TEMPLATE_FIELDS = ("mentor_name", "topic", "programme", "scheme", *STUDENT_FIELDS)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True)
class Settings:
    """A programme's choices: names, contact, email wording, freshness and layout."""

    today: dt.date
    programme: str = "Alumni Mentoring Programme"
    scheme: str = "Ask An Alum"
    contact: str = ""
    repo_url: str = ""
    edit_branch: str = "main"
    profiles_dir: str = "mentors"
    subject_template: str = DEFAULT_SUBJECT
    body_template: str = DEFAULT_BODY
    warn_after_months: int = 11
    hide_after_months: int = 12
    cards_per_page: int = 30
    directory_urls: bool = True
    extra: dict = field(default_factory=dict)


def template_problems(template: str) -> list[str]:
    """Placeholders in an email template that nothing fills in."""
    return sorted({name for name in _PLACEHOLDER.findall(template) if name not in TEMPLATE_FIELDS})


def fill_template(template: str, values: dict[str, str]) -> str:
    """Replace {name} placeholders; anything else in braces is left as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
