#!/usr/bin/env python3
"""Time the `skysynth bench` workloads in GalSim and in SkySynth, in one run on one machine.

Every workload runs for at least ``--seconds`` (default 3) after a few warm-up samples, single-threaded on both
sides: GalSim draws with ``drawImage(method='auto')`` and its own random numbers (the same parameter
distributions as the SkySynth scenes in Sources/skysynth/BenchWorkloads.swift), SkySynth runs
``skysynth bench --workloads W --seconds S --json F`` (one process per workload, alternating with GalSim so a
change in machine load hits both). A Markdown table is printed: workload, GalSim samples/s, SkySynth samples/s,
ratio (SkySynth / GalSim) and the target ratio.

These are figures, not a test: the exit status is 0 whenever the table was produced, whatever the ratios
(2 when SkySynth could not be run for some workload, 1 for usage errors).

Workloads (one *sample* = what one row of a dataset holds):
  galaxy          64×64 px at 0.2″, Sérsic (n ~ U(0.5, 4), r_e ~ U(0.3, 1.5)″, g1, g2 ~ U(±0.35), offset
                  ~ U(±0.1)″ per axis, mag ~ U(20, 24) at zero point 30, 1 s) ⊗ Moffat(β = 3, FWHM 0.9/0.8/0.7/0.7/0.75″)
                  in 5 bands, each + CCD noise (sky 100 e⁻/px, read noise 5 e⁻, gain 1)
  galaxy-n-fixed  the same with n = 1.5
  galaxy-write    galaxy + writing the images (SkySynth: its whole dataset, labels and truth included; GalSim: the
                  images with h5py, one chunk per sample)
  star            Moffat(β = 3, FWHM 0.8″) at a uniform sub-pixel offset, mag ~ U(20, 24), 1 band + CCD noise
  noise-64        CCD noise alone on a blank 64×64 image
  noise-1024      CCD noise alone on a blank 1024×1024 image
  field-2048      2048×2048 px, 500 galaxies as in `galaxy` spread uniformly, 1 band (FWHM 0.8″) + CCD noise;
                  GalSim draws each galaxy on its own stamp and adds it to the field

Reference workloads without a SkySynth counterpart yet (timed when the package is installed; see README.md):
  deepbench-shapes  DeepBench ShapeGenerator: one ellipse and one rectangle outline on 64×64
  lens-sie          lenstronomy: SIE + shear lens, elliptical Sérsic source and lens light, Gaussian PSF 0.8″,
                    64×64 at 0.2″, + CCD-like noise with numpy

Usage:
    python3 Validation/bench/bench_compare.py                       # all workloads, 3 s each per side
    python3 Validation/bench/bench_compare.py --workloads galaxy,star --seconds 5 --out bench.md
    SKYSYNTH=/path/to/skysynth python3 Validation/bench/bench_compare.py
    python3 Validation/bench/bench_compare.py --galsim-only         # no SkySynth binary needed
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Callable, Optional

import numpy as np

try:
    import galsim
except ImportError:  # pragma: no cover - environment problem, reported clearly
    sys.exit("galsim is not installed: pip install -r Validation/requirements.txt")

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(SCRIPT_DIR))
DEFAULT_BINARY = os.path.join(REPO_ROOT, ".build", "release", "skysynth")

WORKLOADS = ["galaxy", "galaxy-n-fixed", "galaxy-write", "star", "noise-64", "noise-1024", "field-2048"]
# Target ratio SkySynth / GalSim samples per second (None: no target).
TARGETS = {"galaxy": 100.0, "galaxy-n-fixed": 20.0, "star": 50.0}
EXTRAS = ["deepbench-shapes", "lens-sie"]

PIXEL_SCALE = 0.2          # arcsec / px
ZERO_POINT = 30.0          # mag giving 1 e⁻/s; exposure 1 s
GALAXY_FWHMS = (0.9, 0.8, 0.7, 0.7, 0.75)   # g r i z y, arcsec
STAR_FWHM = 0.8            # arcsec
FIELD_FWHM = 0.8           # arcsec
SKY, READ_NOISE, GAIN = 100.0, 5.0, 1.0     # e⁻/px, e⁻, e⁻/ADU
WARMUP = 8                 # samples drawn before timing (1 for field-2048)


# --------------------------------------------------------------------------------------------
# GalSim side: one function per workload that draws one sample
# --------------------------------------------------------------------------------------------

def flux_of(mag: float) -> float:
    return 10 ** (-0.4 * (mag - ZERO_POINT))


class GalSimWorkload:
    """Draws samples of one workload; ``sample()`` makes one, ``close()`` releases files."""

    def __init__(self, name: str, seed: int = 1):
        self.name = name
        self.ud = galsim.UniformDeviate(seed)
        self.noise = galsim.CCDNoise(galsim.BaseDeviate(seed + 1), sky_level=SKY, read_noise=READ_NOISE, gain=GAIN)
        self.bands, self.size = {
            "galaxy": (5, 64), "galaxy-n-fixed": (5, 64), "galaxy-write": (5, 64), "star": (1, 64),
            "noise-64": (1, 64), "noise-1024": (1, 1024), "field-2048": (1, 2048),
        }[name]
        fwhms = GALAXY_FWHMS if self.bands == 5 else ((FIELD_FWHM,) if name == "field-2048" else (STAR_FWHM,))
        self.psfs = [galsim.Moffat(beta=3.0, fwhm=f) for f in fwhms]
        self.images = [galsim.ImageF(self.size, self.size, scale=PIXEL_SCALE) for _ in range(self.bands)]
        self.h5 = None
        if name == "galaxy-write":
            self._open_h5()
        self.sample: Callable[[], None] = {
            "galaxy": lambda: self._galaxy(None),
            "galaxy-n-fixed": lambda: self._galaxy(1.5),
            "galaxy-write": self._galaxy_write,
            "star": self._star,
            "noise-64": self._noise,
            "noise-1024": self._noise,
            "field-2048": self._field,
        }[name]

    def u(self, low: float, high: float) -> float:
        return low + (high - low) * self.ud()

    def _galaxy_profile(self, n: Optional[float], offset: float):
        n = self.u(0.5, 4.0) if n is None else n
        gal = galsim.Sersic(n=n, half_light_radius=self.u(0.3, 1.5), flux=flux_of(self.u(20, 24)))
        gal = gal.shear(g1=self.u(-0.35, 0.35), g2=self.u(-0.35, 0.35))
        return gal.shift(self.u(-offset, offset), self.u(-offset, offset))

    def _galaxy(self, n: Optional[float]):
        gal = self._galaxy_profile(n, 0.1)
        for psf, image in zip(self.psfs, self.images):
            galsim.Convolve(gal, psf).drawImage(image=image, method="auto")
            image.addNoise(self.noise)

    def _open_h5(self):
        import h5py
        self.folder = tempfile.mkdtemp(prefix="bench-galsim-")
        self.h5 = h5py.File(os.path.join(self.folder, "galaxy-write.h5"), "w")
        self.rows = 0
        self.dataset = self.h5.create_dataset("images", shape=(0, 5, 64, 64), maxshape=(None, 5, 64, 64),
                                              dtype="f4", chunks=(1, 5, 64, 64))

    def _galaxy_write(self):
        self._galaxy(None)
        self.dataset.resize(self.rows + 1, axis=0)
        self.dataset[self.rows] = np.stack([image.array for image in self.images])
        self.rows += 1

    def _star(self):
        star = self.psfs[0].withFlux(flux_of(self.u(20, 24)))
        image = self.images[0]
        star.drawImage(image=image, method="auto", offset=(self.u(-0.5, 0.5), self.u(-0.5, 0.5)))
        image.addNoise(self.noise)

    def _noise(self):
        image = self.images[0]
        image.setZero()
        image.addNoise(self.noise)

    def _field(self):
        field = self.images[0]
        field.setZero()
        centre = field.true_center
        half = self.size * PIXEL_SCALE / 2
        for _ in range(500):
            gal = self._galaxy_profile(None, 0.0)
            position = centre + galsim.PositionD(self.u(-half, half) / PIXEL_SCALE, self.u(-half, half) / PIXEL_SCALE)
            stamp = galsim.Convolve(gal, self.psfs[0]).drawImage(scale=PIXEL_SCALE, center=position, method="auto")
            bounds = stamp.bounds & field.bounds
            if bounds.isDefined():
                field[bounds] += stamp[bounds]
        field.addNoise(self.noise)

    def close(self):
        if self.h5 is not None:
            self.h5.close()
            shutil.rmtree(self.folder, ignore_errors=True)


def time_loop(sample: Callable[[], None], seconds: float, warmup: int) -> dict:
    """Warm-up samples (setup), then samples until `seconds` have passed; samples and rates."""
    start = time.perf_counter()
    for _ in range(warmup):
        sample()
    setup = time.perf_counter() - start
    samples, start = 0, time.perf_counter()
    while True:
        sample()
        samples += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    return {"samples": samples, "seconds": elapsed, "samples_per_second": samples / elapsed, "setup_seconds": setup}


def run_galsim(name: str, seconds: float) -> dict:
    workload = GalSimWorkload(name)
    try:
        result = time_loop(workload.sample, seconds, 1 if name == "field-2048" else WARMUP)
    finally:
        workload.close()
    result["microseconds_per_band_stamp"] = 1e6 / (result["samples_per_second"] * workload.bands)
    return result


# --------------------------------------------------------------------------------------------
# SkySynth side
# --------------------------------------------------------------------------------------------

class SkySynthError(Exception):
    pass


def find_binary(explicit: Optional[str]) -> str:
    path = explicit or os.environ.get("SKYSYNTH") or DEFAULT_BINARY
    if os.sep not in path and not os.path.exists(path):
        path = shutil.which(path) or path
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise SkySynthError(f"SkySynth binary not found or not executable: {path}\n"
                            f"Build it with `swift build -c release` in {REPO_ROOT}, set SKYSYNTH=/path/to/skysynth, "
                            f"or run with --galsim-only.")
    return os.path.abspath(path)


def run_skysynth(binary: str, name: str, seconds: float, workdir: str) -> dict:
    out = os.path.join(workdir, f"{name}.json")
    cmd = [binary, "bench", "--workloads", name, "--seconds", f"{seconds:g}", "--json", out]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600 + 20 * seconds)
    except subprocess.TimeoutExpired:
        raise SkySynthError(f"timed out: {' '.join(cmd)}")
    if proc.returncode != 0:
        raise SkySynthError(f"exit status {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-400:]}")
    with open(out) as f:
        report = json.load(f)
    if report.get("debug_build"):
        print(f"warning: {binary} is a debug build; its figures are not representative", file=sys.stderr)
    row = report["results"][0]
    row["software_version"] = report.get("software_version")
    return row


# --------------------------------------------------------------------------------------------
# Reference workloads without a SkySynth counterpart yet
# --------------------------------------------------------------------------------------------

def extra_sampler(name: str) -> Optional[tuple]:
    """(sample function, what it is) for a reference workload, or None when its package is missing."""
    rng = np.random.default_rng(1)
    if name == "deepbench-shapes":
        try:
            from deepbench.shapes.shape_generator import ShapeGenerator
        except Exception:  # ImportError or a broken install
            return None
        shapes = ShapeGenerator(image_shape=(64, 64))

        def shapes_sample():
            centre = (float(rng.uniform(20, 44)), float(rng.uniform(20, 44)))
            image = shapes.create_ellipse(center=centre, width=int(rng.integers(10, 30)), height=int(rng.integers(10, 30)),
                                          angle=float(rng.uniform(0, 180)))
            image = image + shapes.create_rectangle(center=centre, width=int(rng.integers(10, 30)),
                                                    height=int(rng.integers(10, 30)), angle=float(rng.uniform(0, 180)))
            return image
        return shapes_sample, "DeepBench ShapeGenerator ellipse + rectangle outline, 64×64 (no noise)"
    if name == "lens-sie":
        try:
            from lenstronomy.Data.imaging_data import ImageData
            from lenstronomy.Data.psf import PSF as LensPSF
            from lenstronomy.ImSim.image_model import ImageModel
            from lenstronomy.LensModel.lens_model import LensModel
            from lenstronomy.LightModel.light_model import LightModel
            import lenstronomy.Util.simulation_util as sim_util
        except Exception:
            return None
        data = ImageData(**sim_util.data_configure_simple(num_pix=64, delta_pix=PIXEL_SCALE, exposure_time=1,
                                                          background_rms=READ_NOISE))
        psf = LensPSF(psf_type="GAUSSIAN", fwhm=STAR_FWHM, truncation=5, pixel_size=PIXEL_SCALE)
        model = ImageModel(data, psf, lens_model_class=LensModel(["SIE", "SHEAR"]),
                           source_model_class=LightModel(["SERSIC_ELLIPSE"]),
                           lens_light_model_class=LightModel(["SERSIC_ELLIPSE"]),
                           kwargs_numerics={"supersampling_factor": 1})

        def lens_sample():
            kwargs_lens = [{"theta_E": rng.uniform(0.8, 1.6), "e1": rng.uniform(-0.2, 0.2), "e2": rng.uniform(-0.2, 0.2),
                            "center_x": 0.0, "center_y": 0.0},
                           {"gamma1": rng.uniform(-0.05, 0.05), "gamma2": rng.uniform(-0.05, 0.05)}]
            kwargs_source = [{"amp": 50.0, "R_sersic": rng.uniform(0.1, 0.5), "n_sersic": rng.uniform(0.5, 4),
                              "e1": rng.uniform(-0.3, 0.3), "e2": rng.uniform(-0.3, 0.3),
                              "center_x": rng.uniform(-0.2, 0.2), "center_y": rng.uniform(-0.2, 0.2)}]
            kwargs_light = [{"amp": 100.0, "R_sersic": rng.uniform(0.5, 1.5), "n_sersic": rng.uniform(2, 4),
                             "e1": rng.uniform(-0.2, 0.2), "e2": rng.uniform(-0.2, 0.2), "center_x": 0.0, "center_y": 0.0}]
            image = model.image(kwargs_lens, kwargs_source, kwargs_lens_light=kwargs_light)
            electrons = np.clip(image, 0, None) + SKY
            return rng.poisson(electrons) - SKY + rng.normal(0, READ_NOISE, image.shape)
        return lens_sample, "lenstronomy SIE+shear, Sérsic source and lens light, Gaussian PSF, 64×64 + noise"
    raise ValueError(name)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def fmt(x: Optional[float], digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x:,.{digits}f}" if x >= 1 or digits >= 2 else f"{x:.3g}"


def table(rows: list) -> str:
    lines = ["| workload | GalSim samples/s | SkySynth samples/s | ratio | target | GalSim µs/band-stamp "
             "| SkySynth µs/band-stamp | SkySynth setup s | SkySynth peak RSS MB |",
             "|---|---:|---:|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        g, s = r.get("galsim") or {}, r.get("skysynth") or {}
        gr, sr = g.get("samples_per_second"), s.get("samples_per_second")
        ratio = sr / gr if gr and sr else None
        target = TARGETS.get(r["workload"])
        if target is None:
            target_text = "–"
        elif ratio is None:
            target_text = f"≥{target:g}×"
        else:
            target_text = f"≥{target:g}× ({'met' if ratio >= target else f'{ratio / target:.2f} of it'})"
        sky_text = fmt(sr) if sr else (f"unsupported: {s['unsupported']}" if s.get("unsupported")
                                       else s.get("error", "–"))
        lines.append(f"| {r['workload']} | {fmt(gr) if gr else g.get('error', '–')} | {sky_text} "
                     f"| {f'{ratio:,.1f}×' if ratio else '–'} | {target_text} "
                     f"| {fmt(g.get('microseconds_per_band_stamp'))} | {fmt(s.get('microseconds_per_band_stamp'))} "
                     f"| {fmt(s.get('setup_seconds'), 2)} | {fmt(s.get('peak_rss_mb'))} |")
    return "\n".join(lines)


def extras_table(rows: list) -> str:
    lines = ["| reference workload | what | samples/s | µs/sample | SkySynth |", "|---|---|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r['workload']} | {r['what']} | {fmt(r.get('samples_per_second'))} "
                     f"| {fmt(r.get('microseconds_per_sample'))} | TODO: no SkySynth workload yet |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workloads", help=f"comma-separated, from: {', '.join(WORKLOADS)} (default: all)")
    parser.add_argument("--seconds", type=float, default=3.0, help="minimum timed seconds per workload and side (3)")
    parser.add_argument("--skysynth", help="the skysynth binary (default: $SKYSYNTH or .build/release/skysynth)")
    parser.add_argument("--galsim-only", action="store_true", help="time GalSim only")
    parser.add_argument("--no-extras", action="store_true", help="skip the DeepBench / lenstronomy reference workloads")
    parser.add_argument("--out", help="also write the Markdown report to this file")
    parser.add_argument("--json-out", help="also write every figure as JSON to this file")
    args = parser.parse_args(argv)
    chosen = WORKLOADS if not args.workloads else [w.strip() for w in args.workloads.split(",") if w.strip()]
    unknown = [w for w in chosen if w not in WORKLOADS]
    if unknown or args.seconds <= 0:
        print(f"error: unknown workload(s) {', '.join(unknown)}; allowed: {', '.join(WORKLOADS)}" if unknown
              else "error: --seconds must be > 0", file=sys.stderr)
        return 1
    binary = None
    if not args.galsim_only:
        try:
            binary = find_binary(args.skysynth)
        except SkySynthError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1
    if hasattr(galsim, "set_omp_threads"):
        galsim.set_omp_threads(1)  # single thread, like `skysynth bench` by default

    rows, status = [], 0
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as workdir:
        for name in chosen:
            row = {"workload": name}
            print(f"{name}: ", end="", file=sys.stderr, flush=True)
            if binary:
                try:
                    row["skysynth"] = run_skysynth(binary, name, args.seconds, workdir)
                except (SkySynthError, OSError, ValueError, KeyError) as e:
                    row["skysynth"], status = {"error": f"error: {e}"}, 2
                print("SkySynth done, ", end="", file=sys.stderr, flush=True)
            try:
                row["galsim"] = run_galsim(name, args.seconds)
            except Exception as e:  # report and go on: this is a report, not a test
                row["galsim"] = {"error": f"error: {type(e).__name__}: {e}"}
            print("GalSim done", file=sys.stderr, flush=True)
            rows.append(row)

    extras = []
    if not args.no_extras:
        for name in EXTRAS:
            made = extra_sampler(name)
            if made is None:
                print(f"{name}: package not installed, skipped", file=sys.stderr)
                continue
            sample, what = made
            result = time_loop(sample, args.seconds, 2)
            extras.append({"workload": name, "what": what, **result,
                           "microseconds_per_sample": 1e6 / result["samples_per_second"]})

    version = next((r["skysynth"].get("software_version") for r in rows if r.get("skysynth", {}).get("software_version")), "?")
    header = (f"# SkySynth vs GalSim throughput\n\n"
              f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} · {machine()} · GalSim {galsim.__version__} · "
              f"SkySynth {version if binary else '(not run)'} · numpy {np.__version__} · single thread, "
              f"≥ {args.seconds:g} s per workload and side\n")
    report = header + "\n" + table(rows) + "\n"
    if extras:
        report += ("\nReference workloads without a SkySynth counterpart yet (Validation/bench/README.md, TODO):\n\n"
                   + extras_table(extras) + "\n")
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"machine": machine(), "galsim_version": galsim.__version__, "seconds": args.seconds,
                       "workloads": rows, "extras": extras}, f, indent=2, sort_keys=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
