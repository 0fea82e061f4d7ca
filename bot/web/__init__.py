"""HTTP adapter: JSON API, staff web page, OpenAI-compatible endpoint (`policybot serve`)."""
