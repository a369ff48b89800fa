"""Code rules: one module per concern. Every module here is imported by the registry."""
