"""Comply's engine: legal rules as data, evaluated by durable_rules, one stage a module.

packs, rulebook, checker  rules/*.yaml (+ rule packs) -> checked rule families, on a date
kinds/                    each kind of subject: its input contract, facts, view, options
loader, fields            CSV / JSON Lines / XLSX -> checked rows in batches
pipeline                  prepare a run; rows -> facts -> engine -> decisions
durable_adapter, memo     neutral facts -> rules fired (durable_rules), remembered
evaluate                  rules fired -> decisions (exceptions, one status, actions)
run, parallel, outputs    a run end to end, in parts if large, published whole
writers/                  decisions -> table / json / jsonl / csv / xlsx, en or zh
records, ledger, replay   decisions kept as codes and values, hash-chained, read back
explain, catalog, policybook  why a rule applied; the rulebook for readers
start                     the comply command: the CLI, loaded (Ctrl-C while it loads)
"""
