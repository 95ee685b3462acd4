"""The MkDocs and Material integration: the only package that imports mkdocs, material or properdocs."""
