"""Storage: the SQLite database of a workspace (sqlite-utils), its migrations, audit log and search."""
