"""The PIN and password hashers load argon2 on first use; the staff decoy costs what a real PIN hash does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher, extract_parameters

from kiosk.services.common import LazyHasher

ROOT = Path(__file__).resolve().parents[3]


def test_a_lazy_hasher_hashes_and_checks_as_argon2_does() -> None:
    lazy = LazyHasher(time_cost=2, memory_cost=19_456, parallelism=1)
    stored = lazy.hash("kestrel")
    assert PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1).verify(stored, "kestrel")
    assert lazy.matches(stored, "kestrel")
    assert not lazy.matches(stored, "Kestrel")
    assert not lazy.matches("not a hash", "kestrel")  # an unreadable stored value is no match, not an error
    assert not lazy.check_needs_rehash(stored)
    assert LazyHasher().check_needs_rehash(stored)  # argon2's default cost is higher


@pytest.mark.production_hashes  # the real costs (tests/conftest.py makes the other tests hash cheaply)
def test_the_decoy_has_the_real_hashes_cost_and_matches_nothing() -> None:
    from kiosk.services import pupils, staff

    real = staff._hasher.hash("2580")
    decoy = staff._dummy_hash()
    assert (
        extract_parameters(decoy)
        == extract_parameters(real)
        == extract_parameters(PasswordHasher().hash("x"))
    )
    costs = extract_parameters(real)
    assert (costs.time_cost, costs.memory_cost, costs.parallelism) == (3, 65_536, 4), costs
    family = extract_parameters(pupils.hash_password("kestrel-27"))
    assert (family.time_cost, family.memory_cost, family.parallelism) == (2, 19_456, 1), family
    assert not staff._verify(decoy, "2580") and not staff._verify(decoy, "")
    assert staff._hasher.decoy() != staff._hasher.decoy()  # random each time
    with pytest.raises(ValueError):
        LazyHasher().decoy()


def test_the_other_tests_hash_at_the_lowest_cost() -> None:
    """tests/conftest.py's `_cheap_hashes`: the staff and family hashers, and the decoy, at argon2's floor."""
    from kiosk.services import pupils, staff, staffroll

    # The staff roll's kiosk PINs use the staff hasher itself (the fixture patches that one object).
    assert staffroll._hasher is staff._hasher
    for made in (staff._hasher.hash("2580"), staff._dummy_hash(), pupils.hash_password("kestrel-27")):
        costs = extract_parameters(made)
        assert (costs.time_cost, costs.memory_cost, costs.parallelism) == (1, 8, 1), made


def test_argon2_loads_with_the_first_pin_checked_not_at_start() -> None:
    code = (
        "import sys\n"
        "from kiosk.services import pupils, staff\n"
        "d = staff._dummy_hash()\n"
        "print('argon2' in sys.modules)\n"
        "print(staff._verify(d, '1234'), 'argon2' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["False", "False", "True"]
