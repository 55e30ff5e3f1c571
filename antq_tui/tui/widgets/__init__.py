"""Widgets shared by the screens: field inputs, evidence rows, the save status line, the saver."""
