-- Results printed with a comparator instead of a number (eGFR ">90", γ-GTP "<5"), kept as printed:
-- { "<canonical field>": { "comparator": ">" | "≥" | "<" | "≤", "bound": 90, "printed": ">90" } }.
-- A field here has a null numeric column (docs/reference/nhis-checkup.md §3).
alter table checkups add column censored jsonb not null default '{}';
