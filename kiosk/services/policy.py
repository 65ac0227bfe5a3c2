"""Policy versions of the Code of Conduct: publish, read, and the first version loaded on first start."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from kiosk.domain.errors import Conflict, InvalidInput, KioskError, NotFound
from kiosk.domain.model import Actor, PolicyTranslation, PolicyVersion
from kiosk.domain.permissions import Action, require
from kiosk.services.common import Deps, audit, clean_text, stored_id

MAX_POLICY_LENGTH = 200_000


def policy_hash(text: str) -> str:
    """SHA-256 of the policy text exactly as shown: what an acknowledgement is bound to."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The kiosk's languages other than English that a policy can be translated into (kiosk.config).
POLICY_LANGUAGES = ("cy", "pl", "ur")


def in_language(version: PolicyVersion, translation: PolicyTranslation | None) -> PolicyVersion:
    """The version as a visitor reads it: its translation's words and hash, or the English as it is."""
    if translation is None:
        return version
    return replace(
        version,
        title=translation.title,
        text=translation.text,
        sha256=translation.sha256,
        collector_reminder=translation.collector_reminder or version.collector_reminder,
        language=translation.language,
    )


@dataclass
class PolicyService:
    deps: Deps

    def current(self) -> PolicyVersion | None:
        with self.deps.uow.readonly() as uow:
            return uow.policies.current()

    def versions(self) -> list[PolicyVersion]:
        with self.deps.uow.readonly() as uow:
            return uow.policies.list()

    def publish(self, actor: Actor, title: str, text: str, collector_reminder: str = "") -> PolicyVersion:
        """Publish a new version: everyone is asked to acknowledge it on their next visit."""
        require(actor, Action.ADMINISTER)
        return self._publish(actor, title, text, collector_reminder)

    def _publish(self, actor: Actor, title: str, text: str, collector_reminder: str) -> PolicyVersion:
        title = clean_text(title, "title", required=True, limit=300)
        text = clean_text(text, "policy text", required=True, limit=MAX_POLICY_LENGTH)
        reminder = clean_text(collector_reminder, "collector reminder", limit=5000)
        digest = policy_hash(text)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            current = uow.policies.current()
            if current is not None and current.sha256 == digest:
                raise Conflict("This text is already the current version of the policy.")
            if any(v.sha256 == digest for v in uow.policies.list()):
                raise Conflict("This exact text was published before; change it or keep the current version.")
            version = uow.policies.add(
                PolicyVersion(None, title, text, digest, now, actor.name, collector_reminder=reminder)
            )
            audit(uow, now, actor, "policy version published", "policy_version", stored_id(version))
            uow.commit()
        self.deps.notify("policy.published", version_id=version.id)
        return version

    def publish_translation(
        self,
        actor: Actor,
        version_id: int,
        language: str,
        title: str,
        text: str,
        collector_reminder: str = "",
    ) -> PolicyTranslation:
        """Publish the school's translation of a version; visitors choosing ``language`` read and agree to it.

        A translation is published once and never changed (what a visitor agreed to must stay as they read
        it): a correction is a new policy version, translated again.
        """
        require(actor, Action.ADMINISTER)
        language = (language or "").strip().lower()
        if language not in POLICY_LANGUAGES:
            raise InvalidInput(
                f"Translations are for {', '.join(POLICY_LANGUAGES)}; {language!r} is not one."
            )
        title = clean_text(title, "title", required=True, limit=300)
        text = clean_text(text, "policy text", required=True, limit=MAX_POLICY_LENGTH)
        reminder = clean_text(collector_reminder, "collector reminder", limit=5000)
        now = self.deps.clock.now()
        with self.deps.uow() as uow:
            version = uow.policies.get(version_id)
            if version is None:
                raise NotFound(f"There is no policy version {version_id}.")
            if uow.policies.translation(version_id, language) is not None:
                raise Conflict(
                    f"Version {version_id} already has a {language} translation; it cannot be changed "
                    "(publish a new version of the policy to correct it)."
                )
            translation = uow.policies.add_translation(
                PolicyTranslation(
                    None, version_id, language, title, text, policy_hash(text), now, actor.name, reminder
                )
            )
            audit(
                uow,
                now,
                actor,
                "policy translation published",
                "policy_version",
                version_id,
                detail=f"{language} sha256={translation.sha256[:12]}",
            )
            uow.commit()
        self.deps.notify("policy.published", version_id=version_id)
        return translation

    def translations(self, version_id: int) -> list[PolicyTranslation]:
        with self.deps.uow.readonly() as uow:
            return uow.policies.translations(version_id)

    def ensure_first_version(self, title: str, text: str, collector_reminder: str) -> PolicyVersion | None:
        """On first start, publish the shipped Code of Conduct; returns it, or None if a version exists."""
        if self.current() is not None:
            return None
        try:
            # The shipped text, published once by the program itself on an empty database.
            return self._publish(Actor.system(), title, text, collector_reminder)
        except KioskError:
            # Another kiosk starting at the same moment published it first.
            if self.current() is not None:
                return None
            raise
