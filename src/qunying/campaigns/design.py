"""Balanced judge assignment, pure and database-free: who reviews whom so that every judge has a similar load, every
pair of judges shares a similar number of nominees (so each judge's leniency is estimable against the others), and
no unit's nominees all go to the same judges. Conflicts of interest are the caller's to exclude (`allowed`).

The design minimises, over the assignments it makes (the existing ones stay):
    LOAD_WEIGHT · Σ_j load_j²  +  Σ_{j<k} overlap_jk²  +  Σ_{unit, j} reviews_{unit, j}²
For a fixed number of reviews each sum of squares is smallest when its terms are equal, so this asks for equal loads,
equal pairwise overlaps and each unit spread over the judges. A greedy pass (most constrained nominee first) is
improved by moving single reviews to another judge while that lowers the cost."""

import itertools
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

LOAD_WEIGHT = 4  # an uneven load is worse than an uneven overlap: it costs a judge's time
MOVES_PER_REVIEW = 60  # improvement attempts per review made (bounded by MAX_MOVES)
MAX_MOVES = 40_000


@dataclass
class Design:
    """An assignment in progress: judges per nominee, loads, pairwise overlaps and per-unit counts."""

    units: dict  # nominee → unit
    judges_of: dict = field(default_factory=lambda: defaultdict(set))
    load: Counter = field(default_factory=Counter)
    overlap: Counter = field(default_factory=Counter)  # frozenset({j, k}) → shared nominees
    per_unit: Counter = field(default_factory=Counter)  # (unit, judge) → reviews

    def add(self, nominee, judge) -> None:
        for other in self.judges_of[nominee]:
            self.overlap[frozenset((judge, other))] += 1
        self.judges_of[nominee].add(judge)
        self.load[judge] += 1
        self.per_unit[(self.units[nominee], judge)] += 1

    def remove(self, nominee, judge) -> None:
        self.judges_of[nominee].discard(judge)
        for other in self.judges_of[nominee]:
            self.overlap[frozenset((judge, other))] -= 1
        self.load[judge] -= 1
        self.per_unit[(self.units[nominee], judge)] -= 1

    def cost_of_adding(self, nominee, judge) -> int:
        """The increase of the objective if `judge` reviewed `nominee` (each square (x+1)² − x² = 2x + 1)."""
        cost = LOAD_WEIGHT * (2 * self.load[judge] + 1)
        cost += sum(2 * self.overlap[frozenset((judge, other))] + 1 for other in self.judges_of[nominee])
        return cost + 2 * self.per_unit[(self.units[nominee], judge)] + 1


def balanced_design(
    nominees: Iterable[tuple[Hashable, Hashable, int]],
    judges: list[Hashable],
    *,
    allowed: Callable[[Hashable, Hashable], bool],
    existing: Iterable[tuple[Hashable, Hashable, Hashable]] = (),
    cap: int | None = None,
    seed: int | None = None,
) -> list[tuple[Hashable, Hashable]]:
    """New (nominee, judge) reviews: `nominees` are (nominee, unit, reviews still needed); `existing` (nominee, unit,
    judge) reviews count toward loads and overlaps and are kept; no judge goes over `cap`; `allowed(nominee, judge)`
    excludes conflicts. A nominee gets fewer reviews than needed only when no allowed judge is left under the cap."""
    rng = random.Random(seed)
    nominees = list(nominees)
    design = Design(units={nominee: unit for nominee, unit, _need in nominees})
    fixed = set()
    for nominee, unit, judge in existing:
        design.units.setdefault(nominee, unit)
        design.add(nominee, judge)
        fixed.add((nominee, judge))
    options = {
        nominee: [j for j in judges if j not in design.judges_of[nominee] and allowed(nominee, j)]
        for nominee, _unit, _need in nominees
    }
    order = sorted(nominees, key=lambda row: (len(options[row[0]]) - row[2], rng.random()))
    made: list[tuple] = []
    for nominee, _unit, need in order:
        for _ in range(need):
            free = [j for j in options[nominee] if j not in design.judges_of[nominee] and _under(design, j, cap)]
            if not free:
                break
            rng.shuffle(free)  # ties go to chance, not to the order judges were listed in
            judge = min(free, key=lambda j: design.cost_of_adding(nominee, j))
            design.add(nominee, judge)
            made.append((nominee, judge))
    _improve(design, made, options, fixed, cap, rng)
    return [
        (nominee, judge)
        for nominee, chosen in design.judges_of.items()
        for judge in chosen
        if (nominee, judge) not in fixed
    ]


def _under(design: Design, judge, cap) -> bool:
    return cap is None or design.load[judge] < cap


def _improve(design: Design, made: list, options: dict, fixed: set, cap, rng: random.Random) -> None:
    """Move single reviews to another allowed judge while the cost falls (plateau moves allowed, to wander)."""
    current = list(made)
    for _ in range(min(MAX_MOVES, MOVES_PER_REVIEW * len(current))):
        if not current:
            return
        index = rng.randrange(len(current))
        nominee, judge = current[index]
        others = [j for j in options[nominee] if j not in design.judges_of[nominee] and _under(design, j, cap)]
        if not others:
            continue
        target = rng.choice(others)
        design.remove(nominee, judge)
        delta = design.cost_of_adding(nominee, target) - design.cost_of_adding(nominee, judge)
        if delta <= 0:
            design.add(nominee, target)
            current[index] = (nominee, target)
        else:
            design.add(nominee, judge)


@dataclass(frozen=True)
class Balance:
    """How balanced a campaign's design is, for the campaign page."""

    judges: int
    nominees: int
    load_min: int
    load_max: int
    overlap_min: int
    overlap_max: int
    pairs: int
    pairs_apart: int  # pairs of judges who share no nominee: their leniencies are compared only through others
    units_clustered: list  # units with two or more nominees whose judges are all the same
    loads: list  # (judge, load), heaviest first
    matrix: list  # rows (judge, load, [overlap with each judge, None on the diagonal])


def balance_of(reviews: Iterable[tuple[Hashable, Hashable, Hashable]], judges: list[Hashable] | None = None) -> Balance:
    """The balance of a design from (nominee, unit, judge) reviews; `judges` lists judges to show even without any."""
    judges_of: dict = defaultdict(set)
    units: dict = {}
    for nominee, unit, judge in reviews:
        judges_of[nominee].add(judge)
        units[nominee] = unit
    everyone = list(dict.fromkeys([*(judges or []), *sorted({j for js in judges_of.values() for j in js}, key=str)]))
    load = Counter(judge for js in judges_of.values() for judge in js)
    overlap = Counter(frozenset(pair) for js in judges_of.values() for pair in itertools.combinations(js, 2))
    pairs = [frozenset(pair) for pair in itertools.combinations(everyone, 2)]
    by_unit: dict = defaultdict(list)
    for nominee, unit in units.items():
        by_unit[unit].append(frozenset(judges_of[nominee]))
    clustered = [unit for unit, sets in by_unit.items() if len(sets) > 1 and len(set(sets)) == 1 and sets[0]]
    counts = [overlap[pair] for pair in pairs]
    return Balance(
        judges=len(everyone),
        nominees=len(judges_of),
        load_min=min((load[j] for j in everyone), default=0),
        load_max=max((load[j] for j in everyone), default=0),
        overlap_min=min(counts, default=0),
        overlap_max=max(counts, default=0),
        pairs=len(pairs),
        pairs_apart=sum(1 for count in counts if count == 0),
        units_clustered=clustered,
        loads=sorted(((j, load[j]) for j in everyone), key=lambda row: (-row[1], str(row[0]))),
        matrix=[(j, load[j], [None if j == k else overlap[frozenset((j, k))] for k in everyone]) for j in everyone],
    )
