"""A static mentor directory: profiles in YAML become a searchable site."""

__version__ = "0.1.0"
