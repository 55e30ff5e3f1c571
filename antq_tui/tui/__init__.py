"""The Textual front end: the app, its screens and widgets, and the session that reads and saves for them.

Nothing outside this package imports Textual; the CLI launches it through :func:`antq_tui.tui.app.run_app`.
"""
