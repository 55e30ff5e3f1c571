"""The official criteria sets, each a plugin folder (installed as the package ``antq_plugins``)."""
