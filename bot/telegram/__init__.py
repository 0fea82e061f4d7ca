"""Telegram adapter: python-telegram-bot v22 around the AnswerService protocol.

`build_application(settings, service)` wires the bot; `mount_telegram_webhook` runs it inside
a FastAPI app; `policybot telegram` (runner.py) runs it by long polling or as a webhook.
"""
