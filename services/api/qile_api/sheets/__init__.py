"""Excel workbooks (.xlsx) in and out: one writer, one guarded reader (kernel: knows no domain)."""
