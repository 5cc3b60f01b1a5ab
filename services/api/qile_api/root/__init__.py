"""The composition root: the one package that knows every domain (schema, context, app, routes)."""
