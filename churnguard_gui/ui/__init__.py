"""Everything that uses Qt: the main window, table models, dialogs, wizards and app start."""
