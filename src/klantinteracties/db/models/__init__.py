"""All tables. Importing this package registers every table on ``metadata``."""

from .actoren import actor, actorklantcontact, internetaak, internetaak_actor
from .base import metadata
from .contactgegevens import organisatie, persoon
from .imports import import_checkpoint
from .klantcontacten import betrokkene, bijlage, klantcontact, onderwerpobject
from .outbox import outbox
from .partijen import (
    categorie,
    categorie_relatie,
    digitaal_adres,
    partij,
    partij_identificator,
    rekeningnummer,
    vertegenwoordigden,
)
from .processing_log import processing_log, processing_log_key
from .staff import staff, staff_login_failure, staff_session
from .tokens import api_token, application
from .v1 import v1_client, v1_klant

__all__ = [
    "actor",
    "actorklantcontact",
    "api_token",
    "application",
    "betrokkene",
    "bijlage",
    "categorie",
    "categorie_relatie",
    "digitaal_adres",
    "import_checkpoint",
    "internetaak",
    "internetaak_actor",
    "klantcontact",
    "metadata",
    "onderwerpobject",
    "organisatie",
    "outbox",
    "partij",
    "partij_identificator",
    "persoon",
    "processing_log",
    "processing_log_key",
    "rekeningnummer",
    "staff",
    "staff_login_failure",
    "staff_session",
    "v1_client",
    "v1_klant",
    "vertegenwoordigden",
]
