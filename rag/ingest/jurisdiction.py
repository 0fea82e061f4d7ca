"""A document's jurisdiction: the chain of places it applies at (itself, then its parents),
and the city, made to agree when title, issuer, site and body give different evidence."""

from __future__ import annotations

from rag.lexicon.divisions import NATIONAL, Division, mentions, place_of, short_name
from rag.lexicon.places import cities_named
from rag.lexicon.portal import RELATIVE_ISSUER


def document_chain(title: str, issuer: str | None, body: str, site: str | None) -> tuple[str, ...]:
    """The place chain of a document: its site's place for an issuer named by level only,
    else the most specific place its title or issuer names, else its body's main one."""
    return _site_chain(issuer, site) or _chain(place_of(f"{title}\n{issuer or ''}", body))


def reconcile_place(city: str | None, chain: tuple[str, ...]) -> tuple[str | None, tuple[str, ...]]:
    """The city and the place chain come from different evidence; make them agree. A chain
    through a city names the city; a known city refines a chain that stops above it (its
    province, the country, or none)."""
    if city is None:
        return next((c for place in chain for c in cities_named(place)), None), chain
    if any(short_name(place) == city for place in chain):
        return city, chain
    own = _chain(place_of(f"{city}市"))
    if own and (not chain or chain[0] in own or chain[0] == NATIONAL):
        return city, own
    return city, chain


def _chain(place: Division | str | None) -> tuple[str, ...]:
    return (place,) if isinstance(place, str) else place.chain if place else ()


def _site_chain(issuer: str | None, site: str | None) -> tuple[str, ...]:
    """An issuer named by level only ("区某局") is a body of the site's own government: the
    place of that level in the chain of the place the site's name gives."""
    match = RELATIVE_ISSUER.match(issuer or "")
    if not match or not site or mentions(issuer or ""):
        return ()
    chain = _chain(place_of(site))
    level = next((i for i, name in enumerate(chain) if name.endswith(match.group(1))), None)
    return chain[level:] if level is not None else ()
