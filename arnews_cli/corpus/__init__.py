"""What sees many articles at once: summaries (stats), duplicates (dedup)."""
