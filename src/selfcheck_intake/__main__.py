"""``python -m selfcheck_intake --config FILE``, the same as ``selfcheck-intake``."""

import sys

from selfcheck_intake.server import main

sys.exit(main())
