"""Contact forecasting: interval history in, contacts and handle time per slot out.

Pure: parsing takes CSV text, never a path; the CLI reads files.
"""
