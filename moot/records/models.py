"""The record: minutes, agreements, documents, the audit log and exports."""
