#!/usr/bin/env python3
"""Makes the example PSF kernels of Scenes/psf-kernel.yaml (and of Validation/galsim_compare.py's kernel cases).

Run from anywhere: ``python3 Scenes/psfs/make_kernels.py``. Pure NumPy, no randomness: the outputs are the same
on every machine (the .npy bytes depend only on NumPy's format, version 1.0 headers).

* ``band_g.npy`` -- 25 x 25 float32 at 0.2 arcsec per pixel (the image's scale): an elliptical Moffat
  (beta 3, FWHM 0.9 arcsec, g1 = 0.06, g2 = -0.03) plus a faint comatic tail toward +x: NOT centrosymmetric,
  so its transfer function is complex.
* ``band_r.npy`` -- 41 x 41 float64 at 0.1 arcsec per pixel (finer than the image): a round Moffat (beta 3.5,
  FWHM 0.7 arcsec) with a faint negative ring (-2e-4 of the peak), as PSF models often have.

Values are the surface brightness sampled at pixel centres, the centre of the array being ((W-1)/2, (H-1)/2);
SkySynth normalises them to unit sum.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def moffat(x, y, beta, fwhm):
    r0 = fwhm / (2 * np.sqrt(2 ** (1 / beta) - 1))
    return (1 + (x * x + y * y) / r0 ** 2) ** (-beta)


def grid(n, scale):
    c = (n - 1) / 2
    y, x = np.mgrid[0:n, 0:n]
    return (x - c) * scale, (y - c) * scale


def band_g():
    x, y = grid(25, 0.2)
    g1, g2 = 0.06, -0.03
    # Inverse shear: the profile at (x, y) is the round one at the sheared-back position (area preserving).
    g = np.hypot(g1, g2)
    norm = 1 / np.sqrt(1 - g * g)
    xs = norm * ((1 - g1) * x - g2 * y)
    ys = norm * (-g2 * x + (1 + g1) * y)
    core = moffat(xs, ys, 3.0, 0.9)
    tail = 0.08 * np.exp(-0.5 * (((x - 0.5) / 0.35) ** 2 + (y / 0.25) ** 2))
    return (core + tail).astype("<f4")


def band_r():
    x, y = grid(41, 0.1)
    r = np.hypot(x, y)
    ring = -2e-4 * np.exp(-0.5 * ((r - 1.5) / 0.15) ** 2)
    return (moffat(x, y, 3.5, 0.7) + ring).astype("<f8")


def main():
    for name, array in (("band_g.npy", band_g()), ("band_r.npy", band_r())):
        path = os.path.join(HERE, name)
        np.save(path, np.ascontiguousarray(array), allow_pickle=False)
        print(f"{path}: {array.shape} {array.dtype.str}, {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
