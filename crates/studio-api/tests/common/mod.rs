//! What the studio-api tests share: real photos made on the spot.

use std::io::Cursor;

/// A landscape photo: warm on the left half, cool on the right.
pub fn photo_bytes(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761) | 1;
    let picture = image::RgbImage::from_fn(width, height, |x, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let n = (state % 24) as u8;
        if x < width / 2 {
            image::Rgb([210 + n / 2, 100 + n, 40])
        } else {
            image::Rgb([30, 100 + n, 200 + n / 2])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(Cursor::new(&mut jpeg), 95).encode_image(&picture).unwrap();
    jpeg
}
