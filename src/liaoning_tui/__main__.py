from liaoning_tui.cli import main

raise SystemExit(main())
