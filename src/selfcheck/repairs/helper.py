"""The elevated helper: does one repair, named by its id, and prints the result as JSON.

Started only through the OS's administrator prompt (see ``elevation``). It takes
no command, path or option from its caller but the repair id (and, on Windows,
where to write the result): the steps come from selfcheck's own table.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence

from .catalog import REPAIRS
from .model import ActionResult, Env, running_as_admin


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    out_file = None
    if len(args) == 3 and args[1] == "--out":
        out_file = args[2]
        args = args[:1]
    if len(args) != 1 or args[0] not in REPAIRS:
        print(json.dumps(ActionResult(False, "", unchanged=True, steps=["unknown repair"]).to_dict()))
        return 2
    repair = REPAIRS[args[0]]
    env = Env(is_admin=running_as_admin(), deadline=time.monotonic() + repair.max_seconds)
    action = repair.action(env.platform)
    if action is None:
        result = ActionResult(False, "", unchanged=True, steps=["not on this platform"])
    else:
        try:
            result = action.run(env)
        except Exception as exc:  # the caller shows a plain message; the technical reason goes to support
            result = ActionResult(False, "", steps=[f"{type(exc).__name__}: {exc}"[:300]])
    text = json.dumps(result.to_dict())
    if out_file:
        with open(out_file, "w", encoding="utf-8") as fh:
            fh.write(text)
    print(text)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
