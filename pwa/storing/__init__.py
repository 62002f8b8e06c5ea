"""Storing a person's data: the database and its tables, storing synced batches exactly once,
the limits of what the server takes and keeps, and times as the database keeps them."""
