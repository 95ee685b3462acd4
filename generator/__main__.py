"""`python -m generator` runs the `mentor-directory` command."""

import sys

from .cli import main

sys.exit(main())
