"""The procedure catalogue: import from the raw exports, store, and read back.

``model`` is the record shape; ``importer`` builds the SQLite catalogue from a
sources directory; ``store.CatalogueStore`` is how everything else reads it.
"""
