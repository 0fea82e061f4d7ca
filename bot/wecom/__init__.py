"""WeCom (企业微信) adapter: the self-built app callback and the AI bot (智能机器人)."""

from bot.wecom.app import create_wecom_router

__all__ = ["create_wecom_router"]
