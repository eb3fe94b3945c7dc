/// Ray-shot images on a W×H stamp: each pixel is the mean over s×s sub-pixel rays (sub-pixel centres at offsets (k+0.5)/s − 0.5 pixel), times the pixel area, so the result is flux per pixel for unit source flux.
public enum RayShooter {
    /// Lensed source (evaluated at β = θ − α(θ)) — flux per pixel, unit intrinsic flux.
    public static func lensedImage(lens: LensModel, source: SersicLight, width: Int, height: Int, pixelScale: Double, supersample: Int) -> [Double] {
        DeflectionGrid(lens: lens, width: width, height: height, pixelScale: pixelScale, supersample: supersample).image(of: source)
    }

    /// Unlensed light (the lens galaxy's own light, evaluated at θ) on the same grid and supersampling.
    public static func unlensedImage(light: SersicLight, width: Int, height: Int, pixelScale: Double, supersample: Int) -> [Double] {
        DeflectionGrid.unlensed(width: width, height: height, pixelScale: pixelScale, supersample: supersample).image(of: light)
    }
}
