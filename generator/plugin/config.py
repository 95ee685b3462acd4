"""The plugin's options in mkdocs.yml, made from settings.OPTIONS: each named, described and defaulted once."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..settings import OPTIONS, Option, Settings


def _declared(option: Option) -> c.Type:
    default = getattr(Settings, option.field)
    return c.Type(type(default), default=default)


MentorDirectoryConfig = type(
    "MentorDirectoryConfig",
    (base.Config,),
    {
        "__doc__": "The mentor-directory plugin's options: " + "; ".join(f"{n}: {o.help}" for n, o in OPTIONS.items()),
        "__module__": __name__,
        **{name: _declared(option) for name, option in OPTIONS.items()},
    },
)
