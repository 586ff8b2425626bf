from tests.access.audit_helpers import audit, audit_token
from tests.access.privacy_data import data, tokens

__all__ = ["audit", "audit_token", "data", "tokens"]
