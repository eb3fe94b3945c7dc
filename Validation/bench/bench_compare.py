#!/usr/bin/env python3
"""Time the `skysynth bench` workloads and the same workloads in GalSim, lenstronomy and DeepBench, in one run.

Every workload runs in ``--rounds`` (default 3) alternating rounds, each side for at least ``--seconds`` (default 3)
per round, single-threaded on both sides (the reference code after a few warm-up samples in its first round). The
reference code draws with its own random numbers from the same parameter distributions as the SkySynth scenes in
Sources/skysynth/BenchWorkloads.swift: GalSim for the galaxy, star, noise and field workloads
(``drawImage(method='auto')``), lenstronomy for ``lens`` (``ImageModel.image``), DeepBench for ``shapes``
(``ShapeGenerator``). SkySynth runs ``skysynth bench --workloads W --seconds S --json F`` (one process per workload
and round, alternating with the reference code so a change in machine load hits both). A Markdown table is printed:
workload, reference code, the median samples/s of each side, the ratio (SkySynth / reference: the median of the
rounds' ratios), each round's ratio, and the target ratio.

These are figures, not a test: the exit status is 0 whenever the table was produced, whatever the ratios
(2 when SkySynth could not be run for some workload, 1 for usage errors). A reference package that is not
installed leaves its cells as ``not installed: …`` (GalSim, lenstronomy and DeepBench are imported only when a
workload needs them).

Workloads (one *sample* = what one row of a dataset holds; the same on both sides unless said):
  galaxy          64×64 px at 0.2″, Sérsic (n ~ U(0.5, 4), r_e ~ U(0.3, 1.5)″, g1, g2 ~ U(±0.35), offset
                  ~ U(±0.1)″ per axis, mag ~ U(20, 24) at zero point 30, 1 s) ⊗ Moffat(β = 3, FWHM 0.9/0.8/0.7/0.7/0.75″)
                  in 5 bands, each + CCD noise (sky 100 e⁻/px, read noise 5 e⁻, gain 1)            [GalSim]
  galaxy-n-fixed  the same with n = 1.5                                                         [GalSim]
  galaxy-write    galaxy + writing the images (SkySynth: its whole dataset, labels and truth included; GalSim: the
                  images with h5py, one chunk per sample)                                       [GalSim]
  star            Moffat(β = 3, FWHM 0.8″) at a uniform sub-pixel offset, mag ~ U(20, 24), 1 band + CCD noise [GalSim]
  lens            64×64 at 0.2″, 5 bands (Moffat β = 3, FWHM 0.9/0.8/0.7/0.7/0.75″): SIE (θ_E ~ U(0.8, 2)″, e1, e2
                  ~ U(±0.2), at the stamp centre) + external shear (γ1, γ2 ~ U(±0.05)) lensing a round Sérsic source
                  (n ~ U(0.7, 2), r_e ~ U(0.1, 0.4)″, offset ~ U(±0.5)″ per axis, mag ~ U(21, 23) in every band), no
                  lens light, supersampling 3, each band + CCD noise.                           [lenstronomy]
                  lenstronomy: one ImageModel per band (PixelGrid, PSF 'PIXEL', LensModel(['SIE', 'SHEAR']),
                  LightModel(['SERSIC']), supersampling_factor 3, fft_static), built once; per sample new kwargs
                  and ``image()`` in each of the 5 bands, then Poisson(image + 100) − 100 + N(0, 5²) with numpy.
                  The PSF kernel is the Moffat sampled at pixel centres out to SkySynth's plane margin (where its
                  surface brightness drops below 2e-6/(64·64) of the flux per pixel: ±94 px for FWHM 0.9″; the
                  same half-width in every band, as SkySynth), normalised to unit sum: SkySynth's own kernel.
                  The Sérsic amp and R_sersic are remapped to the exact b_n (Validation/lens_reference.py).
  shapes          64×64 at 0.2″, 1 band, no PSF, no sky, no noise: one each of circle, ellipse, rectangle, regular
                  polygon (3–8 vertices), line, arc and ring, filled, with the parameter distributions of SkySynth's
                  `shapes` workload (its star polygon left out: DeepBench has none)             [DeepBench]
                  SkySynth: workload `shapes-deepbench` (exact pixel coverage, magnitude 18 each).
                  DeepBench: ShapeGenerator(image_shape=(64, 64)), the sum of 7 arrays as ShapeImage.combine_objects
                  makes it: create_ellipse (circle, ellipse; the ring as an outlined circle with line_width =
                  0.4 r), create_rectangle(fill=True), create_regular_polygon(fill=True), create_line,
                  create_arc (a wedge of width 0.3″ = 1.5 px), sizes converted to pixels (×5). DeepBench marks the
                  pixels whose centre falls inside (0/1, no anti-aliasing) and adds no noise.
  noise-64        CCD noise alone on a blank 64×64 image                                        [GalSim]
  noise-1024      CCD noise alone on a blank 1024×1024 image                                    [GalSim]
  field-2048      2048×2048 px, 500 galaxies as in `galaxy` spread uniformly, 1 band (FWHM 0.8″) + CCD noise;
                  GalSim draws each galaxy on its own stamp and adds it to the field            [GalSim]

Usage:
    python3 Validation/bench/bench_compare.py                       # all workloads, 3 rounds of 3 s per side
    python3 Validation/bench/bench_compare.py --rounds 1            # one round (the quick look, ~2.5 min)
    python3 Validation/bench/bench_compare.py --workloads galaxy,lens,shapes --seconds 5 --out bench.md
    SKYSYNTH=/path/to/skysynth python3 Validation/bench/bench_compare.py
    python3 Validation/bench/bench_compare.py --reference-only      # no SkySynth binary needed
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Callable, Optional

import numpy as np

galsim = None  # imported by need_galsim() when a GalSim workload runs

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(SCRIPT_DIR))
DEFAULT_BINARY = os.path.join(REPO_ROOT, ".build", "release", "skysynth")

WORKLOADS = ["galaxy", "galaxy-n-fixed", "galaxy-write", "star", "lens", "shapes", "noise-64", "noise-1024",
             "field-2048"]
# The reference code of each workload (GalSim unless listed).
REFERENCES = {"lens": "lenstronomy", "shapes": "DeepBench"}
# The `skysynth bench` workload of each row (the row's own name unless listed).
SKYSYNTH_WORKLOADS = {"shapes": "shapes-deepbench"}
# Target ratio SkySynth / reference samples per second (None: no target).
TARGETS = {"galaxy": 100.0, "galaxy-n-fixed": 20.0, "star": 50.0, "lens": 100.0, "shapes": 100.0}
INSTALL = {"GalSim": "pip install -r Validation/requirements.txt", "lenstronomy": "pip install lenstronomy==1.14.2",
           "DeepBench": "pip install deepbench==0.2.3"}

PIXEL_SCALE = 0.2          # arcsec / px
ZERO_POINT = 30.0          # mag giving 1 e⁻/s; exposure 1 s
GALAXY_FWHMS = (0.9, 0.8, 0.7, 0.7, 0.75)   # g r i z y, arcsec (galaxy and lens)
STAR_FWHM = 0.8            # arcsec
FIELD_FWHM = 0.8           # arcsec
MOFFAT_BETA = 3.0
SKY, READ_NOISE, GAIN = 100.0, 5.0, 1.0     # e⁻/px, e⁻, e⁻/ADU
WARMUP = {"field-2048": 1, "lens": 2, "shapes": 3}   # samples drawn before timing (8 otherwise)


class NotInstalled(Exception):
    """A reference package is missing; the row shows `not installed: …` instead of figures."""


def reference_of(name: str) -> str:
    return REFERENCES.get(name, "GalSim")


def need_galsim():
    global galsim
    if galsim is None:
        try:
            import galsim as module
        except ImportError:
            raise NotInstalled(INSTALL["GalSim"])
        galsim = module
        if hasattr(galsim, "set_omp_threads"):
            galsim.set_omp_threads(1)  # single thread, like `skysynth bench` by default
    return galsim


def package_version(name: str) -> Optional[str]:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


# --------------------------------------------------------------------------------------------
# GalSim side: one function per workload that draws one sample
# --------------------------------------------------------------------------------------------

def flux_of(mag: float) -> float:
    return 10 ** (-0.4 * (mag - ZERO_POINT))


class GalSimWorkload:
    """Draws samples of one workload; ``sample()`` makes one, ``close()`` releases files."""

    def __init__(self, name: str, seed: int = 1):
        need_galsim()
        self.name = name
        self.ud = galsim.UniformDeviate(seed)
        self.noise = galsim.CCDNoise(galsim.BaseDeviate(seed + 1), sky_level=SKY, read_noise=READ_NOISE, gain=GAIN)
        self.bands, self.size = {
            "galaxy": (5, 64), "galaxy-n-fixed": (5, 64), "galaxy-write": (5, 64), "star": (1, 64),
            "noise-64": (1, 64), "noise-1024": (1, 1024), "field-2048": (1, 2048),
        }[name]
        fwhms = GALAXY_FWHMS if self.bands == 5 else ((FIELD_FWHM,) if name == "field-2048" else (STAR_FWHM,))
        self.psfs = [galsim.Moffat(beta=MOFFAT_BETA, fwhm=f) for f in fwhms]
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


# --------------------------------------------------------------------------------------------
# lenstronomy side: `lens`
# --------------------------------------------------------------------------------------------

def skysynth_plane_margin(fwhms, size: int = 64) -> int:
    """SkySynth's PlaneConvolver.margin for Moffat PSFs: the radius (pixels, rounded up) beyond which the widest PSF's
    surface brightness stays below 2e-6 / (W·H) of its flux per pixel, found by steps of ×1.1 from the scale radius."""
    threshold = 2e-6 / (size * size) / (PIXEL_SCALE * PIXEL_SCALE)
    widest = 0.0
    for fwhm in fwhms:
        alpha = fwhm / (2 * math.sqrt(2 ** (1 / MOFFAT_BETA) - 1))
        r = alpha
        while (MOFFAT_BETA - 1) / (math.pi * alpha * alpha) * (1 + r * r / (alpha * alpha)) ** -MOFFAT_BETA > threshold:
            r *= 1.1
        widest = max(widest, r)
    cap = (1024 - 1 - size) // 2
    return max(0, min(cap, math.ceil(widest / PIXEL_SCALE)))


def moffat_kernel(fwhm: float, half: int) -> np.ndarray:
    """Moffat(β = 3, fwhm) sampled at pixel centres out to ±half pixels, normalised to unit sum (SkySynth's kernel)."""
    alpha = fwhm / (2 * math.sqrt(2 ** (1 / MOFFAT_BETA) - 1))
    x = (np.arange(2 * half + 1) - half) * PIXEL_SCALE
    kernel = (1 + (x[None, :] ** 2 + x[:, None] ** 2) / (alpha * alpha)) ** -MOFFAT_BETA
    return kernel / kernel.sum()


class LenstronomyLens:
    """The `lens` workload in lenstronomy: 5 ImageModels (one per band PSF) built once; ``sample()`` draws new
    parameters and renders + noises the 5 bands."""

    bands = 5

    def __init__(self, seed: int = 1):
        try:
            from scipy.special import gamma as gamma_fn, gammaincinv
            from lenstronomy.Data.pixel_grid import PixelGrid
            from lenstronomy.Data.psf import PSF
            from lenstronomy.ImSim.image_model import ImageModel
            from lenstronomy.LensModel.lens_model import LensModel
            from lenstronomy.LightModel.light_model import LightModel
        except ImportError:
            raise NotInstalled(INSTALL["lenstronomy"])
        self.gamma_fn, self.gammaincinv = gamma_fn, gammaincinv
        self.rng = np.random.default_rng(seed)
        size = 64
        corner = -(size - 1) / 2 * PIXEL_SCALE          # (0, 0) at the stamp centre, +x = column, +y = row
        grid = PixelGrid(nx=size, ny=size, transform_pix2angle=np.diag([PIXEL_SCALE, PIXEL_SCALE]),
                         ra_at_xy_0=corner, dec_at_xy_0=corner)
        lens_model = LensModel(lens_model_list=["SIE", "SHEAR"])
        source_model = LightModel(["SERSIC"])
        numerics = {"supersampling_factor": 3, "supersampling_convolution": False, "compute_mode": "regular",
                    "convolution_type": "fft_static"}
        self.half = skysynth_plane_margin(GALAXY_FWHMS, size)
        self.models = []
        for fwhm in GALAXY_FWHMS:
            psf = PSF(psf_type="PIXEL", kernel_point_source=moffat_kernel(fwhm, self.half),
                      point_source_supersampling_factor=1, kernel_point_source_normalisation=True)
            self.models.append(ImageModel(data_class=grid, psf_class=psf, lens_model_class=lens_model,
                                          source_model_class=source_model, kwargs_numerics=numerics))

    def sersic_kwargs(self, n: float, r_e: float, flux: float, x: float, y: float) -> dict:
        """lenstronomy SERSIC (b_L = 1.9992 n − 0.3271) remapped to the exact-b_n profile of total `flux`."""
        b = float(self.gammaincinv(2 * n, 0.5))
        b_l = max(1.9992 * n - 0.3271, 1e-5)
        central = b ** (2 * n) / (2 * math.pi * n * self.gamma_fn(2 * n) * r_e * r_e)
        return {"amp": flux * central * math.exp(-b_l), "R_sersic": r_e * (b_l / b) ** n, "n_sersic": n,
                "center_x": x, "center_y": y}

    def sample(self):
        u = self.rng.uniform
        kwargs_lens = [{"theta_E": u(0.8, 2.0), "e1": u(-0.2, 0.2), "e2": u(-0.2, 0.2), "center_x": 0.0, "center_y": 0.0},
                       {"gamma1": u(-0.05, 0.05), "gamma2": u(-0.05, 0.05), "ra_0": 0.0, "dec_0": 0.0}]
        n, r_e, x, y = u(0.7, 2.0), u(0.1, 0.4), u(-0.5, 0.5), u(-0.5, 0.5)
        kwargs_source = [self.sersic_kwargs(n, r_e, flux_of(u(21, 23)), x, y)]
        images = []
        for model in self.models:
            image = model.image(kwargs_lens=kwargs_lens, kwargs_source=kwargs_source)
            images.append(self.rng.poisson(image + SKY) - SKY + self.rng.normal(0.0, READ_NOISE, image.shape))
        return images

    def close(self):
        pass


# --------------------------------------------------------------------------------------------
# DeepBench side: `shapes`
# --------------------------------------------------------------------------------------------

class DeepBenchShapes:
    """The `shapes` workload in DeepBench: ``sample()`` draws one 64×64 image holding one shape of each of the 7
    kinds, summed as ShapeImage.combine_objects does (sizes are SkySynth's in arcsec × 5 px/arcsec)."""

    bands = 1

    def __init__(self, seed: int = 1):
        try:
            from deepbench.shapes.shape_generator import ShapeGenerator
        except Exception:  # ImportError, or a broken install
            raise NotInstalled(INSTALL["DeepBench"])
        self.shapes = ShapeGenerator(image_shape=(64, 64))
        self.rng = np.random.default_rng(seed)

    def u(self, low: float, high: float) -> float:
        return float(self.rng.uniform(low, high))

    def centre(self, half: float) -> tuple:
        px = 1 / PIXEL_SCALE
        return (31.5 + self.u(-half, half) * px, 31.5 + self.u(-half, half) * px)

    def sample(self):
        g, u, px = self.shapes, self.u, 1 / PIXEL_SCALE
        image = g.create_empty_shape()
        r = u(0.5, 2) * px                                                    # circle
        image += g.create_ellipse(center=self.centre(3), width=2 * r, height=2 * r, fill=True)
        a, q = u(1, 2.5) * px, u(0.3, 0.9)                                    # ellipse
        image += g.create_ellipse(center=self.centre(3), width=2 * a, height=2 * a * q, angle=u(0, 180), fill=True)
        image += g.create_rectangle(center=self.centre(3), width=u(1, 3) * px, height=u(0.5, 2) * px,  # rectangle
                                    angle=u(0, 90), line_width=0, fill=True)
        image += g.create_regular_polygon(center=self.centre(3), angle=math.radians(u(0, 360)),       # polygon
                                          vertices=int(self.rng.integers(3, 9)), radius=u(0.8, 2) * px, fill=True)
        length, angle = u(2, 6) * px, math.radians(u(0, 180))                 # line, 0.3″ wide
        (cx, cy), dx, dy = self.centre(2), length / 2 * math.cos(angle), length / 2 * math.sin(angle)
        image += g.create_line(start=(cx - dx, cy - dy), end=(cx + dx, cy + dy), line_width=0.3 * px)
        radius = u(1.5, 3) * px                                               # arc: outer radius, 0.3″ wide
        image += g.create_arc(center=self.centre(2), radius=radius + 0.15 * px, theta1=0.0, theta2=u(45, 270),
                              line_width=0.3 * px)
        outer = u(1, 2.5) * px                                                # ring: inner_ratio 0.6
        image += g.create_ellipse(center=self.centre(3), width=2 * outer, height=2 * outer, fill=False,
                                  line_width=0.4 * outer)
        return image

    def close(self):
        pass


class ReferenceRunner:
    """One workload in its reference code, built and warmed up once, then timed once per round."""

    def __init__(self, name: str):
        workload = {"lens": LenstronomyLens, "shapes": DeepBenchShapes}.get(name, GalSimWorkload)
        self.workload = workload() if name in REFERENCES else workload(name)
        self.warmup = WARMUP.get(name, 8)

    def time(self, seconds: float) -> dict:
        """Samples for at least `seconds` (after the warm-up samples on the first call)."""
        result = time_loop(self.workload.sample, seconds, self.warmup)
        self.warmup = 0
        result["microseconds_per_band_stamp"] = 1e6 / (result["samples_per_second"] * self.workload.bands)
        return result

    def close(self):
        self.workload.close()


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
                            f"or run with --reference-only.")
    return os.path.abspath(path)


def run_skysynth(binary: str, name: str, seconds: float, workdir: str) -> dict:
    out = os.path.join(workdir, f"{name}.json")
    cmd = [binary, "bench", "--workloads", SKYSYNTH_WORKLOADS.get(name, name), "--seconds", f"{seconds:g}", "--json", out]
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
    row["instruction_set"] = report.get("instruction_set")
    return row


def summary(rounds: list) -> dict:
    """The rounds of one side: the median of each rate (the last round's other fields), and every round."""
    result = dict(rounds[-1])
    for key in ("samples_per_second", "microseconds_per_band_stamp", "setup_seconds"):
        values = [r[key] for r in rounds if r.get(key) is not None]
        if values:
            result[key] = statistics.median(values)
    if any(r.get("peak_rss_mb") is not None for r in rounds):
        result["peak_rss_mb"] = max(r["peak_rss_mb"] for r in rounds if r.get("peak_rss_mb") is not None)
    result["samples"] = sum(r["samples"] for r in rounds)
    result["rounds"] = rounds
    return result


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def fmt(x: Optional[float], digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x:,.{digits}f}" if x >= 1 or digits >= 2 else f"{x:.3g}"


def table(rows: list) -> str:
    lines = ["| workload | reference | reference samples/s | SkySynth samples/s | ratio | ratio per round | target "
             "| reference µs/band-stamp | SkySynth µs/band-stamp | SkySynth setup s | SkySynth peak RSS MB |",
             "|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|"]
    for r in rows:
        g, s = r.get("reference") or {}, r.get("skysynth") or {}
        gr, sr = g.get("samples_per_second"), s.get("samples_per_second")
        rounds = r.get("round_ratios") or []
        ratio = statistics.median(rounds) if rounds else (sr / gr if gr and sr else None)
        per_round = " / ".join(f"{x:,.1f}" for x in rounds) if rounds else "–"
        target = TARGETS.get(r["workload"])
        if target is None:
            target_text = "–"
        elif ratio is None:
            target_text = f"≥{target:g}×"
        else:
            target_text = f"≥{target:g}× ({'met' if ratio >= target else f'{ratio / target:.2f} of it'})"
        sky_text = fmt(sr) if sr else (f"unsupported: {s['unsupported']}" if s.get("unsupported")
                                       else s.get("error", "–"))
        workload = r["workload"]
        if SKYSYNTH_WORKLOADS.get(workload, workload) != workload:
            workload += f" (SkySynth `{SKYSYNTH_WORKLOADS[workload]}`)"
        lines.append(f"| {workload} | {r['reference_code']} | {fmt(gr) if gr else g.get('error', '–')} | {sky_text} "
                     f"| {f'{ratio:,.1f}×' if ratio else '–'} | {per_round} | {target_text} "
                     f"| {fmt(g.get('microseconds_per_band_stamp'))} | {fmt(s.get('microseconds_per_band_stamp'))} "
                     f"| {fmt(s.get('setup_seconds'), 2)} | {fmt(s.get('peak_rss_mb'))} |")
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
    parser.add_argument("--seconds", type=float, default=3.0,
                        help="minimum timed seconds per workload, side and round (3)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating rounds per workload; the ratio is the median of the rounds' ratios (3)")
    parser.add_argument("--skysynth", help="the skysynth binary (default: $SKYSYNTH or .build/release/skysynth)")
    parser.add_argument("--reference-only", "--galsim-only", dest="reference_only", action="store_true",
                        help="time the reference code (GalSim, lenstronomy, DeepBench) only")
    parser.add_argument("--out", help="also write the Markdown report to this file")
    parser.add_argument("--json-out", help="also write every figure as JSON to this file")
    args = parser.parse_args(argv)
    chosen = WORKLOADS if not args.workloads else [w.strip() for w in args.workloads.split(",") if w.strip()]
    unknown = [w for w in chosen if w not in WORKLOADS]
    if unknown or args.seconds <= 0 or args.rounds < 1:
        print(f"error: unknown workload(s) {', '.join(unknown)}; allowed: {', '.join(WORKLOADS)}" if unknown
              else "error: --seconds must be > 0" if args.seconds <= 0 else "error: --rounds must be ≥ 1",
              file=sys.stderr)
        return 1
    binary = None
    if not args.reference_only:
        try:
            binary = find_binary(args.skysynth)
        except SkySynthError as e:
            print(f"error: {e}", file=sys.stderr)
            return 1

    rows, status = [], 0
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as workdir:
        for name in chosen:
            code = reference_of(name)
            row = {"workload": name, "skysynth_workload": SKYSYNTH_WORKLOADS.get(name, name), "reference_code": code}
            print(f"{name}: ", end="", file=sys.stderr, flush=True)
            try:
                reference = ReferenceRunner(name)
            except NotInstalled as e:
                reference, row["reference"] = None, {"error": f"not installed: {e}"}
            except Exception as e:  # report and go on: this is a report, not a test
                reference, row["reference"] = None, {"error": f"error: {type(e).__name__}: {e}"}
            sky_rounds, reference_rounds, ratios = [], [], []
            runner = reference  # closed at the end even if a round fails
            try:
                # SkySynth, then the reference, then SkySynth again…: each round's ratio compares two runs seconds
                # apart, so a change in machine speed between rounds moves both sides of that round alike.
                for _ in range(args.rounds):
                    sky = reference_round = None
                    if binary and "error" not in row.get("skysynth", {}):  # no retry after a failure
                        try:
                            sky = run_skysynth(binary, name, args.seconds, workdir)
                            sky_rounds.append(sky)
                        except (SkySynthError, OSError, ValueError, KeyError) as e:
                            row["skysynth"], status = {"error": f"error: {e}"}, 2
                    if reference:
                        try:
                            reference_round = reference.time(args.seconds)
                            reference_rounds.append(reference_round)
                        except Exception as e:
                            row["reference"], reference = {"error": f"error: {type(e).__name__}: {e}"}, None
                    if sky and reference_round:
                        ratios.append(sky["samples_per_second"] / reference_round["samples_per_second"])
                    print(".", end="", file=sys.stderr, flush=True)
            finally:
                if runner:
                    runner.close()
            if sky_rounds and "error" not in row.get("skysynth", {}):
                row["skysynth"] = summary(sky_rounds)
            if reference_rounds and "error" not in row.get("reference", {}):
                row["reference"] = summary(reference_rounds)
            row["round_ratios"] = ratios
            print(f" {code} {'done' if 'samples' in row.get('reference', {}) else row['reference']['error']}",
                  file=sys.stderr, flush=True)
            rows.append(row)

    version = next((r["skysynth"].get("software_version") for r in rows if r.get("skysynth", {}).get("software_version")), "?")
    build = next((r["skysynth"].get("instruction_set") for r in rows if r.get("skysynth", {}).get("instruction_set")), None)
    if build:
        version = f"{version} ({build} build)"
    codes = sorted({r["reference_code"] for r in rows})
    versions = {"GalSim": package_version("galsim"), "lenstronomy": package_version("lenstronomy"),
                "DeepBench": package_version("deepbench")}
    used = " · ".join(f"{c} {versions.get(c) or '(not installed)'}" for c in codes)
    header = (f"# SkySynth vs {', '.join(codes)} throughput\n\n"
              f"{datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} · {machine()} · {used} · "
              f"SkySynth {version if binary else '(not run)'} · numpy {np.__version__} · single thread, "
              f"≥ {args.seconds:g} s per workload, side and round, {args.rounds} alternating round"
              f"{'s' if args.rounds != 1 else ''} (ratio: median of the rounds'; samples/s: medians)\n")
    report = header + "\n" + table(rows) + "\n"
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"machine": machine(), "reference_versions": versions, "seconds": args.seconds, "rounds": args.rounds,
                       "workloads": rows}, f, indent=2, sort_keys=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
