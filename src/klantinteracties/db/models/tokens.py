from klantinteracties.core.auth import token_table

from .base import metadata

api_token = token_table(metadata)
