from selfcheck.entry import main

raise SystemExit(main())
