"""The Textual screens of the app, one module (and one .tcss) per screen."""
