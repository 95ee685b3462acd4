"""Which web addresses a profile may link to: https only, no user name, each kind of link on its own hosts."""

from __future__ import annotations

from urllib.parse import urlsplit

import idna

# The hosts each kind of link may point at, compared after IDNA normalisation, so a lookalike
# (a Cyrillic 'і' in 'linkedіn.com') is a different host. A leading '.' allows any subdomain.
# None: any host (a website, or a Mastodon server, which can be anyone's).
HOSTS: dict[str, tuple[str, ...] | None] = {
    "website": None,
    "linkedin": ("linkedin.com", ".linkedin.com"),
    "orcid": ("orcid.org",),
    "mastodon": None,
    "bluesky": ("bsky.app",),
    "github": ("github.com",),
}
EXAMPLES = {
    "linkedin": "https://www.linkedin.com/in/your-name",
    "orcid": "https://orcid.org/0000-0002-1825-0097",
    "mastodon": "https://mastodon.social/@your-name",
    "bluesky": "https://bsky.app/profile/your-name.bsky.social",
    "github": "https://github.com/your-name",
}


def host(hostname: str) -> str | None:
    """A host name as the browser will look it up (IDNA, lower case, no final dot), or None if it is not one."""
    try:
        return idna.encode(hostname.rstrip("."), uts46=True).decode("ascii").lower()
    except (idna.IDNAError, UnicodeError, ValueError):
        return None


def problem(url: str) -> str | None:
    """Why an address cannot be linked to, or None if it can: https, a real host, no user name or password."""
    if any(ch.isspace() or ch == "\\" or ord(ch) < 0x20 for ch in url):
        return f"'{url}' has a space or a backslash in it: write the address exactly as the browser shows it."
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return f"'{url}' is not a web address: write the full address starting with https://."
    if parts.scheme.lower() != "https" or not url.lower().startswith("https://"):
        return f"The link '{url}' is not an https:// address: only https:// links are allowed."
    if "@" in parts.netloc:
        return f"'{url}' has a user name or password in it (the part before '@'): remove it."
    if not parts.hostname or host(parts.hostname) is None or "." not in parts.hostname.strip("."):
        return f"'{url}' has no real host name after https://: write the full address, such as https://example.org."
    return None


def wrong_host(kind: str, url: str) -> str | None:
    """Why a link of this kind cannot point where it does, or None; assumes `problem(url)` is None."""
    allowed = HOSTS.get(kind)
    parts = urlsplit(url)
    found = host(parts.hostname or "")
    if kind == "mastodon" and not parts.path.startswith("/@"):
        return f"'{url}' is not a Mastodon profile address: write it like {EXAMPLES['mastodon']}."
    if allowed is None or found is None:
        return None
    if any(found == h or (h.startswith(".") and found.endswith(h)) for h in allowed):
        return None
    return (
        f"'{url}' is not on {allowed[0]}, so it cannot be your {kind} link: "
        f"write it like {EXAMPLES[kind]}, or put other addresses under 'website'."
    )
