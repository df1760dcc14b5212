"""The page cache: whole public pages kept for anonymous readers and forgotten, by
generations, when what they show changes (docs/adr/0002-page-cache.md)."""
