"""Entry points: channels (Telegram, Zalo, REST, kiosk) and the `tthc` staff CLI."""
