"""E-mail address check shared by digitale adressen and actoren (no domain imports).

Deliberately a syntax check only: no DNS look-up, so validation never depends on the network.
"""

from __future__ import annotations

import ipaddress
import re

EMAIL_REASON = "Dit is geen geldig e-mailadres."

_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_TOP_LABEL = re.compile(r"^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


def _is_ip_literal(domain: str) -> bool:
    if not (domain.startswith("[") and domain.endswith("]")):
        return False
    inner = domain[1:-1]
    if inner[:5].lower() == "ipv6:":
        inner = inner[5:]
    try:
        ipaddress.ip_address(inner)
    except ValueError:
        return False
    return True


def is_email(value: str) -> bool:
    local, _, domain = value.rpartition("@")
    if not local or not _LOCAL_PART.match(local) or len(local) > 64:
        return False
    if _is_ip_literal(domain):
        return True
    try:
        ascii_domain = domain.encode("idna").decode("ascii")  # international domain names
    except UnicodeError:
        return False
    if ascii_domain == "localhost":
        return True
    labels = ascii_domain.split(".")
    return (
        len(labels) >= 2
        and all(_LABEL.match(label) for label in labels)
        and bool(_TOP_LABEL.match(labels[-1]))
    )
