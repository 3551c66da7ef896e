"""Do hostile uploads slow the public pages down? p50/p95 of the city home (/brugge/) alone and
while three worst-case image uploads run back to back, on the real stack (scratch PostgreSQL with
the demo data, gunicorn with gunicorn.conf.py, Redis for the limits), next to a bare Flask hello
served by the same gunicorn settings in the same run.

Worst case: a PNG of just under 40 megapixels (6320 x 6320, one colour, so a small file). PNG has no
reduced-scale decoding, so every upload really decodes all its pixels. The upload limit per account
is raised for the run (the three uploaders share the Brugge marketer's account); the per-worker
image semaphore (KICK_IMAGE_CONCURRENCY) is what is being measured.

    bench/upload_pressure                 # 15 s per phase
    bench/upload_pressure --seconds 30 --redis-url redis://127.0.0.1:6379/0
"""
import argparse
import io
import re
import tempfile
import threading
import time
from pathlib import Path

from bench._phone import ConnectionLost, Phone
from bench._report import percentile
from bench._stack import Gunicorn, ScratchDatabase, bench_env

HOME = "/brugge/"
MARKETER = "marketer@brugge.kick.test"
VERSION = re.compile(r'name="cover-version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="cover-version"')


def say(message: str) -> None:
    print(f"[upload_pressure] {message}", flush=True)


def worst_case_png() -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (6320, 6320), (30, 90, 160)).save(buf, "PNG")
    return buf.getvalue()


def latencies(base: str, path: str, seconds: float) -> tuple[list[float], int]:
    """Sequential GETs from one phone for `seconds`: client-side milliseconds of each 200."""
    phone, times, errors = Phone(base), [], 0
    for _ in range(5):  # warm-up: keep-alive connection, compiled templates, city snapshot
        phone.get(path)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            answer = phone.get(path)
        except ConnectionLost:
            errors += 1
            continue
        if answer.status == 200:
            times.append(answer.seconds * 1000)
        else:
            errors += 1
    phone.close()
    return times, errors


def log_in(base: str, password: str) -> Phone:
    phone = Phone(base)
    phone.csrf = phone.get("/api/v1/me").json()["csrf_token"]
    answer = phone.post_form("/login", {"email": MARKETER, "password": password, "csrf_token": phone.csrf})
    if answer.status != 302:
        raise SystemExit(f"marketer login answered {answer.status}")
    phone.csrf = phone.get("/api/v1/me").json()["csrf_token"]
    return phone


def multipart(fields: dict, file_field: str, filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = "kickbench" + str(time.monotonic_ns())
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
             for name, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{filename}"\r\n'
                 f"Content-Type: image/png\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


class Uploader(threading.Thread):
    """Uploads the worst-case image as a trail's cover photo, again and again, until stopped."""

    def __init__(self, base: str, password: str, trail_id: int, image: bytes, stop: threading.Event):
        super().__init__(daemon=True)
        self.base, self.password, self.trail_id, self.image, self.stop = base, password, trail_id, image, stop
        self.statuses: dict[int, int] = {}
        self.seconds: list[float] = []

    def run(self) -> None:
        phone = log_in(self.base, self.password)
        editor = f"/brugge/studio/trails/{self.trail_id}"
        while not self.stop.is_set():
            match = VERSION.search(phone.get(editor).text())
            version = (match.group(1) or match.group(2)) if match else "0"
            body, content_type = multipart({"csrf_token": phone.csrf, "cover-version": version,
                                            "cover-cover_alt_nl": "Zicht"}, "cover-cover", "big.png", self.image)
            try:
                answer = phone.request("POST", editor + "/cover", body, content_type)
            except ConnectionLost:
                self.statuses[0] = self.statuses.get(0, 0) + 1
                continue
            self.statuses[answer.status] = self.statuses.get(answer.status, 0) + 1
            self.seconds.append(answer.seconds)
        phone.close()


def trail_ids(database: ScratchDatabase, count: int) -> list[int]:
    with database.connect() as conn:
        rows = conn.execute("SELECT trail.id FROM trail JOIN city ON city.id = trail.city_id "
                            "WHERE city.slug = 'brugge' ORDER BY trail.id LIMIT %s", (count,)).fetchall()
    return [row[0] for row in rows]


def summary(name: str, times: list[float], errors: int) -> str:
    return (f"{name:<34} p50 {percentile(times, 50):7.1f} ms   p95 {percentile(times, 95):7.1f} ms"
            f"   n={len(times)}" + (f"   errors={errors}" if errors else ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=15, help="length of each measured phase")
    parser.add_argument("--uploads", type=int, default=3, help="concurrent uploaders")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--password", default="kick-demo", help="the demo accounts' password")
    args = parser.parse_args()
    image = worst_case_png()
    with tempfile.TemporaryDirectory(prefix="kick-upload-pressure-") as tmp:
        root = Path(tmp)
        say("creating the scratch database, migrating, loading the demo data")
        database = ScratchDatabase(media_root=root / "media")
        env = bench_env(database.url, args.redis_url, root / "media")
        env["KICK_UPLOAD_LIMIT_PER_ACCOUNT"] = "100000 per hour"  # three uploaders, one account
        server = hello = None
        try:
            say("bare Flask hello (same gunicorn settings)")
            hello = Gunicorn("bench.hello_app:app", env, root, "hello")
            hello.wait_for_workers(int(env["KICK_WORKERS"]))
            hello_times, hello_errors = latencies(hello.url, "/", args.seconds)
            hello.close()
            hello = None

            say(f"KICK City on {database.name}, {env['KICK_WORKERS']} workers")
            server = Gunicorn("wsgi:app", env, root, "kick")
            server.wait_for_workers(int(env["KICK_WORKERS"]))
            alone, alone_errors = latencies(server.url, HOME, args.seconds)

            say(f"{args.uploads} uploaders of a {len(image) // 1024} KB 6320x6320 PNG (39.9 Mpx)")
            stop = threading.Event()
            uploaders = [Uploader(server.url, args.password, trail, image, stop)
                         for trail in trail_ids(database, args.uploads)]
            for uploader in uploaders:
                uploader.start()
            time.sleep(2)  # the uploads are under way
            pressed, pressed_errors = latencies(server.url, HOME, args.seconds)
            stop.set()
            for uploader in uploaders:
                uploader.join(timeout=60)
        finally:
            if hello is not None:
                hello.close()
            if server is not None:
                server.close()
            database.close()
    hello_p50 = percentile(hello_times, 50)
    print()
    print(summary("bare Flask hello /", hello_times, hello_errors))
    print(summary(f"city home {HOME} alone", alone, alone_errors))
    print(summary(f"city home {HOME} + {args.uploads} uploads", pressed, pressed_errors))
    print(f"ratio to hello p50: alone {percentile(alone, 50) / hello_p50:.1f}x, "
          f"during uploads {percentile(pressed, 50) / hello_p50:.1f}x; "
          f"home p50 during uploads / alone: {percentile(pressed, 50) / percentile(alone, 50):.2f}x")
    statuses: dict[int, int] = {}
    for uploader in uploaders:
        for status, count in uploader.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    seconds = [s for uploader in uploaders for s in uploader.seconds]
    print(f"uploads answered: {dict(sorted(statuses.items()))}; upload p50 {percentile(seconds, 50):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
