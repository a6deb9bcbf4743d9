"""Pure text functions, one module per step: str in, str or spans out. No I/O here."""
