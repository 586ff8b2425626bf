"""Documentation-only models of the audit API's OpenAPI document (the router parses by hand)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class _Camel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class Dataverwerking(_Camel):
    """Eén logregel: één actie op de gegevens van één betrokkene (Logboek Dataverwerkingen)."""

    trace_id: str = Field(description="De trace (W3C Trace Context) waar de actie bij hoort.")
    span_id: str = Field(description="De actie zelf.")
    parent_span_id: str | None = Field(description="De aanroepende actie, als die bekend is.")
    name: str = Field(description="De operatie, bijvoorbeeld `partijenRetrieve`.")
    start_time: dt.datetime
    end_time: dt.datetime
    status: Literal["OK", "ERROR"]
    application: str = Field(description="De applicatie (het token) namens wie het gebeurde.")
    operation: Literal["read", "create", "update", "delete"]
    resource_url: str = Field(description="De verwerkte resource.")
    data_subject_id: str = Field(
        description="De betrokkene, als sleutel-hash (HMAC-SHA256, hex); nooit het nummer zelf."
    )
    data_subject_type: Literal["bsn", "kvk"]
    processing_activity_id: str | None = Field(
        description="De verwerkingsactiviteit in het register, als die bekend is."
    )
    user_id: str | None = Field(
        description="Wie binnen de applicatie handelde: de medewerker in het beheer; leeg "
        "voor API-clients (een token noemt geen persoon). Extensie van deze server."
    )


class DataverwerkingenZoek(_Camel):
    """Zoekvraag; ten minste één van traceId, processingActivityId en dataSubjectId."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        extra="forbid",  # an unknown field is a 400
        json_schema_extra={
            "anyOf": [
                {"required": [name]}
                for name in ("traceId", "processingActivityId", "dataSubjectId")
            ]
        },
    )

    trace_id: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]{32}$")
    processing_activity_id: str | None = Field(default=None, min_length=1, max_length=1000)
    data_subject_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=1000,
        description="BSN of KvK-nummer (de server hasht het).",
    )
    data_subject_type: Literal["bsn", "kvk"] | None = None
    since: dt.datetime | None = Field(default=None, description="Gestart op of na dit tijdstip.")
    until: dt.datetime | None = Field(default=None, description="Gestart vóór dit tijdstip.")
