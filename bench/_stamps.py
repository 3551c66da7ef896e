"""Read the stamps back from PostgreSQL and hold them against what the phones were told.

Per (account, shop): stored < accepted is a lost stamp; stored > accepted is allowed only where a
scan's answer was lost (connection cut, 5xx, or sent twice by the phone) — it may have stamped.
One more case is counted apart: a phone's *first* scan cut by a killed worker after its commit and
re-sent by the phone used to make a second anonymous account, leaving a "ghost" stamp on the first; the
session key (accounts.services.ensure_shopper) now joins the re-sent scan to that account, so expect 0."""
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bench._phone import ConnectionLost


@dataclass
class StampCheck:
    stored: int
    accepted: int
    in_doubt: int
    in_doubt_stored: int
    lost: int
    ghosts: int  # stamps on accounts no phone holds, explained by a re-sent first scan
    unexplained: int
    cards_off: int
    strict: bool  # no fault: stored must equal accepted exactly

    @property
    def ok(self) -> bool:
        exact = self.stored == self.accepted if self.strict else True
        return exact and self.lost == 0 and self.unexplained == 0 and self.cards_off == 0

    def lines(self) -> list[str]:
        return [f"stamps stored     {self.stored} (read back from PostgreSQL)",
                f"scans accepted    {self.accepted} (201 from the API, 303 to the card from the scan page)",
                f"answer lost       {self.in_doubt} scans (connection cut / 5xx / re-sent); "
                f"{self.in_doubt_stored} of them stamped",
                f"lost stamps       {self.lost}",
                f"doubled/extra     {self.unexplained}",
                f"ghost accounts    {self.ghosts} stamps on an anonymous account whose first scan was cut and "
                "re-sent (the shopper's card holds its stamp once; shop statistics count one scan more)",
                f"cards vs stamps   {self.cards_off} cards whose count differs from their stamp rows"]


def baseline(conn) -> tuple[int, int]:
    stamp = conn.execute("SELECT coalesce(max(id), 0) FROM stamp").fetchone()[0]
    user = conn.execute("SELECT coalesce(max(id), 0) FROM users").fetchone()[0]
    return stamp, user


def _account(phone):
    for _ in range(3):
        try:
            answer = phone.get("/api/v1/me", headers={"Accept": "application/json"})
        except ConnectionLost:
            continue
        if answer.status == 200:
            user = answer.json()["user"]
            return user["id"] if user else None
    return None


def check(conn, ledger, since: tuple[int, int], strict: bool) -> StampCheck:
    stamp0, user0 = since
    phones = list(ledger.scanned_phones)
    with ThreadPoolExecutor(8) as pool:
        accounts = dict(zip(phones, pool.map(_account, phones)))
    for phone in phones:
        phone.close()
    accepted = Counter((accounts[p], shop) for p, shop in ledger.accepted)
    doubt = Counter((accounts[p], shop) for p, shop in ledger.in_doubt)
    stored = Counter({(u, s): n for u, s, n in conn.execute(
        "SELECT user_id, shop_id, count(*) FROM stamp WHERE id > %s GROUP BY user_id, shop_id", (stamp0,))})
    known = {u for u in accounts.values() if u is not None}
    lost = sum(max(0, n - stored[key]) for key, n in accepted.items())
    extra_known = sum(max(0, n - accepted[key] - doubt[key]) for key, n in stored.items() if key[0] in known)
    doubt_stored = sum(min(max(0, n - accepted[key]), doubt[key]) for key, n in stored.items() if key[0] in known)
    # A phone whose very first scan lost its answer never got the new account's cookie.
    orphans = sum(n for key, n in stored.items() if key[0] not in known)
    orphan_room = sum(n for (u, _), n in doubt.items() if u is None)
    ghosts = min(max(0, orphans - orphan_room), ledger.ghost_risk)
    cards_off = conn.execute(
        "SELECT count(*) FROM card c WHERE c.programme_id IS NOT NULL AND c.user_id > %s AND c.stamps <> "
        "(SELECT count(*) FROM stamp s WHERE s.card_id = c.id)", (user0,)).fetchone()[0]
    return StampCheck(stored=sum(stored.values()), accepted=len(ledger.accepted), in_doubt=len(ledger.in_doubt),
                      in_doubt_stored=doubt_stored + min(orphans, orphan_room), lost=lost, ghosts=ghosts,
                      unexplained=extra_known + max(0, orphans - orphan_room - ghosts), cards_off=cards_off,
                      strict=strict)
