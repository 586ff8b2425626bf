"""Notifications and CloudEvents: the outbox, written in each write's own transaction, and the
worker that delivers it to a Notificaties API (docs/notifications.md)."""
