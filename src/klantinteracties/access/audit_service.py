"""Rules of the audit API (no HTTP here): which criteria a search needs and how a record looks.

As LDV's read extension demands, a search names at least one of a trace, a processing activity
or a data subject, else it is refused: the whole log is never one answer. A data subject is
looked up by its identifier in the clear, which is hashed here with the log's key; the
identifier goes nowhere else (no log line, no error message, no URL of ours).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from klantinteracties.core.errors import InvalidParam, ValidationFailed
from klantinteracties.core.filters import PAGINATION_PARAMS, parse_datetime, reject_unknown

from .hashing import subject_hash
from .processing_log import SUBJECT_TYPES
from .repository import Criteria

TRACE_ID = re.compile(r"^[0-9a-f]{32}$")
MAX_TEXT = 1000
NO_CRITERION = "Geef ten minste een traceId, processingActivityId of dataSubjectId op."
IN_URL = (
    "Zoek op een betrokkene met POST .../dataverwerkingen/_zoek: zo komt zijn nummer niet in "
    "een URL."
)
QUERY_FIELDS = ("traceId", "processingActivityId", "since", "until")
BODY_FIELDS = (*QUERY_FIELDS, "dataSubjectId", "dataSubjectType")


def _text(name: str, value: Any, errors: list[InvalidParam], in_body: bool) -> str | None:
    if value is None or (value == "" and not in_body):  # an empty query parameter: no filter
        return None
    if value == "":
        errors.append(InvalidParam(name, "blank", "Laat het veld weg of geef een waarde op."))
        return None
    if not isinstance(value, str):
        errors.append(InvalidParam(name, "invalid", "Geef een tekst op."))
        return None
    if "\x00" in value or len(value) > MAX_TEXT:
        errors.append(
            InvalidParam(name, "invalid", f"Geef een tekst van hoogstens {MAX_TEXT} tekens op.")
        )
        return None
    return value.strip()


def _time(name: str, value: str | None, errors: list[InvalidParam]) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return parse_datetime(name, value)
    except ValidationFailed as failed:
        errors.extend(failed.invalid_params)
        return None


def check_query(params: Mapping[str, str], criteria_in_query: bool) -> None:
    """Unknown query parameters and NUL are refused, as in the other lists; a ``_zoek`` takes
    only the page parameters in its query string."""
    known = {*PAGINATION_PARAMS, *((*QUERY_FIELDS, "dataSubjectId") if criteria_in_query else ())}
    reject_unknown(params, known)


def parse_search(values: Mapping[str, Any], key: bytes | None, in_body: bool) -> Criteria:
    """Criteria from a query string (``in_body`` False) or a ``_zoek`` body; ``key`` hashes
    the data subject (None: the query string, where a data subject is refused)."""
    errors: list[InvalidParam] = []
    allowed = BODY_FIELDS if in_body else QUERY_FIELDS
    if in_body:
        errors += [InvalidParam(n, "unknown", "Onbekend veld.") for n in values if n not in allowed]
    elif "dataSubjectId" in values:
        errors.append(InvalidParam("dataSubjectId", "invalid", IN_URL))
    text = {name: _text(name, values.get(name), errors, in_body) for name in allowed}
    trace_id = text["traceId"]
    if trace_id is not None:
        trace_id = trace_id.lower()
        if not TRACE_ID.match(trace_id):
            errors.append(
                InvalidParam("traceId", "invalid", "Een traceId is 32 hexadecimale tekens.")
            )
    kind = text.get("dataSubjectType")
    if kind is not None and kind not in SUBJECT_TYPES:
        errors.append(InvalidParam("dataSubjectType", "invalid_choice", "Kies bsn of kvk."))
    subject = text.get("dataSubjectId")
    criteria = Criteria(
        trace_id=trace_id,
        processing_activity_id=text["processingActivityId"],
        data_subject_id=subject_hash(key, subject) if subject and key else None,
        data_subject_type=kind,
        since=_time("since", text["since"], errors),
        until=_time("until", text["until"], errors),
    )
    if not errors and not (trace_id or criteria.processing_activity_id or subject):
        errors.append(InvalidParam("nonFieldErrors", "invalid", NO_CRITERION))
    if errors:
        raise ValidationFailed(errors)
    return criteria


def guess_type(subject: str) -> str:
    """The type of a data subject searched without one: a KvK-nummer has 8 digits, a BSN 9."""
    return "kvk" if len(subject.strip()) == 8 else "bsn"


def representation(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A record on the wire: LDV's names in camelCase (see processing_log.py)."""
    return {
        "traceId": row["trace_id"],
        "spanId": row["span_id"],
        "parentSpanId": row["parent_span_id"],
        "name": row["name"],
        "startTime": row["start_time"],
        "endTime": row["end_time"],
        "status": row["status"],
        "application": row["application"],
        "operation": row["operation"],
        "resourceUrl": row["resource_url"],
        "dataSubjectId": row["data_subject_id"],
        "dataSubjectType": row["data_subject_type"],
        "processingActivityId": row["processing_activity_id"],
        "userId": row["user_id"],
    }
