import SkyRender

/// Root attributes every dataset carries besides those the writer derives from the scene.
enum DatasetAttributes {
    /// Software and library versions, the image unit, and every convention of CONVENTIONS.md. A merge passes the
    /// versions its parts recorded, so the merged file's attributes equal a single-process run's.
    static func standard(softwareVersion: String = SkySynth.version, overrides: String,
                         fftw: String = LibraryVersions.fftw, gsl: String = LibraryVersions.gsl) -> [(String, String)] {
        [
            ("software", "skysynth"),
            ("software_version", softwareVersion),
            ("command_line_overrides", overrides),
            ("fftw_version", fftw),
            ("gsl_version", gsl),
            ("image_unit", "ADU"),
            ("convention_array_order", "images[sample, band, y, x]: row-major, x is the column, y the row"),
            ("convention_pixel_centres", "pixel (i, j) (0-based column i, row j) has its centre at (i, j)"),
            ("convention_stamp_centre", "geometric centre ((W-1)/2, (H-1)/2): GalSim true_center"),
            ("convention_offsets", "arcsec from the stamp centre; +x toward larger column, +y toward larger row"),
            ("convention_angles", "degrees; position angle beta counter-clockwise from +x"),
            ("convention_pixel_integration", "pixel value = integral of (profile ⊗ PSF) over the pixel area (GalSim method='auto')"),
            ("convention_ellipticity", "reduced shear g=(1-q)/(1+q), g1=g cos 2beta, g2=g sin 2beta, area-preserving; half_light_radius is circularised sqrt(a b)"),
            ("convention_sersic", "I(r)=I0 exp(-b_n (r/r_e)^(1/n)), b_n the exact root of gamma(2n,b_n)=Gamma(2n)/2, untruncated"),
            ("convention_psf", "normalised to unit flux; Gaussian(FWHM), Moffat(beta, FWHM) untruncated, Airy(lambda/D, obscuration as a fraction of D)"),
            ("convention_flux", "electrons = exposure_time * 10^(-0.4 (magnitude - zero_point))"),
            ("convention_noise", "ccd: Poisson(signal+sky electrons) + Normal(0, read_noise), divided by gain; gaussian: + Normal(0, sigma ADU); sky mean subtracted when subtract_sky"),
            ("convention_noiseless", "noiseless = signal electrons / gain, without sky"),
            ("convention_seeds", "every random number is Philox4x32-10 keyed by the master seed at (sample, stream, object, band, index)"),
            ("convention_shards", "a part made with --shard K/N holds samples floor(K*count/N) ..< floor((K+1)*count/N); merge rebuilds the single-process file"),
            ("convention_fft", "Fourier-space drawing; FFT size rule: smallest of 32..1024 (2^a 3^b 5^c) holding the stamp and each object's light out to 2e-6/(W*H) of its flux per pixel"),
        ]
    }
}
