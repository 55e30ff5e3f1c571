"""The TUI's screens, one module and one stylesheet each. Only :mod:`antq_tui.tui.app` pushes the first one."""
