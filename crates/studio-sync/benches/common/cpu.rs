//! CPU time of this process's threads, for benchmarks that run the
//! emulator in the same process on threads named `emulator…`.

/// CPU seconds used by this process's threads (user + system), split:
/// (all, the emulator's).
pub fn cpu_seconds() -> (f64, f64) {
    // SAFETY: sysconf has no preconditions.
    let tick = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let (mut all, mut platform) = (0.0, 0.0);
    for task in std::fs::read_dir("/proc/self/task").expect("/proc/self/task").flatten() {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else { continue };
        let Some(close) = stat.rfind(')') else { continue };
        let name = &stat[stat.find('(').unwrap_or(0) + 1..close];
        // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
        let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
        let used = (fields[11].parse::<f64>().unwrap_or(0.0) + fields[12].parse::<f64>().unwrap_or(0.0)) / tick;
        all += used;
        if name.starts_with("emulator") {
            platform += used;
        }
    }
    (all, platform)
}
