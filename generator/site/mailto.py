"""`mailto:` links as RFC 6068 writes them, and the address kept out of the page's plain text."""

from __future__ import annotations

import base64
from urllib.parse import quote

MAX_LINK = 2000  # longer links are cut off by some mail clients and browsers


# RFC 3986's unreserved characters stay as they are; every other ASCII character is encoded.
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ASCII = str.maketrans({chr(c): f"%{c:02X}" for c in range(128) if chr(c) not in _UNRESERVED})


def encode(value: str) -> str:
    """Percent-encode UTF-8 as RFC 6068 asks: spaces as %20 (never +), and & # ? % = encoded."""
    if value.isascii():
        return value.translate(_ASCII)  # the same as quote() below, in one pass in C
    return quote(value, safe="", encoding="utf-8")


def address_part(address: str) -> str:
    """The address with every character but '@' percent-encoded, so no readable address is in the source.

    Encoded letters and digits are the same characters to any URI reader (RFC 3986, 6.2.2.2);
    the '@' is a delimiter in RFC 6068's grammar, so it stays as it is.
    """
    return "@".join("".join(f"%{b:02X}" for b in part.encode("utf-8")) for part in address.split("@"))


def link(address: str, subject: str, body: str) -> str:
    """A mailto: URI with only to, subject and body; line breaks become %0D%0A."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{address_part(address)}?subject={encode(subject)}&body={encode(body)}"


def obfuscate(address: str) -> str:
    """The address reversed and base64-encoded, for the page's script to put back together."""
    return base64.b64encode(address[::-1].encode("utf-8")).decode("ascii")
