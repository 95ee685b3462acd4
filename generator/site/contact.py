"""How a student may reach a mentor, by the schemes the mentor chose: ask, join a scheme, or wait.

Only a mentor in the one-off scheme who is not paused is written to directly. A mentor who
mentors only in matched or group mentoring is reached through the coordinators, who arrange
those schemes: the page never holds that mentor's address, in any form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..profiles.model import Mentor
from ..settings import STUDENT_FIELDS, Settings, fill_template
from . import mailto

ONE_OFF = "ask-an-alum"
# The schemes page gives each scheme's section the scheme's own slug as its id.
SCHEMES_PAGE = "guide/schemes"

# "What you are asking for", as the composer offers it: (value, label, the sentence in the email).
ASKS = (
    (
        "call",
        "A 20-minute call",
        "Would you have time for a 20-minute call in the next few weeks? I can fit around your diary.",
    ),
    ("email", "A short answer by email", "Could you answer my question in a short email, whenever suits you?"),
)

JOIN_SUBJECT = "{scheme}: I would like to join"
JOIN_BODY = """Dear coordinators,

I would like to join {scheme} in the {programme}. I read the profile of {mentor_name} in the directory, and I would be glad to work with them if that is possible.

My name is {student_name} and I am studying {student_course}.

What I hope to get from it: {goal}

With thanks,
{student_name}
"""  # noqa: E501
GOAL = "[your goal, in one or two sentences]"


@dataclass(frozen=True)
class Join:
    """One scheme the coordinators arrange: its name, its section of the schemes page, and an email to join."""

    scheme: str
    name: str
    mailto: str | None


@dataclass(frozen=True)
class Contact:
    """What the profile's contact section offers: `kind` is "ask", "join" or "paused"."""

    kind: str
    joins: tuple[Join, ...]
    paused_until: dt.date | None = None


def kind(m: Mentor, today: dt.date) -> str:
    """The contact section's kind: "paused", "ask" (one-off conversations) or "join" (coordinated schemes only)."""
    if m.status(today) == "paused" or not m.schemes:  # no scheme chosen: no one to ask yet
        return "paused"
    return "ask" if ONE_OFF in m.schemes else "join"


def contact(m: Mentor, settings: Settings, names: dict[str, str]) -> Contact:
    """The contact section's facts for one mentor; `names` are the schemes' short names on the site."""
    joins = tuple(_join(m, settings, scheme, names[scheme]) for scheme in m.schemes if scheme != ONE_OFF)
    until = m.paused_until if m.paused_until and m.paused_until > settings.today else None
    return Contact(kind(m, settings.today), joins, until)


def _join(m: Mentor, settings: Settings, scheme: str, name: str) -> Join:
    link = None
    if settings.contact:
        values = dict(STUDENT_FIELDS, scheme=name, programme=settings.programme, mentor_name=m.name, goal=GOAL)
        subject = fill_template(JOIN_SUBJECT, values)
        link = mailto.link(settings.contact, subject, fill_template(JOIN_BODY, values))
    return Join(scheme, name, link)


def why_hint(m: Mentor, topics: list[str]) -> str:
    """The hint under "Why this person?", naming the mentor's headline and first topics."""
    return (
        f"Something specific in their profile that made you choose them: for example what they do now "
        f"(\u201c{m.headline}\u201d), or their experience in {' or '.join(topics[:2])}."
    )


def why_prompt(m: Mentor, topic: str) -> str:
    """The "why this person" placeholder, naming what the student could mention from the profile."""
    return f"[Why you chose {m.name}: something specific in their profile, such as their work on {topic}.]"


def report_link(m: Mentor, settings: Settings) -> str | None:
    """A pre-filled email to the coordinators about an outdated profile, when there is a contact."""
    if not settings.contact:
        return None
    file = f"{settings.profiles_dir}/{m.slug}.yml"
    body = (
        f"Hello,\n\nThe profile of {m.name} ({file}) looks out of date.\n\n"
        "What is wrong: [for example, they have changed job, or the email bounced]\n"
    )
    return mailto.link(settings.contact, f"Outdated profile: {m.name}", body)
