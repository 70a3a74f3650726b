"""Comply: legal rules as data, evaluated by the durable_rules engine.

The pipeline, one module per stage:

    rulebook  (rules/*.yaml -> validated RuleFamily)
    parcels   (input rows -> Parcel -> derived facts, decisions.md L1-L6)
    loader    (CSV / JSON Lines -> validated rows, every bad cell reported)
    durable_adapter (RuleFamily -> durable_rules rulesets; facts -> fired rules)
    evaluate  (fired rules -> resolved Decision, exceptions and priorities applied)
    report    (Decision -> table / json / jsonl / csv, in English or Chinese)
"""
