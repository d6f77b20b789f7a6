"""The national corporate-number registry (法人番号 基本3情報) and member lists.

- :mod:`kizuna.registry.spec` — the 30 columns and the codes of the NTA download files.
- :mod:`kizuna.registry.ntafile` — read one NTA file (.zip or .csv, UTF-8 or CP932),
  streaming, every row checked; :mod:`kizuna.registry.fastread` is its pyarrow fast path.
- :mod:`kizuna.registry.store` — the registry kept under ``<data dir>/registry/`` as one
  SQLite database a user can query too; files applied in date order.
- :mod:`kizuna.registry.enrich` — fill a bundle's organizations with registry facts.
- :mod:`kizuna.registry.memberfile`, :mod:`kizuna.registry.orgtext`,
  :mod:`kizuna.registry.members` — a coordinator's member list (.xlsx / .csv) as a bundle.

docs/registry.md describes the files, the codes and the commands.
"""
