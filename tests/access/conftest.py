from tests.access.audit_helpers import audit, audit_token

__all__ = ["audit", "audit_token"]
