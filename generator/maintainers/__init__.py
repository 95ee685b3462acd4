"""Tooling for the people who review pull requests and issues, and who import lists of mentors."""
