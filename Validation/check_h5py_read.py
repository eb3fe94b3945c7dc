"""Checks the README's three-line h5py read on a small freshly generated dataset.

Usage: python3 Validation/check_h5py_read.py PATH/TO/skysynth
Exit 0 when h5py reads /images as a float32 [N, B, H, W] array that matches the scene.
"""
import os
import subprocess
import sys
import tempfile

SCENE = """
name: h5py-check
description: two bands, a star and a galaxy, for the README's h5py snippet
seed: 5
count: 6
image: {size: [20, 16], pixel_scale: 0.2}
output: {noiseless: true}
bands:
  - {name: g, zero_point: 28, exposure_time: 10, sky: {electrons: 50}, psf: {type: gaussian, fwhm: 0.7}, noise: {type: ccd, gain: 2, read_noise: 3}}
  - {name: r, zero_point: 28, exposure_time: 10, sky: {electrons: 80}, psf: {type: moffat, beta: 3, fwhm: 0.8}, noise: {type: gaussian, sigma: 2}}
objects:
  - {type: sersic, n: 1.0, half_light_radius: 0.4, q: 0.6, beta: 20, magnitude: 21}
  - {type: star, offset: {uniform: [-1, 1]}, magnitude: 22}
"""


def main() -> int:
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/skysynth"
    import h5py
    import numpy as np

    with tempfile.TemporaryDirectory() as tmp:
        scene = os.path.join(tmp, "scene.yaml")
        out = os.path.join(tmp, "check.h5")
        with open(scene, "w") as f:
            f.write(SCENE)
        subprocess.run([binary, "generate", scene, "-o", out, "--quiet"], check=True, stdout=subprocess.DEVNULL)

        # The README's three lines:
        with h5py.File(out, "r") as f:
            images = f["images"][:]
            truth = f["truth"].asstr()[0]

        problems = []
        if images.dtype != np.float32:
            problems.append(f"dtype {images.dtype}, expected float32")
        if images.shape != (6, 2, 16, 20):
            problems.append(f"shape {images.shape}, expected (6, 2, 16, 20) = [N, B, H, W]")
        if not np.isfinite(images).all():
            problems.append("non-finite pixels")
        if '"index":0' not in truth:
            problems.append("truth[0] is not sample 0's JSON")
        if problems:
            print("h5py read check: FAILED: " + "; ".join(problems))
            return 1
        print(f"h5py read check: ok: images {images.dtype} {images.shape}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
