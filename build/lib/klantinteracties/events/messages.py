"""The bodies of the messages a write sends (DIGEST §8.1 and §8.2), made of the representation
the write's response shows (for a destroy: the one just before the delete).

Subscribers of a Notificaties API hold no privileges of this register, so a message carries
only what an application without them may see (docs/privacy.md): the ``interneNotitie`` of a
partij under geheimhouding is withheld (the change itself is still announced), and a CloudEvent's
label leaves out the onderwerp of a vertrouwelijk klantcontact.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
from collections.abc import Mapping
from typing import Any

from klantinteracties.core.events import Change

from .kanalen import ZAAK_GEKOPPELD, ZAAK_ONTKOPPELD, Kanaal

IDENTIFICATOR = "onderwerpobjectidentificator"
# Kenmerken withheld from subscribers, with the field of the representation that says so.
WITHHELD_KENMERKEN = {"interneNotitie": "indicatieGeheimhouding"}


def timestamp(moment: dt.datetime) -> str:
    """UTC, ``...Z``, with microseconds only when there are any (as the representations)."""
    text = moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat()
    return text + "Z"


def kenmerken(kanaal: Kanaal, item: Mapping[str, Any]) -> dict[str, Any]:
    out = {name: item.get(name) for name in kanaal.kenmerken}
    for name, flag in WITHHELD_KENMERKEN.items():
        if name in out and item.get(flag) is True:
            out[name] = ""
    return out


def notificatie(
    kanaal: Kanaal, actie: str, item: Mapping[str, Any], moment: dt.datetime, source: str
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kanaal": kanaal.naam,
        "hoofdObject": item["url"],
        "resource": kanaal.resource,
        "resourceUrl": item["url"],
        "actie": actie,
        "aanmaakdatum": timestamp(moment),
        "kenmerken": kenmerken(kanaal, item),
    }
    if source:
        body["source"] = source
    return body


def zaak_of(item: Mapping[str, Any] | None) -> str | None:
    """The zaak (its uuid) an onderwerpobject links its klantcontact to, if it is a zaak link:
    a zaak identified by uuid, and a klantcontact."""
    if item is None or item.get("klantcontact") is None:
        return None
    ident = item.get(IDENTIFICATOR) or {}
    if ident.get("codeObjecttype") == "zaak" and ident.get("codeSoortObjectId") == "uuid":
        return str(ident.get("objectId"))
    return None


def zaak_events(change: Change) -> list[tuple[str, Mapping[str, Any]]]:
    """The CloudEvents of a write of an onderwerpobject (§8.2), each with the representation it
    is made of: a zaak link made, or unmade, or an identificator that changed from one to the
    other (unlinked first, with the old data)."""
    item = change.representation
    if change.actie == "create":
        return [(ZAAK_GEKOPPELD, item)] if zaak_of(item) else []
    if change.actie == "destroy":
        return [(ZAAK_ONTKOPPELD, item)] if zaak_of(item) else []
    before = change.before
    if before is None or before.get(IDENTIFICATOR) == item.get(IDENTIFICATOR):
        return []
    out: list[tuple[str, Mapping[str, Any]]] = []
    if zaak_of(before):
        out.append((ZAAK_ONTKOPPELD, before))
    if zaak_of(item):
        out.append((ZAAK_GEKOPPELD, item))
    return out


def label(onderwerp: str, nummer: str | None, vertrouwelijk: bool) -> str:
    """The klantcontact as a link's label. Without the onderwerp of a vertrouwelijk one, only
    its nummer remains: "(<nummer>)", or "" without one."""
    if vertrouwelijk:
        return f"({nummer})" if nummer else ""
    return f"{onderwerp} - ({nummer})" if nummer else onderwerp


def cloudevent(
    kind: str, item: Mapping[str, Any], link_label: str, moment: dt.datetime, source: str
) -> dict[str, Any]:
    zaak = zaak_of(item)
    return {
        "id": str(uuidlib.uuid4()),
        "source": source,
        "specversion": "1.0",
        "type": kind,
        "subject": zaak,
        "time": timestamp(moment),
        "dataref": None,
        "datacontenttype": "application/json",
        "data": {
            "zaak": f"urn:uuid:{zaak}",
            "linkTo": item["url"],
            "label": link_label,
            "linkObjectType": "Onderwerpobject",
        },
    }
