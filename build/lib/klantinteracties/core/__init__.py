"""Framework pieces shared by both APIs. Nothing in here imports a domain module."""
