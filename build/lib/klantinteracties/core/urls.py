"""Which text counts as a URL: the same rule as the reference (Django's ``URLValidator``), for
URL fields in bodies and ``__url`` filters alike.

A URL has the scheme http, https, ftp or ftps, and a host that is a domain name with a top-level
domain (``example.nl``), ``localhost``, an IPv4 address or a bracketed IPv6 address; then an
optional port and an optional path, query or fragment without white space. A host without a dot
(``http://x/...``) is not a URL.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

SCHEMES = frozenset({"http", "https", "ftp", "ftps"})
MAX_LENGTH = 2048

_UL = "\u00a1-\uffff"  # letters beyond ASCII, for internationalised domain names
_OCTET = r"(?:0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?)"
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_IPV6 = r"\[[0-9a-f:.]+\]"
_LABEL = rf"[a-z{_UL}0-9](?:[a-z{_UL}0-9-]{{0,61}}[a-z{_UL}0-9])?"
_DOMAIN = rf"(?:\.(?!-)[a-z{_UL}0-9-]{{1,63}}(?<!-))*"
_TLD = rf"\.(?!-)(?:[a-z{_UL}-]{{2,63}}|xn--[a-z0-9]{{1,59}})(?<!-)\.?"
_HOST = rf"(?:{_LABEL}{_DOMAIN}{_TLD}|localhost)"
_URL = re.compile(
    r"(?:[a-z0-9.+-]*)://"
    r"(?:[^\s:@/]+(?::[^\s:@/]*)?@)?"  # user:password@
    rf"(?:{_IPV4}|{_IPV6}|{_HOST})"
    r"(?::[0-9]{1,5})?"
    r"(?:[/?#][^\s]*)?",
    re.IGNORECASE,
)


def is_url(value: str) -> bool:
    if len(value) > MAX_LENGTH or any(c.isspace() for c in value):
        return False
    scheme = value.split("://", 1)[0].lower()
    if scheme not in SCHEMES or not _URL.fullmatch(value):
        return False
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError:  # e.g. an unbalanced "[" in the host
        return False
    if parts.netloc.rsplit("@", 1)[-1].startswith("["):
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
    return len(host) <= 253
