//! How the app behaves as a desktop program: one window per library, and
//! files handed to it on the command line (or by a second start) imported.

use std::path::{Path, PathBuf};

use crate::{ImportReport, Studio, StudioResult};

/// The name the running app holds on the session bus for the library in
/// `data_dir`: a second start on the same library finds the first by it and
/// hands it its arguments; another library gets a window of its own.
pub fn instance_id(data_dir: &Path) -> String {
    let dir = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_owned());
    let dir = dir.canonicalize().unwrap_or(dir);
    // FNV-1a: stable across builds and runs, which std's hasher is not
    // promised to be. It only tells libraries apart; it guards nothing.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in dir.as_os_str().as_encoded_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    // Bus name elements may not start with a digit.
    format!("{}.library_{hash:016x}", crate::APP_IDENTIFIER)
}

/// The files named on a command line (`argv` with the program first), made
/// absolute against `cwd`; options and their values are not files.
pub fn files_in_arguments(argv: &[String], cwd: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut args = argv.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            args.next();
        } else if !arg.starts_with('-') {
            files.push(cwd.join(arg));
        }
    }
    files
}

impl Studio {
    /// Imports the files named on a command line into the media library (a
    /// second start of the app hands its arguments to the first); `None`
    /// when it named none.
    pub async fn open_files(&self, argv: Vec<String>, cwd: String) -> StudioResult<Option<ImportReport>> {
        let files = files_in_arguments(&argv, Path::new(&cwd));
        if files.is_empty() {
            return Ok(None);
        }
        let paths = files.iter().map(|f| f.to_string_lossy().into_owned()).collect();
        self.import_media(paths).await.map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_name_files_but_not_options() {
        let argv: Vec<String> =
            ["creator-studio", "--data-dir", "/lib", "a.jpg", "--data-dir=/x", "/abs/b.png"].map(String::from).into();
        assert_eq!(
            files_in_arguments(&argv, Path::new("/home/me")),
            [PathBuf::from("/home/me/a.jpg"), PathBuf::from("/abs/b.png")]
        );
    }

    #[test]
    fn each_library_has_its_own_instance_name() {
        let a = instance_id(Path::new("/tmp/library-a"));
        assert_eq!(a, instance_id(Path::new("/tmp/library-a")));
        assert_ne!(a, instance_id(Path::new("/tmp/library-b")));
        assert!(a.split('.').all(|part| !part.is_empty() && !part.starts_with(|c: char| c.is_ascii_digit())), "{a}");
    }
}
