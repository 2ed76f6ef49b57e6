"""A fictional NHS Talking Therapies service for demos: `flask load-demo`, `flask demo-logins`."""
