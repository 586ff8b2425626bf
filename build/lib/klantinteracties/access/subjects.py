"""Whose personal data the rows of a table are: the data subjects of the processing log.

A data subject is a partij, known in the log by its BSN or KvK-nummer (its partij-identificatoren
with codeSoortObjectId ``bsn`` or ``kvk_nummer``). The rows of a table concern:

- a partij: itself; its identificatoren, rekeningnummers, categorie-relaties: their partij;
  a vertegenwoordiging: both partijen; a betrokkene: its wasPartij; a digitaal adres: the partij
  that gave it, or the partij of the betrokkene that gave it;
- a klantcontact: the partijen of its betrokkenen; an onderwerpobject, a bijlage and an interne
  taak: those of their klantcontact.

Other tables (actoren, categorieen, the Contactgegevens API) concern no partij. Only partijen the
request's view sees are subjects: a partij it may not see was not processed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Select, case, literal, or_, select, union

from klantinteracties.core.view import View
from klantinteracties.db.models import (
    betrokkene,
    bijlage,
    categorie_relatie,
    digitaal_adres,
    internetaak,
    klantcontact,
    onderwerpobject,
    partij,
    partij_identificator,
    rekeningnummer,
    vertegenwoordigden,
)

SOORTEN = {"bsn": "bsn", "kvk_nummer": "kvk"}  # codeSoortObjectId -> data subject type


def _column(table: Any, *columns: str) -> Callable[[Any], Any]:
    def keys(ids: Any) -> Any:
        parts = [select(table.c[c]).where(table.c.id.in_(ids)) for c in columns]
        return parts[0] if len(parts) == 1 else union(*parts)

    return keys


def _of_klantcontacten(klantcontact_keys: Any) -> Any:
    b = betrokkene.c
    return select(b.was_partij_uuid).where(b.had_klantcontact_uuid.in_(klantcontact_keys))


def _via_klantcontact(table: Any, *columns: str) -> Callable[[Any], Any]:
    return lambda ids: _of_klantcontacten(_column(table, *columns)(ids))


def _digitaal_adres(ids: Any) -> Any:
    da = digitaal_adres.c
    given = select(da.verstrekt_door_betrokkene_uuid).where(da.id.in_(ids))
    by_betrokkene = select(betrokkene.c.was_partij_uuid).where(betrokkene.c.uuid.in_(given))
    return union(_column(digitaal_adres, "verstrekt_door_partij_uuid")(ids), by_betrokkene)


PARTIJEN: dict[str, Callable[[Any], Any]] = {
    "partij": _column(partij, "uuid"),
    "partij_identificator": _column(partij_identificator, "identificeerde_partij_uuid"),
    "rekeningnummer": _column(rekeningnummer, "partij_uuid"),
    "categorie_relatie": _column(categorie_relatie, "partij_uuid"),
    "vertegenwoordigden": _column(
        vertegenwoordigden, "vertegenwoordigende_partij_uuid", "vertegenwoordigde_partij_uuid"
    ),
    "betrokkene": _column(betrokkene, "was_partij_uuid"),
    "digitaal_adres": _digitaal_adres,
    "klantcontact": _via_klantcontact(klantcontact, "uuid"),
    "onderwerpobject": _via_klantcontact(
        onderwerpobject, "klantcontact_uuid", "was_klantcontact_uuid"
    ),
    "bijlage": _via_klantcontact(bijlage, "was_bijlage_van_klantcontact_uuid"),
    "internetaak": _via_klantcontact(internetaak, "aanleidinggevend_klantcontact_uuid"),
}


def _soort_known(code: Any) -> Any:
    # Equalities rather than IN (...): a list's IN is expanded at every execution, which would
    # render the whole statement anew each time instead of using the compiled one.
    return or_(*(code == soort for soort in SOORTEN))


def subjects_of(view: View, table_name: str, ids: Any) -> Select[Any] | None:
    """``(identifier, type)`` of every data subject of the rows of ``table_name`` whose ids
    ``ids`` selects, each once; None for a table whose rows concern no partij."""
    keys = PARTIJEN.get(table_name)
    if keys is None:
        return None
    p, pi = partij, partij_identificator.c
    seen = select(p.c.uuid).where(p.c.uuid.in_(keys(ids)), *view.visible(p))
    kind = case(*((pi.code_soort_object_id == s, literal(t)) for s, t in SOORTEN.items()))
    return (
        select(pi.object_id.label("value"), kind.label("type"))
        .where(pi.identificeerde_partij_uuid.in_(seen), _soort_known(pi.code_soort_object_id))
        .distinct()
    )
