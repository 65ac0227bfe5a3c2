"""Policy versions of the Code of Conduct: publish, read, and the first version loaded on first start."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kiosk.domain.errors import Conflict, KioskError
from kiosk.domain.model import Actor, PolicyVersion
from kiosk.domain.permissions import Action, require
from kiosk.services.common import Deps, audit, clean_text, stored_id

MAX_POLICY_LENGTH = 200_000


def policy_hash(text: str) -> str:
    """SHA-256 of the policy text exactly as shown: what an acknowledgement is bound to."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
