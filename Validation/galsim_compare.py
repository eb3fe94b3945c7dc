#!/usr/bin/env python3
"""Compare SkySynth stamps with GalSim ``drawImage(method='auto')``.

Every case is rendered

  * by GalSim with its default GSParams,
  * by GalSim with tight GSParams (the reference: GalSim's own default accuracy is about 1e-4 of
    the peak, the same size as our target, so the tight image tells whether a difference is ours
    or GalSim's),
  * by SkySynth: one scene file per case (scene language v1), ``skysynth generate SCENE -o OUT.h5``,
    image ``/noiseless[0, 0]``.

and a Markdown table is printed: max |Δ| / peak against both GalSim images, the stamp-sum
difference relative to the flux, the SkySynth stamp sum relative to the flux, the centroid
difference in pixels and a verdict against the targets of CONVENTIONS.md (max |Δ| ≤ 1e-4 of the
peak, stamp sum within 1e-5 of the flux), judged against the tight GalSim image.

Conventions (CONVENTIONS.md, checked against GalSim by ``--check-conventions``): the array is
``[y, x]`` (row, column); the stamp centre is GalSim's ``image.true_center``, i.e. ``((W-1)/2,
(H-1)/2)`` 0-based; offsets are arcsec with +x toward larger column and +y toward larger row;
β is degrees counter-clockwise from +x; shears are GalSim's area-preserving reduced shears.

Exit status: 0 when the report was produced (differences above target are reported, not
failed: this is a report, not a test); 2 when SkySynth could not be run or its output could not
be read for some case (the table is still printed for the others); 1 for usage errors.

Usage:
    python3 Validation/galsim_compare.py                      # all cases, GalSim + SkySynth
    python3 Validation/galsim_compare.py --galsim-only        # GalSim default vs tight vs ultra
    python3 Validation/galsim_compare.py --cases 'sersic-n4*,star-moffat' --out results.md
    SKYSYNTH=/path/to/skysynth python3 Validation/galsim_compare.py
"""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from typing import Optional

import numpy as np

try:
    import galsim
except ImportError:  # pragma: no cover - environment problem, reported clearly
    sys.exit("galsim is not installed: pip install -r Validation/requirements.txt")

TARGET_PEAK = 1e-4   # max |Δ| / peak
TARGET_FLUX = 1e-5   # |sum(SkySynth) - sum(GalSim)| / flux

SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(SCRIPT_DIR)
DEFAULT_BINARY = os.path.join(REPO_ROOT, ".build", "release", "skysynth")

# GalSim accuracy levels. "default" is what users get; "tight" is the reference we judge against;
# "ultra" is only used by --galsim-only to show that "tight" itself has converged.
GSPARAMS = {
    "default": None,
    "tight": galsim.GSParams(folding_threshold=1e-4, maxk_threshold=1e-5, kvalue_accuracy=1e-7,
                             xvalue_accuracy=1e-7, maximum_fft_size=32768),
    "ultra": galsim.GSParams(folding_threshold=1e-5, maxk_threshold=1e-6, kvalue_accuracy=1e-8,
                             xvalue_accuracy=1e-8, maximum_fft_size=32768),
}


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Obj:
    """One object of a stamp. ``kind`` is 'sersic' or 'star'; lengths in arcsec, beta in degrees."""
    kind: str
    flux: float = 1e4
    offset: tuple = (0.0, 0.0)
    n: float = 1.0
    hlr: float = 0.6
    q: Optional[float] = None
    beta: Optional[float] = None
    g1: Optional[float] = None
    g2: Optional[float] = None


@dataclasses.dataclass(frozen=True)
class PSF:
    kind: str            # 'moffat', 'gaussian', 'airy' or 'kernel'
    fwhm: float          # Moffat and Gaussian
    beta: float = 3.0    # Moffat only
    lam_over_d: float = 0.0   # Airy only, arcsec
    obscuration: float = 0.0  # Airy only, fraction of the diameter
    kernel_file: str = ""     # kernel only: .npy file, relative to the repository root
    kernel_scale: float = 0.0  # kernel only: arcsec per kernel pixel
    recentre: bool = True      # kernel only: shift the kernel's centroid onto its centre


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    psf: PSF
    objects: tuple
    width: int = 64
    height: int = 64
    scale: float = 0.2

    @property
    def flux(self) -> float:
        return sum(o.flux for o in self.objects)


MOFFAT = PSF("moffat", fwhm=0.9, beta=3.0)
GAUSS = PSF("gaussian", fwhm=0.7)
AIRY = PSF("airy", fwhm=0.0, lam_over_d=0.3)
AIRY_OBSCURED = PSF("airy", fwhm=0.0, lam_over_d=0.3, obscuration=0.35)
# Pixelised kernels shared with Scenes/psf-kernel.yaml (made by Scenes/psfs/make_kernels.py): an asymmetric
# 25×25 kernel at the image's scale kept where its array puts it (tests the complex transfer's sign), and a
# 41×41 kernel sampled twice as finely as the image.
KERNEL_G = PSF("kernel", fwhm=0.0, kernel_file="Scenes/psfs/band_g.npy", kernel_scale=0.2, recentre=False)
KERNEL_R = PSF("kernel", fwhm=0.0, kernel_file="Scenes/psfs/band_r.npy", kernel_scale=0.1, recentre=True)


def _sersic(n, hlr=0.6, **kw):
    return Obj("sersic", n=n, hlr=hlr, **kw)


CASES = [
    # Round Sérsic ⊗ Moffat(3, 0.9″), r_e = 0.6″, centred.
    *[Case(f"sersic-n{n:g}", MOFFAT, (_sersic(n),)) for n in (0.5, 1, 1.5, 2.5, 4, 6)],
    # Sheared, (q, β) and (g1, g2).
    Case("sersic-n1-q0.5-b30", MOFFAT, (_sersic(1, q=0.5, beta=30),)),
    Case("sersic-n4-q0.5-b30", MOFFAT, (_sersic(4, q=0.5, beta=30),)),
    Case("sersic-n1-g1g2", MOFFAT, (_sersic(1, g1=0.2, g2=-0.15),)),
    Case("sersic-n4-g1g2", MOFFAT, (_sersic(4, g1=0.2, g2=-0.15),)),
    # Gaussian PSF.
    Case("sersic-n2-gauss", GAUSS, (_sersic(2),)),
    # Sub-pixel offsets: generic and exactly half a pixel (0.1″ = 0.5 px).
    Case("sersic-n1-offset", MOFFAT, (_sersic(1, offset=(0.13, -0.07)),)),
    Case("sersic-n4-q0.5-offset", MOFFAT, (_sersic(4, q=0.5, beta=30, offset=(0.13, -0.07)),)),
    Case("sersic-n1-halfpix", MOFFAT, (_sersic(1, offset=(0.1, 0.1)),)),
    Case("sersic-n4-halfpix", MOFFAT, (_sersic(4, offset=(0.1, 0.1)),)),
    # Sizes.
    Case("sersic-n4-re0.15", MOFFAT, (_sersic(4, hlr=0.15),)),
    Case("sersic-n1-re2.0", MOFFAT, (_sersic(1, hlr=2.0),)),
    Case("sersic-n6-re1.0", MOFFAT, (_sersic(6, hlr=1.0),)),
    # large, off-centre galaxy and a star near a corner: most light wrapped by the FFT (WrapCorrection)
    Case("sersic-n4-re1.5-off", MOFFAT, (_sersic(4, hlr=1.5, q=0.7, beta=25, offset=(1.4, -1.1)),)),
    Case("star-moffat-corner", MOFFAT, (Obj("star", offset=(5.3, -4.7)),)),
    # Stars.
    Case("star-moffat", MOFFAT, (Obj("star", offset=(0.05, 0.11)),)),
    Case("star-gauss", GAUSS, (Obj("star", offset=(0.05, 0.11)),)),
    Case("star-airy", AIRY, (Obj("star", offset=(0.05, 0.11)),)),
    Case("star-airy-obscured", AIRY_OBSCURED, (Obj("star", offset=(0.05, 0.11)),)),
    Case("sersic-n1-airy", AIRY_OBSCURED, (_sersic(1, q=0.6, beta=20),)),
    # Pixelised kernels (GalSim InterpolatedImage, x_interpolant='quintic').
    Case("star-kernel-g", KERNEL_G, (Obj("star", offset=(0.05, 0.11)),)),
    Case("sersic-n1.5-kernel-r", KERNEL_R, (_sersic(1.5, q=0.6, beta=20, offset=(0.13, -0.07)),)),
    # Two objects in one stamp.
    Case("galaxy+star", MOFFAT, (_sersic(2.5, q=0.7, beta=-40, offset=(-0.6, 0.3)),
                                 Obj("star", offset=(1.1, -0.9)))),
    # Extra geometry checks: odd size (centre on a pixel centre) and a non-square stamp
    # (catches width/height or x/y swaps); both with an asymmetric, offset galaxy.
    Case("odd-63x63", MOFFAT, (_sersic(1.5, q=0.6, beta=70, offset=(0.23, -0.31)),),
         width=63, height=63),
    Case("nonsquare-64x48", GAUSS, (_sersic(1.5, q=0.6, beta=70, offset=(0.23, -0.31)),),
         width=64, height=48),
]


def select_cases(spec: Optional[str]) -> list:
    if not spec:
        return list(CASES)
    patterns = [p.strip() for p in spec.split(",") if p.strip()]
    chosen, unmatched = [], []
    for p in patterns:
        hits = [c for c in CASES if fnmatch.fnmatchcase(c.name, p)]
        if not hits:
            unmatched.append(p)
        chosen.extend(c for c in hits if c not in chosen)
    if unmatched:
        names = ", ".join(c.name for c in CASES)
        raise SystemExit(f"error: no case matches {', '.join(unmatched)}; cases are: {names}")
    return chosen


# --------------------------------------------------------------------------------------------
# GalSim side
# --------------------------------------------------------------------------------------------

def galsim_psf(psf: PSF, gsp):
    if psf.kind == "moffat":
        return galsim.Moffat(beta=psf.beta, fwhm=psf.fwhm, gsparams=gsp)
    if psf.kind == "gaussian":
        return galsim.Gaussian(fwhm=psf.fwhm, gsparams=gsp)
    if psf.kind == "airy":
        return galsim.Airy(lam_over_diam=psf.lam_over_d, obscuration=psf.obscuration, gsparams=gsp)
    if psf.kind == "kernel":
        # The same file SkySynth reads; unit sum; centred on the array's true centre ((W-1)/2, (H-1)/2).
        # At its default settings GalSim's maxk for an InterpolatedImage comes from the sampled values alone
        # (calculate_maxk=True: about the kernel's Nyquist wavenumber), which drops the quintic interpolant's
        # alias images beyond it: ~1e-3 of the peak for a star behind a kernel sampled at the image's scale.
        # The reference levels draw the interpolated profile itself (calculate_maxk=False: maxk from the
        # interpolant, krange/scale) and pad more (pad_factor 8) so GalSim's k-space interpolation error shrinks.
        values = np.load(os.path.join(REPO_ROOT, psf.kernel_file)).astype(np.float64)
        values /= values.sum()
        ii = galsim.InterpolatedImage(galsim.ImageD(values, scale=psf.kernel_scale), x_interpolant="quintic",
                                      normalization="flux", use_true_center=True, gsparams=gsp,
                                      pad_factor=4 if gsp is None else 8, calculate_maxk=gsp is None)
        if psf.recentre:
            h, w = values.shape
            y, x = np.indices(values.shape)
            cx, cy = (values * x).sum() - (w - 1) / 2, (values * y).sum() - (h - 1) / 2
            ii = ii.shift(-cx * psf.kernel_scale, -cy * psf.kernel_scale)
        return ii
    raise ValueError(psf.kind)


def galsim_object(o: Obj, gsp):
    if o.kind == "sersic":
        prof = galsim.Sersic(n=o.n, half_light_radius=o.hlr, flux=o.flux, gsparams=gsp)
        if o.g1 is not None or o.g2 is not None:
            prof = prof.shear(g1=o.g1 or 0.0, g2=o.g2 or 0.0)
        elif o.q is not None and o.q != 1:
            prof = prof.shear(q=o.q, beta=(o.beta or 0.0) * galsim.degrees)
    elif o.kind == "star":
        prof = galsim.DeltaFunction(flux=o.flux, gsparams=gsp)
    else:
        raise ValueError(o.kind)
    return prof.shift(*o.offset)


def render_galsim(case: Case, level: str) -> np.ndarray:
    """The stamp as GalSim draws it: drawImage(method='auto'), profile centred on true_center."""
    gsp = GSPARAMS[level]
    psf = galsim_psf(case.psf, gsp)
    profiles = [galsim.Convolve(galsim_object(o, gsp), psf, gsparams=gsp) for o in case.objects]
    prof = profiles[0] if len(profiles) == 1 else galsim.Add(profiles, gsparams=gsp)
    image = galsim.ImageD(case.width, case.height, scale=case.scale)
    prof.drawImage(image=image, method="auto")   # use_true_center=True is the default
    return image.array.copy()


# --------------------------------------------------------------------------------------------
# SkySynth side
# --------------------------------------------------------------------------------------------

def _num(x: float) -> str:
    """A YAML number without exponent notation (YAML 1.1 resolvers read '1e4' as a string)."""
    return np.format_float_positional(float(x), trim="-")


def scene_yaml(case: Case) -> str:
    p = case.psf
    if p.kind == "moffat":
        psf = f"{{type: moffat, beta: {_num(p.beta)}, fwhm: {_num(p.fwhm)}}}"
    elif p.kind == "airy":
        psf = f"{{type: airy, lambda_over_d: {_num(p.lam_over_d)}, obscuration: {_num(p.obscuration)}}}"
    elif p.kind == "kernel":
        psf = (f"{{type: kernel, file: {os.path.join(REPO_ROOT, p.kernel_file)}, "
               f"pixel_scale: {_num(p.kernel_scale)}, recentre: {'true' if p.recentre else 'false'}}}")
    else:
        psf = f"{{type: gaussian, fwhm: {_num(p.fwhm)}}}"
    lines = [
        f"name: case-{case.name.replace('.', 'p').replace('+', '-')}",
        "description: validation case (Validation/galsim_compare.py)",
        "seed: 1",
        "count: 1",
        f"image: {{size: [{case.width}, {case.height}], pixel_scale: {_num(case.scale)}}}",
        "output: {noiseless: true}",
        "bands:",
        "  - name: r",
        "    zero_point: 30.0",
        "    exposure_time: 1.0",
        "    sky: {electrons: 0}",
        f"    psf: {psf}",
        "    noise: {type: none}",
        "objects:",
    ]
    for o in case.objects:
        lines.append(f"  - type: {o.kind}")
        if o.kind == "sersic":
            lines.append(f"    n: {_num(o.n)}")
            lines.append(f"    half_light_radius: {_num(o.hlr)}")
            if o.g1 is not None or o.g2 is not None:
                lines.append(f"    g1: {_num(o.g1 or 0.0)}")
                lines.append(f"    g2: {_num(o.g2 or 0.0)}")
            elif o.q is not None:
                lines.append(f"    q: {_num(o.q)}")
                lines.append(f"    beta: {_num(o.beta or 0.0)}")
        lines.append(f"    offset: {{x: {_num(o.offset[0])}, y: {_num(o.offset[1])}}}")
        lines.append(f"    flux: {_num(o.flux)}")
    return "\n".join(lines) + "\n"


class SkySynthError(Exception):
    pass


def find_binary(explicit: Optional[str]) -> str:
    path = explicit or os.environ.get("SKYSYNTH") or DEFAULT_BINARY
    source = "--skysynth" if explicit else ("$SKYSYNTH" if os.environ.get("SKYSYNTH") else "default")
    if os.sep not in path and not os.path.exists(path):
        found = shutil.which(path)
        if found:
            path = found
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise SkySynthError(
            f"SkySynth binary not found or not executable: {path} ({source}).\n"
            f"Build it with `swift build -c release` in {REPO_ROOT}, or set SKYSYNTH=/path/to/skysynth,\n"
            f"or run with --galsim-only to check the GalSim side alone.")
    return os.path.abspath(path)   # SkySynth runs with the work folder as its current directory


def render_skysynth(binary: str, case: Case, workdir: str, timeout: float) -> np.ndarray:
    import h5py

    stem = case.name.replace("+", "-")
    scene = os.path.join(workdir, f"{stem}.yaml")
    out = os.path.join(workdir, f"{stem}.h5")
    with open(scene, "w") as f:
        f.write(scene_yaml(case))
    if os.path.exists(out):
        os.remove(out)
    cmd = [binary, "generate", scene, "-o", out]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=workdir)
    except subprocess.TimeoutExpired:
        raise SkySynthError(f"timed out after {timeout:g} s: {' '.join(cmd)}")
    except OSError as e:
        raise SkySynthError(f"could not start {binary}: {e}")
    if proc.returncode != 0:
        msg = (proc.stderr.strip() or proc.stdout.strip() or "(no output)").splitlines()
        raise SkySynthError(f"exit status {proc.returncode}: {' | '.join(msg[-6:])}")
    if not os.path.exists(out):
        said = (proc.stdout.strip() + " " + proc.stderr.strip()).strip()[-300:]
        raise SkySynthError(f"exit status 0 but {out} was not written"
                            + (f" (output: {said!r})" if said else ""))
    try:
        with h5py.File(out, "r") as f:
            key = "noiseless" if "noiseless" in f else None
            if key is None:
                raise SkySynthError(f"{out} has no /noiseless dataset (datasets: {', '.join(f.keys())})")
            data = f[key]
            want = (case.height, case.width)
            if data.ndim != 4 or data.shape[0] < 1 or data.shape[1] < 1 or tuple(data.shape[2:]) != want:
                raise SkySynthError(f"/{key} has shape {data.shape}; expected [1, 1, {want[0]}, {want[1]}]")
            img = np.asarray(data[0, 0], dtype=np.float64)
    except OSError as e:
        raise SkySynthError(f"could not read {out}: {e}")
    if not np.all(np.isfinite(img)):
        raise SkySynthError(f"/noiseless contains {np.count_nonzero(~np.isfinite(img))} non-finite pixels")
    return img


# --------------------------------------------------------------------------------------------
# Metrics and report
# --------------------------------------------------------------------------------------------

def centroid(a: np.ndarray) -> tuple:
    y, x = np.indices(a.shape)
    s = a.sum()
    return (a * x).sum() / s, (a * y).sum() / s


@dataclasses.dataclass
class Diff:
    max_rel: float        # max |a - ref| / max(ref)
    dflux: float          # (sum(a) - sum(ref)) / flux
    sum_rel: float        # sum(a) / flux
    dcen: tuple           # centroid(a) - centroid(ref), pixels (x, y)


def compare(a: np.ndarray, ref: np.ndarray, flux: float) -> Diff:
    cx, cy = centroid(a)
    rx, ry = centroid(ref)
    return Diff(max_rel=float(np.max(np.abs(a - ref)) / np.max(ref)),
                dflux=float((a.sum() - ref.sum()) / flux),
                sum_rel=float(a.sum() / flux),
                dcen=(float(cx - rx), float(cy - ry)))


def fmt_e(x: float) -> str:
    return f"{x:.2e}"


def fmt_signed(x: float) -> str:
    return f"{x:+.2e}"


def fmt_cen(d: tuple) -> str:
    return f"({d[0]:+.1e}, {d[1]:+.1e})"


def markdown_table(header: list, rows: list) -> str:
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(str(h))
              for i, h in enumerate(header)]
    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), sep] + [line(r) for r in rows])


def galsim_only_report(cases: list) -> str:
    header = ["case", "max|Δ|/peak default vs tight", "Δsum/F default vs tight",
              "max|Δ|/peak tight vs ultra", "Δsum/F tight vs ultra", "sum/F (tight)", "peak (tight)",
              "GalSim time d/t/u (s)"]
    rows = []
    for case in cases:
        images, times = {}, []
        for level in ("default", "tight", "ultra"):
            t0 = time.perf_counter()
            images[level] = render_galsim(case, level)
            times.append(time.perf_counter() - t0)
        dt = compare(images["default"], images["tight"], case.flux)
        tu = compare(images["tight"], images["ultra"], case.flux)
        rows.append([case.name, fmt_e(dt.max_rel), fmt_signed(dt.dflux), fmt_e(tu.max_rel),
                     fmt_signed(tu.dflux), f"{images['tight'].sum() / case.flux:.6f}",
                     f"{images['tight'].max():.4f}", "/".join(f"{t:.2f}" for t in times)])
        print(f"  {case.name}: default vs tight {dt.max_rel:.2e}, tight vs ultra {tu.max_rel:.2e}",
              file=sys.stderr)
    notes = [
        f"GalSim {galsim.__version__}; {len(cases)} cases; flux F = sum of object fluxes (1e4 each).",
        "default = GalSim default GSParams; tight = folding_threshold 1e-4, maxk_threshold 1e-5, "
        "kvalue/xvalue_accuracy 1e-7; ultra = 1e-5, 1e-6, 1e-8.",
        "'default vs tight' is GalSim's own accuracy floor at default settings; "
        "'tight vs ultra' shows the tight reference has converged.",
    ]
    return markdown_table(header, rows) + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"


def verdict(vs_tight: Diff) -> str:
    reasons = []
    if vs_tight.max_rel > TARGET_PEAK:
        reasons.append("shape")
    if abs(vs_tight.dflux) > TARGET_FLUX:
        reasons.append("flux")
    return "PASS" if not reasons else "FAIL (" + ", ".join(reasons) + ")"


def full_report(cases: list, binary: str, workdir: str, timeout: float) -> tuple:
    header = ["case", "max|Δ|/peak vs GalSim default", "vs GalSim tight",
              "GalSim floor (default vs tight)", "Δsum/F vs tight", "sum/F SkySynth",
              "centroid Δ px (x, y)", "SkySynth time (s)", "verdict"]
    rows, errors = [], []
    n_pass = 0
    for case in cases:
        g_def = render_galsim(case, "default")
        g_tight = render_galsim(case, "tight")
        floor = compare(g_def, g_tight, case.flux)
        t0 = time.perf_counter()
        try:
            s = render_skysynth(binary, case, workdir, timeout)
        except SkySynthError as e:
            errors.append((case.name, str(e)))
            rows.append([case.name, "—", "—", fmt_e(floor.max_rel), "—", "—", "—",
                         f"{time.perf_counter() - t0:.2f}", "ERROR (SkySynth)"])
            print(f"  {case.name}: SkySynth error: {e}", file=sys.stderr)
            continue
        elapsed = time.perf_counter() - t0
        vd = compare(s, g_def, case.flux)
        vt = compare(s, g_tight, case.flux)
        v = verdict(vt)
        n_pass += v == "PASS"
        rows.append([case.name, fmt_e(vd.max_rel), fmt_e(vt.max_rel), fmt_e(floor.max_rel),
                     fmt_signed(vt.dflux), f"{vt.sum_rel:.6f}", fmt_cen(vt.dcen), f"{elapsed:.2f}", v])
        print(f"  {case.name}: vs default {vd.max_rel:.2e}, vs tight {vt.max_rel:.2e} -> {v}",
              file=sys.stderr)
    notes = [
        f"GalSim {galsim.__version__}; SkySynth binary {binary}.",
        f"{n_pass}/{len(cases)} cases PASS; targets: max |Δ| ≤ {TARGET_PEAK:g} of the peak and "
        f"|Δsum|/F ≤ {TARGET_FLUX:g}, judged against the tight GalSim image "
        "(folding_threshold 1e-4, maxk_threshold 1e-5, kvalue/xvalue_accuracy 1e-7).",
        "peak = max of the GalSim image compared with; F = total flux of the stamp's objects (1e4 each); "
        "sum/F < 1 where the profile extends beyond the stamp (e.g. large r_e, n = 6).",
        "'GalSim floor' is GalSim default vs GalSim tight: differences of that size against "
        "the default image are GalSim's, not ours.",
    ]
    if errors:
        notes.append("SkySynth errors: " + "; ".join(f"{n}: {e}" for n, e in errors))
    return markdown_table(header, rows) + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n", errors


# --------------------------------------------------------------------------------------------
# Convention self-check (GalSim side only)
# --------------------------------------------------------------------------------------------

def check_conventions() -> list:
    """Assert the GalSim conventions this script relies on; returns human-readable findings."""
    out = []
    im = galsim.ImageD(64, 64, scale=0.2)
    tc = im.true_center
    assert (tc.x, tc.y) == (32.5, 32.5) and im.bounds.xmin == 1, (tc, im.bounds)
    out.append("64×64: GalSim bounds start at 1, true_center = (32.5, 32.5) ⇒ (31.5, 31.5) 0-based, "
               f"the corner of four pixels; image.center = {im.center} (not used by drawImage by default).")
    im63 = galsim.ImageD(63, 63, scale=0.2)
    assert (im63.true_center.x, im63.true_center.y) == (32.0, 32.0)
    out.append("63×63: true_center = (32, 32) ⇒ (31, 31) 0-based, a pixel centre.")
    g = galsim.Gaussian(fwhm=0.7, flux=1.0)
    a = g.drawImage(image=im.copy(), method="auto").array
    cx, cy = centroid(a)
    assert abs(cx - 31.5) < 1e-9 and abs(cy - 31.5) < 1e-9
    a = g.shift(0.4, -0.2).drawImage(image=im.copy(), method="auto").array
    cx, cy = centroid(a)
    assert abs(cx - 33.5) < 1e-6 and abs(cy - 30.5) < 1e-6, (cx, cy)
    out.append("shift(0.4″, −0.2″) moves the centroid by (+2, −1) px in (column, row): "
               "+x = larger column, +y = larger row of image.array.")
    a = galsim.Gaussian(sigma=1.0).shear(q=0.5, beta=30 * galsim.degrees).drawImage(
        image=im.copy(), method="no_pixel").array
    y, x = np.indices(a.shape)
    s = a.sum(); mx = (a * x).sum() / s; my = (a * y).sum() / s
    ixx = (a * (x - mx) ** 2).sum(); iyy = (a * (y - my) ** 2).sum(); ixy = (a * (x - mx) * (y - my)).sum()
    angle = 0.5 * math.degrees(math.atan2(2 * ixy, ixx - iyy))
    assert abs(angle - 30) < 0.01, angle
    out.append(f"shear(q=0.5, β=30°): major axis at {angle:.3f}° from +x toward +y (counter-clockwise "
               "when row 0 is drawn at the bottom, origin='lower').")
    sh = galsim.Shear(q=0.5, beta=30 * galsim.degrees)
    gg = (1 - 0.5) / (1 + 0.5)
    assert abs(sh.g1 - gg * math.cos(math.radians(60))) < 1e-12
    assert abs(sh.g2 - gg * math.sin(math.radians(60))) < 1e-12
    out.append("Shear(q, β) = reduced shear g = (1−q)/(1+q), g1 = g cos 2β, g2 = g sin 2β.")
    a = galsim.Gaussian(sigma=1.0).shear(g1=0.2, g2=0).drawImage(image=im.copy(), method="no_pixel").array
    ixx = (a * (x - 31.5) ** 2).sum(); iyy = (a * (y - 31.5) ** 2).sum()
    assert ixx > 2 * iyy, (ixx, iyy)
    out.append(f"shear(g1=0.2): Ixx/Iyy = {ixx / iyy:.3f} = ((1+g)/(1−g))² = 2.25: g1 > 0 stretches along x (columns).")
    s0 = galsim.Sersic(n=1, half_light_radius=0.6)
    s1 = s0.shear(q=0.5, beta=0 * galsim.degrees)
    assert abs(s1.flux - s0.flux) < 1e-12
    jac = s1.jac if hasattr(s1, "jac") else None
    if jac is not None:
        assert abs(abs(np.linalg.det(jac)) - 1) < 1e-12
    out.append("Shears are area-preserving (det = 1), so the Sérsic r_e is the circularised sqrt(a b).")
    return out


# --------------------------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--galsim-only", action="store_true",
                    help="render only with GalSim: default vs tight vs ultra GSParams per case")
    ap.add_argument("--cases", metavar="NAME,...",
                    help="comma-separated case names or shell patterns (e.g. 'sersic-n4*,star-*')")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--out", metavar="FILE.md", help="also write the report to this Markdown file")
    ap.add_argument("--skysynth", metavar="PATH",
                    help=f"SkySynth binary (default: $SKYSYNTH or {os.path.relpath(DEFAULT_BINARY, os.getcwd())})")
    ap.add_argument("--workdir", metavar="DIR",
                    help="write scene files and HDF5 outputs here and keep them (default: a temporary folder, removed)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per SkySynth run (default 600)")
    ap.add_argument("--check-conventions", action="store_true",
                    help="verify the GalSim conventions the script relies on and exit")
    ap.add_argument("--print-scene", metavar="NAME", help="print the scene file of one case and exit")
    args = ap.parse_args(argv)

    if args.list:
        for c in CASES:
            print(f"{c.name:24s} {c.width}x{c.height} psf={c.psf.kind} objects={len(c.objects)}")
        return 0
    if args.print_scene:
        sys.stdout.write(scene_yaml(select_cases(args.print_scene)[0]))
        return 0
    if args.check_conventions:
        for line in check_conventions():
            print("- " + line)
        return 0

    cases = select_cases(args.cases)
    conv = check_conventions()   # fails loudly if a GalSim version changed a convention
    status = 0
    if args.galsim_only:
        title = "## GalSim accuracy floor (default vs tight GSParams)"
        body = galsim_only_report(cases)
    else:
        try:
            binary = find_binary(args.skysynth)
        except SkySynthError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        workdir = args.workdir or tempfile.mkdtemp(prefix="skysynth-validation-")
        os.makedirs(workdir, exist_ok=True)
        try:
            body, errors = full_report(cases, binary, workdir, args.timeout)
        finally:
            if not args.workdir:
                shutil.rmtree(workdir, ignore_errors=True)
        title = "## SkySynth vs GalSim drawImage(method='auto')"
        if errors:
            status = 2
            print(f"error: SkySynth could not produce {len(errors)} of {len(cases)} cases "
                  f"(see the table notes; rerun with --workdir DIR to keep the scene files).",
                  file=sys.stderr)
    report = f"{title}\n\n{body}\nGalSim conventions verified:\n\n" + "\n".join(f"- {c}" for c in conv) + "\n"
    print(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)
    return status


if __name__ == "__main__":
    sys.exit(main())
