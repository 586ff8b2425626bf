"""Who is asking and what they may see: applications and their rights, the visibility rules,
and the processing log. Nothing here knows a resource by name; see docs/privacy.md."""
