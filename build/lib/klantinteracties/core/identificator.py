"""The generic identificator group: how an object is known in an external register.

Used for actoren, onderwerpobjecten and bijlagen. All four parts are free text; the contract
does not restrict them (unlike a partij's identificator, which has its own enums and rules).
"""

from __future__ import annotations

from pydantic import Field

from .schemas import Gegevensgroep


class Identificator(Gegevensgroep):
    object_id: str = Field(
        default="", max_length=200, description="Waarde die het object identificeert."
    )
    code_objecttype: str = Field(default="", max_length=200, description="Soort object.")
    code_register: str = Field(
        default="", max_length=200, description="Register waarin het object staat."
    )
    code_soort_object_id: str = Field(
        default="", max_length=200, description="Welke eigenschap het object identificeert."
    )
