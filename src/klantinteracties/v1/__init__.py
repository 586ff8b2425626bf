"""The v1 APIs (Klanten API 1.0.0 now, Contactmomenten API 1.0.0 later) over the v2 register.

Each v1 API is a subpackage with its schemas, the mapping onto the v2 resources and its routes;
writes go through the v2 services (klantinteracties.api), so every v2 rule, the outbox and the
processing log apply. ``jwt`` is the ZGW authentication both v1 APIs share. docs/v1.md has the
mapping field by field.
"""
