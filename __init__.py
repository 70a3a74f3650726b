"""Comply: Chinese idle-land law and district project rules as auditable data, evaluated by
durable_rules.

The repository's top level is the package: `cli.py` (the commands), `engine/` (the
pipeline from rows to decisions), `rules/` (the policy as data) and `features/` (the
policy as auditors read it) all install under the one importable name `comply`.
"""
