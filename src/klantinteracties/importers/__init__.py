"""Moving in: ``klantinteracties import ...`` copies an existing register into ours.

The importers write our tables directly, in batches (importers/writer.py), never through the API
services: no notification is sent and no processing-log row is written for imported rows. Each
source brings its steps (what to read, how a row maps onto one of our tables); the writer and
the report are shared.
"""
