"""All settings, read once by the composition root (environment or a `.env` file).

Names listed in the issues are relied on by other tools: keep them exactly.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class MissingSettingError(RuntimeError):
    """A required setting is absent; the message names the variable(s) to set."""

    def __init__(self, *names: str, purpose: str) -> None:
        joined = ", ".join(names)
        super().__init__(f"{purpose} needs {joined}: set it in the environment or in .env")
        self.names = names


def _env(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


def package_folder(name: str) -> Path:
    """A folder that ships inside the package (`rag.seeds`, `rag.prompts`, mapped from the
    top-level seeds/ and prompts/ by pyproject.toml), or that top-level folder itself when
    running from a checkout: so the seeds and prompts are found from any working directory."""
    spec = importlib.util.find_spec(f"rag.{name}")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    return Path(__file__).resolve().parent.parent / name


def default_data_dir() -> Path:
    """The per-user data folder (~/.local/share/policybot on Linux), not the working one."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("policybot", appauthor=False))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    # storage and corpus
    data_dir: Path = Field(
        default_factory=default_data_dir, validation_alias=_env("POLICYBOT_DATA_DIR")
    )
    seeds_dir: Path = Field(
        default_factory=lambda: package_folder("seeds"),
        validation_alias=_env("POLICYBOT_SEEDS_DIR"),
    )
    max_file_bytes: int = Field(20_000_000, validation_alias=_env("POLICYBOT_MAX_FILE_BYTES"))

    # retrieval
    chroma_url: str | None = Field(None, validation_alias=_env("CHROMA_URL"))
    embedding_model: str = Field("hashing", validation_alias=_env("POLICYBOT_EMBEDDING_MODEL"))
    embedding_base_url: str | None = Field(
        None, validation_alias=_env("POLICYBOT_EMBEDDING_BASE_URL")
    )
    # dimensions of the offline hashing embedder's vectors (a new index is needed to change)
    hashing_dim: int = Field(1024, ge=16, validation_alias=_env("POLICYBOT_HASHING_DIM"))
    # vectors per embedded Chroma collection: a build holds one shard's HNSW index in memory
    # at a time (README, "Scale"); a Chroma server keeps one collection
    vector_shard_size: int = Field(
        200_000, ge=1, validation_alias=_env("POLICYBOT_VECTOR_SHARD_SIZE")
    )
    # a one-shot `policybot ask` loads embedded Chroma's vectors in a second process while it
    # starts up (`rag.index.vector_process`); off: in the answering process itself
    vector_process: bool = Field(True, validation_alias=_env("POLICYBOT_VECTOR_PROCESS"))
    top_k: int = Field(3, validation_alias=_env("POLICYBOT_TOP_K"))
    max_question_chars: int = Field(500, validation_alias=_env("POLICYBOT_MAX_QUESTION_CHARS"))

    # DEBUG, INFO, WARNING or ERROR for the long-running commands (secrets are always masked)
    log_level: str = Field("INFO", validation_alias=_env("POLICYBOT_LOG_LEVEL"))

    # web (`policybot serve`): when set, /api/* and /v1/* need `Authorization: Bearer <key>`
    api_key: str | None = Field(None, validation_alias=_env("POLICYBOT_API_KEY"))
    # the staff page's document management (/api/admin/*); POLICYBOT_API_KEY when unset
    admin_key: str | None = Field(None, validation_alias=_env("POLICYBOT_ADMIN_KEY"))

    # LLM (OpenAI or any OpenAI-compatible server)
    openai_api_key: str | None = Field(None, validation_alias=_env("OPENAI_API_KEY"))
    openai_base_url: str | None = Field(None, validation_alias=_env("OPENAI_BASE_URL"))
    llm_model: str | None = Field(None, validation_alias=_env("POLICYBOT_LLM_MODEL"))
    llm_temperature: float = Field(0.0, validation_alias=_env("POLICYBOT_LLM_TEMPERATURE"))
    llm_timeout: float = Field(20.0, validation_alias=_env("POLICYBOT_LLM_TIMEOUT"))
    llm_max_tokens: int = Field(800, validation_alias=_env("POLICYBOT_LLM_MAX_TOKENS"))
    llm_max_retries: int = Field(2, validation_alias=_env("POLICYBOT_LLM_MAX_RETRIES"))

    # Telegram
    telegram_bot_token: str | None = Field(None, validation_alias=_env("TELEGRAM_BOT_TOKEN"))
    telegram_base_url: str | None = Field(None, validation_alias=_env("TELEGRAM_BASE_URL"))
    telegram_base_file_url: str | None = Field(
        None, validation_alias=_env("TELEGRAM_BASE_FILE_URL")
    )
    telegram_allowed_chats: str | None = Field(
        None, validation_alias=_env("TELEGRAM_ALLOWED_CHATS")
    )  # comma-separated chat ids; empty = everyone
    telegram_webhook_secret: str | None = Field(
        None, validation_alias=_env("TELEGRAM_WEBHOOK_SECRET")
    )
    telegram_webhook_url: str | None = Field(None, validation_alias=_env("TELEGRAM_WEBHOOK_URL"))
    user_rate_limit_per_minute: int = Field(
        10, validation_alias=_env("POLICYBOT_USER_RATE_LIMIT_PER_MINUTE")
    )

    # WeCom (企业微信)
    wecom_corp_id: str | None = Field(None, validation_alias=_env("WECOM_CORP_ID"))
    wecom_agent_id: str | None = Field(None, validation_alias=_env("WECOM_AGENT_ID"))
    wecom_secret: str | None = Field(None, validation_alias=_env("WECOM_SECRET"))
    wecom_token: str | None = Field(None, validation_alias=_env("WECOM_TOKEN"))
    wecom_encoding_aes_key: str | None = Field(
        None, validation_alias=_env("WECOM_ENCODING_AES_KEY")
    )
    wecom_aibot_token: str | None = Field(None, validation_alias=_env("WECOM_AIBOT_TOKEN"))
    wecom_aibot_encoding_aes_key: str | None = Field(
        None, validation_alias=_env("WECOM_AIBOT_ENCODING_AES_KEY")
    )
    wecom_api_base: str = Field(
        "https://qyapi.weixin.qq.com", validation_alias=_env("WECOM_API_BASE")
    )
    # seconds a callback's timestamp may differ from our clock (older ones are replays)
    wecom_replay_window: float = Field(300.0, gt=0, validation_alias=_env("WECOM_REPLAY_WINDOW"))

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_model and (self.openai_api_key or self.openai_base_url))

    def require(self, purpose: str, *names: str) -> None:
        """Fail with a message naming every absent setting among `names` (env-var names)."""
        missing = [n for n in names if not getattr(self, n.lower().removeprefix("policybot_"))]
        if missing:
            raise MissingSettingError(*missing, purpose=purpose)
