"""Access accounting: the processing log (verwerkingenlogging, after Logius' Logboek
Dataverwerkingen), its audit API and its commands. Importing this package loads nothing."""
