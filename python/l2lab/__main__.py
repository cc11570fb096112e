"""``python -m l2lab`` is the ``l2lab`` command."""

import sys

from .cli import main

sys.exit(main())
