"""Who is asking and what they may see: applications and their rights, the visibility rules,
and the processing log (verwerkingenlogging, after Logius' Logboek Dataverwerkingen) with its
audit API and commands. Nothing here knows a resource by name (docs/privacy.md); importing the
package loads nothing.
"""
